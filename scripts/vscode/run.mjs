// Runs test/integration inside a real extension host: VS Code's server (from the pinned code-server
// package, see install.mjs) opened by Debian Chromium through playwright-core, with the test payload that
// the workbench honours under --enable-smoke-test-driver. Recipe: shared/testing/real-vscode.md §4.
// Usage: node scripts/vscode/run.mjs [--keep]   (expects `npm run build` and install.mjs to have run)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { createRunDir, freePort, serverEnvironment } from './codeServer.mjs';
import { extensionHostLogFiles } from './logs.mjs';
import { installDir, paths } from './paths.mjs';
import { bundleSuite, PROJECT_ROOT as root, SECRETS_PROBE } from './suite.mjs';

const keep = process.argv.includes('--keep');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (message) => console.log(`integration: ${message} (+${elapsed()})`);
const SUITE_TIMEOUT_MS = 180_000;

const { node24, serverMain, marker } = paths(installDir());
if (!existsSync(marker)) {
	console.error('integration: VS Code server not installed; run `node scripts/vscode/install.mjs` (npm run pretest:integration does).');
	process.exit(1);
}
if (!existsSync(join(root, 'dist', 'extension.js'))) {
	console.error('integration: dist/extension.js missing; run `npm run build` first.');
	process.exit(1);
}

const suite = await bundleSuite();

const dirs = createRunDir({ prefix: 'dhis2-pat-integration-' });
const runDir = dirs.root;
// The workbench keeps only one extensionDevelopmentPath, so the probe is installed as a regular extension:
// copying works because the fresh extensions dir has no extensions.json yet (recipe §5.1).
cpSync(SECRETS_PROBE, join(dirs.extensions, 'dhis2-pat-integration.secrets-probe-0.0.0'), { recursive: true });
const resultsFile = join(runDir, 'results.json');

/** `[error]` lines of the extension host log that concern dhis2-pat (activation failures, client errors). */
function extensionHostErrors() {
	return extensionHostLogFiles(dirs.userData, 'remoteexthost.log')
		.flatMap((file) => readFileSync(file, 'utf8').split('\n'))
		.filter((line) => line.includes('[error]') && /dhis2/i.test(line));
}

/** The closing line, and the counts `npm test` sums (scripts/test.mjs passes DHIS2_PAT_COUNTS_FILE). */
function report(passed, failed) {
	console.log(`${passed} passed, ${failed} failed`);
	if (process.env.DHIS2_PAT_COUNTS_FILE) writeFileSync(process.env.DHIS2_PAT_COUNTS_FILE, `${JSON.stringify({ passed, failed })}\n`);
	process.exitCode = failed > 0 ? 1 : 0;
}

const port = await freePort();
const serverLog = [];
// Own process group (detached), so one kill ends the server, extension host, watcher and language server.
const server = spawn(node24, [
	serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
	'--enable-smoke-test-driver', '--disable-workspace-trust', '--disable-telemetry',
	'--server-data-dir', join(runDir, 'sd'), '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
], {
	detached: true,
	stdio: ['ignore', 'pipe', 'pipe'],
	env: serverEnvironment(dirs, {
		DHIS2_PAT_INTEGRATION_RESULTS: resultsFile,
		// activate() returns its test API (client/testApi.ts) only when this is set; never set outside this harness.
		DHIS2_PAT_TEST_API: '1',
	}),
});
let browser;
function stopAll() {
	try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stopAll(); process.exit(130); });

try {
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('VS Code server did not start within 30 s')), 30_000);
		const onData = (chunk) => {
			serverLog.push(chunk.toString());
			if (serverLog.join('').includes('Web UI available at')) { clearTimeout(timer); resolve(); }
		};
		server.stdout.on('data', onData);
		server.stderr.on('data', (chunk) => serverLog.push(chunk.toString()));
		server.once('exit', (code) => reject(new Error(`VS Code server exited early (${code})`)));
	});
	log(`VS Code server on 127.0.0.1:${port}`);

	browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	const pageErrors = [];
	page.on('console', (message) => { if (message.type() === 'error' && !/ERR_NAME_NOT_RESOLVED|404/.test(message.text())) pageErrors.push(message.text()); });
	const exitCode = new Promise((resolve) => { void page.exposeFunction('codeAutomationExit', (code) => resolve(code)); });
	await page.exposeFunction('codeAutomationLog', (type, args) => {
		const text = format(...(Array.isArray(args) ? args : [args]));
		// The gallery is unreachable offline by design; its stack traces are noise (recipe §11).
		if (/ENOTFOUND|ERR_NAME_NOT_RESOLVED/.test(text)) return;
		console.log(type === 'error' ? `  [host error] ${text}` : `  ${text}`);
	});
	const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
	const payload = [
		['extensionDevelopmentPath', remote(root)],
		['extensionTestsPath', remote(suite)],
		['skipWelcome', 'true'],
	];
	await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
	log('workbench opened, waiting for the suite');
	let timer;
	const code = await Promise.race([exitCode, new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS); })]);
	clearTimeout(timer);
	log(`extension host exited with ${code}`);

	const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
	if (!results) {
		console.error('integration: the suite wrote no results (did it load?). Browser errors:', pageErrors.slice(0, 10));
		console.error(`integration: logs kept in ${runDir}`);
		report(0, 1);
	} else {
		for (const failure of results.failures) console.error(`  ✗ ${failure}`);
		const hostErrors = extensionHostErrors();
		for (const line of hostErrors) console.error(`  ✗ extension host log: ${line}`);
		const failed = results.failed + (code === 0 ? 0 : results.failed === 0 ? 1 : 0) + (hostErrors.length > 0 ? 1 : 0);
		if (failed > 0) console.error(`integration: logs kept in ${runDir}`);
		report(results.passed, failed);
	}
} catch (error) {
	console.error(`integration: ${error instanceof Error ? error.message : String(error)}`);
	console.error(serverLog.join('').slice(-2000));
	console.error(`integration: logs kept in ${runDir}`);
	report(0, 1);
} finally {
	await browser?.close().catch(() => undefined);
	stopAll();
	if (process.exitCode === 0 && !keep) rmSync(runDir, { recursive: true, force: true });
}
