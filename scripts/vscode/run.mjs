// Runs test/integration inside a real extension host: VS Code's server (from the pinned code-server
// package, see install.mjs) opened by Debian Chromium through playwright-core, with the test payload that
// the workbench honours under --enable-smoke-test-driver. Recipe: shared/testing/real-vscode.md §4.
// Usage: node scripts/vscode/run.mjs [--keep]   (expects `npm run build` and install.mjs to have run)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { installDir, paths } from './paths.mjs';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
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

// The suite is bundled (core/token included) outside dist/, so it never lands in the packaged .vsix.
const suite = join(root, '.vscode-test', 'integration', 'suite.js');
await esbuild.build({
	entryPoints: [join(root, 'test', 'integration', 'index.ts')], outfile: suite, bundle: true, format: 'cjs',
	platform: 'node', target: 'node20', sourcemap: 'inline', external: ['vscode', 'mocha'], logLevel: 'warning',
});

const runDir = mkdtempSync(join(tmpdir(), 'dhis2-pat-integration-'));
const dirs = Object.fromEntries(['home', 'ud/User', 'exts', 'ws', 'sd', 'logs'].map((name) => [name, join(runDir, name)]));
for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
// The workbench keeps only one extensionDevelopmentPath, so the probe is installed as a regular extension:
// copying works because the fresh extensions dir has no extensions.json yet (recipe §5.1).
cpSync(join(root, 'test', 'integration', 'secretsProbe'), join(dirs.exts, 'dhis2-pat-integration.secrets-probe-0.0.0'), { recursive: true });
writeFileSync(join(dirs['ud/User'], 'settings.json'), `${JSON.stringify({
	'workbench.startupEditor': 'none', 'workbench.welcomePage.walkthroughs.openOnInstall': false, 'workbench.tips.enabled': false,
	'security.workspace.trust.enabled': false, 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
	'telemetry.telemetryLevel': 'off', 'workbench.enableExperiments': false, 'update.mode': 'none', 'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false, 'extensions.ignoreRecommendations': true, 'git.enabled': false, 'files.autoSave': 'off',
}, null, '\t')}\n`);
const resultsFile = join(runDir, 'results.json');

/** `[error]` lines of the extension host log that concern dhis2-pat (activation failures, client errors). */
function extensionHostErrors() {
	const logs = join(runDir, 'ud', 'logs');
	if (!existsSync(logs)) return [];
	const lines = [];
	for (const session of readdirSync(logs)) {
		for (const host of readdirSync(join(logs, session)).filter((name) => name.startsWith('exthost'))) {
			const file = join(logs, session, host, 'remoteexthost.log');
			if (!existsSync(file)) continue;
			lines.push(...readFileSync(file, 'utf8').split('\n').filter((line) => line.includes('[error]') && /dhis2/i.test(line)));
		}
	}
	return lines;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const port = await freePort();
const home = dirs.home;
const serverLog = [];
// Own process group (detached), so one kill ends the server, extension host, watcher and language server.
const server = spawn(node24, [
	serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
	'--enable-smoke-test-driver', '--disable-workspace-trust', '--disable-telemetry',
	'--server-data-dir', dirs.sd, '--user-data-dir', join(runDir, 'ud'), '--extensions-dir', dirs.exts,
], {
	detached: true,
	stdio: ['ignore', 'pipe', 'pipe'],
	env: {
		...process.env,
		// Native modules are built for Node 24; the project's Node 20 must not be picked up by the server.
		PATH: `${join(node24, '..')}:${process.env.PATH ?? ''}`,
		HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), XDG_CACHE_HOME: join(home, '.cache'),
		DHIS2_PAT_INTEGRATION_RESULTS: resultsFile,
	},
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
	await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
	log('workbench opened, waiting for the suite');
	let timer;
	const code = await Promise.race([exitCode, new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS); })]);
	clearTimeout(timer);
	log(`extension host exited with ${code}`);

	const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
	if (!results) {
		console.error('integration: the suite wrote no results (did it load?). Browser errors:', pageErrors.slice(0, 10));
		console.error(`integration: logs kept in ${runDir}`);
		console.log('0 passed, 1 failed');
		process.exitCode = 1;
	} else {
		for (const failure of results.failures) console.error(`  ✗ ${failure}`);
		const hostErrors = extensionHostErrors();
		for (const line of hostErrors) console.error(`  ✗ extension host log: ${line}`);
		const failed = results.failed + (code === 0 ? 0 : results.failed === 0 ? 1 : 0) + (hostErrors.length > 0 ? 1 : 0);
		if (failed > 0) console.error(`integration: logs kept in ${runDir}`);
		console.log(`${results.passed} passed, ${failed} failed`);
		process.exitCode = failed > 0 ? 1 : 0;
	}
} catch (error) {
	console.error(`integration: ${error instanceof Error ? error.message : String(error)}`);
	console.error(serverLog.join('').slice(-2000));
	console.error(`integration: logs kept in ${runDir}`);
	console.log('0 passed, 1 failed');
	process.exitCode = 1;
} finally {
	await browser?.close().catch(() => undefined);
	stopAll();
	if (process.exitCode === 0 && !keep) rmSync(runDir, { recursive: true, force: true });
}
