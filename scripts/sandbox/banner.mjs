// What `npm start` prints once everything is up: where to go, and what to try there.
import { relative } from 'node:path';

export function printReady({ workbenchUrl, emulatorUrl, logFile, took }) {
	const nearby = relative(process.cwd(), logFile);
	const log = nearby.startsWith('..') ? logFile : nearby;
	console.log([
		'',
		`✔ Ready in ${took}. Open VS Code in your browser (this address: 127.0.0.1, not another host name):`,
		'',
		`    ${workbenchUrl}`,
		'',
		`  The DHIS2 emulator runs on ${emulatorUrl} (user admin, password district).`,
		'',
		'Try this:',
		`  1. DHIS2 Tokens view (key icon in the activity bar) → Add Server → ${emulatorUrl}, sign in as admin / district.`,
		'  2. Generate Token… (＋ on the server): fill the form; the new key is stored in VS Code\'s secret storage.',
		'  3. Open sync_org_units.py: the leaked token is squiggled; the lightbulb (Ctrl+.) moves it into .env.',
		'  4. Open me.http → Send Request (Ctrl+Alt+R or ▷ in the editor title): the extension adds the token;',
		'     the response shows Authorization masked.',
		'',
		`Ctrl+C stops the emulator and VS Code. VS Code's log: ${log}`,
	].join('\n'));
}
