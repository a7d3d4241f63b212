// `npm run test:electron`: the same in-host suite as `npm run test:integration`, in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (this project's CI cannot; it runs the
// suite in VS Code's server instead). Runs the oldest VS Code the manifest accepts and the current stable,
// as rust-analyzer does, unless VSCODE_VERSION names one. Linux without a display needs `xvfb-run -a`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { QUIET_SETTINGS } from './codeServer.mjs';
import { bundleSuite, PROJECT_ROOT, SECRETS_PROBE } from './suite.mjs';

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
const minimum = manifest.engines.vscode.replace(/^\^/, '');
const versions = process.env.VSCODE_VERSION ? [process.env.VSCODE_VERSION] : [minimum, 'stable'];

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
	console.error('test:electron: no display. Run it as `xvfb-run -a npm run test:electron` (Debian: apt-get install -y xvfb).');
	process.exit(1);
}

const suite = await bundleSuite();
let passed = 0;
let failed = 0;
for (const version of versions) {
	const runDir = mkdtempSync(join(tmpdir(), 'dhis2-pat-electron-'));
	const userData = join(runDir, 'ud');
	const workspace = join(runDir, 'ws');
	mkdirSync(join(userData, 'User'), { recursive: true });
	mkdirSync(workspace);
	writeFileSync(join(userData, 'User', 'settings.json'), `${JSON.stringify(QUIET_SETTINGS, null, '\t')}\n`);
	const resultsFile = join(runDir, 'results.json');
	console.log(`test:electron: VS Code ${version}`);
	try {
		await runTests({
			version,
			extensionDevelopmentPath: [PROJECT_ROOT, SECRETS_PROBE],
			extensionTestsPath: suite,
			extensionTestsEnv: { DHIS2_PAT_TEST_API: '1', DHIS2_PAT_INTEGRATION_RESULTS: resultsFile },
			launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', join(runDir, 'exts')],
		});
	} catch (error) {
		// Both a failing suite (non-zero exit) and a failed download end here; the results file tells them apart.
		console.error(`test:electron: VS Code ${version}: ${error instanceof Error ? error.message : String(error)}`);
	}
	let results;
	try {
		results = JSON.parse(readFileSync(resultsFile, 'utf8'));
	} catch {
		console.error(`test:electron: VS Code ${version} ran no tests (could it be downloaded? offline, use \`npm run test:integration\`).`);
		failed += 1;
		continue;
	}
	for (const failure of results.failures) console.error(`  ✗ ${failure}`);
	passed += results.passed;
	failed += results.failed;
	if (results.failed === 0) rmSync(runDir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
