// `npm start`: try the product without a DHIS2 server or a VS Code build.
// Builds the bundles, lays out a demo workspace with a leaked token in `.sandbox/demo`, shows the CLI
// finding it, and runs the DHIS2 emulator on 127.0.0.1 until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const demo = join(root, '.sandbox', 'demo');
const port = process.env.DHIS2_EMULATOR_PORT ?? '8080';

function step(title) {
	console.log(`\n▸ ${title}`);
}

step('Building');
if (spawnSync(process.execPath, [join(root, 'scripts/esbuild.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);

step(`Writing a demo workspace to ${demo}`);
// The demo token is generated fresh, so no token is ever committed to this repository.
const { generateToken } = await import(join(root, 'dist', 'demo-token.mjs'));
const leaked = generateToken();
rmSync(demo, { recursive: true, force: true });
mkdirSync(demo, { recursive: true });
writeFileSync(join(demo, 'sync_org_units.py'), [
	'"""Pulls organisation units from DHIS2."""',
	'import requests',
	'',
	`BASE_URL = "http://127.0.0.1:${port}"`,
	`DHIS2_TOKEN = "${leaked}"`,
	'',
	'def org_units():',
	'    response = requests.get(f"{BASE_URL}/api/organisationUnits", headers={"Authorization": f"ApiToken {DHIS2_TOKEN}"})',
	'    response.raise_for_status()',
	'    return response.json()',
	'',
].join('\n'));
writeFileSync(join(demo, 'me.http'), [
	`@base = http://127.0.0.1:${port}`,
	'',
	'### Who am I?',
	'GET {{base}}/api/me',
	'Accept: application/json',
	'',
].join('\n'));
writeFileSync(join(demo, '.env.example'), 'DHIS2_BASE_URL=\n');

step('Scanning it with the CLI: node dist/cli.js scan .sandbox/demo');
spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'scan', demo], { stdio: 'inherit' });

step('Starting the DHIS2 emulator (Ctrl+C stops it)');
const emulator = spawn(process.execPath, [join(root, 'dist', 'emulator.js'), '--port', port], { stdio: 'inherit' });
console.log([
	'',
	'Try next:',
	`  • Open ${demo} in VS Code with the extension (npm run package → Install from VSIX): the token in`,
	'    sync_org_units.py is squiggled; the lightbulb moves it into .env.',
	`  • curl -u admin:district http://127.0.0.1:${port}/api/me`,
	'',
].join('\n'));
const stop = () => emulator.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
emulator.on('exit', (code) => process.exit(code ?? 0));
