// `npm start`: try the product in a real VS Code without a DHIS2 server or a VS Code install.
// Builds and packages the extension, runs the DHIS2 emulator on 127.0.0.1, installs the pinned VS Code
// server on first run, and serves VS Code in the browser with the .vsix installed and a demo workspace
// open. Ctrl+C or SIGTERM stops everything it started.
//
// Environment: DHIS2_EMULATOR_PORT (default 8080), DHIS2_PAT_VSCODE_PORT (default 8081; a taken default
// falls back to a free port, a taken chosen one is an error), DHIS2_PAT_SANDBOX_DIR (default .sandbox).
import { join } from 'node:path';
import { writeDemoWorkspace } from './demoWorkspace.mjs';
import { printReady } from './sandbox/banner.mjs';
import { startEmulator } from './sandbox/emulator.mjs';
import { SandboxError } from './sandbox/errors.mjs';
import { claimSandbox, fresh, sandboxFolders } from './sandbox/folders.mjs';
import { canListen, choosePort } from './sandbox/ports.mjs';
import { elapsed, run, runOrFail, step } from './sandbox/steps.mjs';
import { Supervisor } from './sandbox/supervisor.mjs';
import { ensureVsCodeServer } from './sandbox/vscodeServer.mjs';
import { createRunDir, installVsix, startCodeServer } from './vscode/codeServer.mjs';

const root = new URL('..', import.meta.url).pathname;
const started = Date.now();
const supervisor = new Supervisor();

const EMULATOR_PORT = { variable: 'DHIS2_EMULATOR_PORT', fallback: 8080, what: 'DHIS2 emulator' };
const VSCODE_PORT = { variable: 'DHIS2_PAT_VSCODE_PORT', fallback: 8081, what: 'VS Code server' };

async function main() {
	const folders = sandboxFolders(root);
	claimSandbox(folders);
	// Checked before the slow steps, so a taken port fails in a second rather than after the build.
	const emulatorPort = await choosePort(EMULATOR_PORT);
	let vscodePort = await choosePort(VSCODE_PORT);

	// Packaging runs the production build of every bundle (vscode:prepublish), the CLI and emulator included.
	step('Building and packaging the extension: npm run package → dist/dhis2-pat.vsix');
	const packaged = await runOrFail(supervisor, 'npm', ['run', 'package'], { cwd: root, quiet: true, failure: 'Building or packaging failed' });
	console.log(`  ${packaged.split('\n').find((line) => line.includes('Packaged:'))?.replace(/^\s*DONE\s*/, '') ?? 'packaged'}`);
	const vsix = join(root, 'dist', 'dhis2-pat.vsix');

	step(`Starting the DHIS2 emulator on 127.0.0.1:${emulatorPort}`);
	const emulatorUrl = await startEmulator(supervisor, root, emulatorPort);
	console.log(`  listening on ${emulatorUrl}`);

	step('VS Code server');
	await ensureVsCodeServer(supervisor, root);

	step(`Writing the demo workspace to ${folders.demo}`);
	// Generated fresh on every start, so no token is ever committed to this repository.
	const { generateToken } = await import(join(root, 'dist', 'demo-token.mjs'));
	writeDemoWorkspace(fresh(folders.demo), { baseUrl: emulatorUrl, token: generateToken() });

	step(`Scanning it with the CLI: node dist/cli.js scan ${folders.demo}`);
	await run(supervisor, process.execPath, [join(root, 'dist', 'cli.js'), 'scan', folders.demo], { cwd: root });

	step(`Installing the extension into a fresh VS Code profile in ${folders.vscode}`);
	const dirs = createRunDir({ base: fresh(folders.vscode) });
	try {
		installVsix(dirs, vsix);
	} catch (error) {
		throw new SandboxError(`${error.message}\nRun \`npm run package\` on its own to check the .vsix, then npm start again.`);
	}

	step('Starting the VS Code server');
	// The port may have been taken meanwhile, e.g. during a long first-run install.
	if (!(await canListen(vscodePort))) vscodePort = await choosePort(VSCODE_PORT);
	const starting = startCodeServer(dirs, { port: vscodePort });
	supervisor.onShutdown(() => starting.then((server) => server.stop()));
	const vscode = await starting.catch((error) => { throw new SandboxError(error.message); });
	supervisor.service('VS Code server', vscode.process, { stop: vscode.stop, diagnose: () => `Its log: ${vscode.logFile}` });

	printReady({ workbenchUrl: vscode.workbenchUrl(folders.demo), emulatorUrl, logFile: vscode.logFile, took: elapsed(started) });
}

main().catch((error) => {
	if (supervisor.stopping) return;
	const message = error instanceof SandboxError ? error.message : (error?.stack ?? String(error));
	void supervisor.shutdown(1, `npm start failed: ${message}`);
});
