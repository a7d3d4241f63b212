/**
 * `npm start` end to end: the real script builds, packages, starts the DHIS2 emulator and the pinned VS Code
 * server (installed on first run), and must stop all of it again. Each start gets its own sandbox folder and
 * free ports, so a user's `.sandbox` and a running `npm start` are left alone.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { scanText } from '../../core/scan';
import { verifyToken } from '../../core/token';
import { poll } from '../support/poll';
import { type ProcessInfo, type Procfs, isListening, leftovers, procfs } from './processes';
import { ROOT, StartRun, freePort } from './startProcess';

// Generous: two cores shared with other suites; a cold VS Code server install alone takes ~4 minutes.
const READY_TIMEOUT_MS = 280_000;
const STOP_TIMEOUT_MS = 20_000;
const URL_LINE = /^ {4}(http:\/\/127\.0\.0\.1:(\d+)\/\?folder=(\S+))$/m;
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

interface Started {
	readonly run: StartRun;
	readonly sandboxDir: string;
	readonly emulatorPort: number;
	readonly vscodePort: number;
	readonly workbenchUrl: string;
}

describe('sandbox: npm start', () => {
	const base = mkdtempSync(join(tmpdir(), 'dhis2-pat-start-'));
	const runs: StartRun[] = [];
	let processesMentioning: Procfs['processesMentioning'];
	before(async () => ({ processesMentioning } = await procfs()));
	after(() => {
		// A failed test may leave a start (and its detached children) running: never leave them behind.
		for (const run of runs) run.child.kill('SIGKILL');
		for (const { pid } of processesMentioning(base)) {
			try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
		}
		rmSync(base, { recursive: true, force: true });
	});

	async function start(name: string): Promise<Started> {
		const sandboxDir = join(base, name);
		const emulatorPort = await freePort();
		let vscodePort = await freePort();
		while (vscodePort === emulatorPort) vscodePort = await freePort();
		const run = StartRun.launch({ sandboxDir, emulatorPort, vscodePort });
		runs.push(run);
		const match = await run.waitForOutput(URL_LINE, READY_TIMEOUT_MS);
		return { run, sandboxDir, emulatorPort, vscodePort, workbenchUrl: match[1] ?? '' };
	}

	/** Right when npm start has exited, its ports are closed; and soon no process it started is left. */
	async function assertAllStopped(started: Started, before: readonly ProcessInfo[]): Promise<void> {
		const { listenersOf } = await procfs();
		const open: string[] = [];
		for (const [what, port] of [['emulator', started.emulatorPort], ['VS Code', started.vscodePort]] as const) {
			if (await isListening(port)) open.push(`${what} port ${port}, held by ${listenersOf(port).join(', ') || 'no process found'}`);
		}
		const left = await leftovers(started.sandboxDir, before, 5_000);
		assert.deepEqual({ open, left }, { open: [], left: [] }, `npm start printed:\n${started.run.output.slice(-3000)}`);
	}

	it('serves VS Code with the .vsix and a generated demo workspace, runs the emulator, and Ctrl+C stops all of it', async () => {
		const started = await start('sigint');
		const { run, sandboxDir } = started;
		const demo = join(sandboxDir, 'demo');
		const runDir = join(sandboxDir, 'vscode');

		assert.equal(started.workbenchUrl, `http://127.0.0.1:${started.vscodePort}/?folder=${encodeURIComponent(demo)}`);
		const page = await fetch(started.workbenchUrl);
		assert.equal(page.status, 200);
		const html = await page.text();
		assert.match(html, /<meta id="vscode-workbench-web-configuration"/);
		assert.match(html, /workbench\/workbench\.js/);
		assert.ok(html.includes(`userDataPath&quot;:&quot;${join(runDir, 'ud')}&quot;`), 'served from this start\'s run folder');

		const info = await fetch(`http://127.0.0.1:${started.emulatorPort}/api/system/info`, {
			headers: { Authorization: `Basic ${Buffer.from('admin:district').toString('base64')}` },
		});
		assert.equal(info.status, 200);
		assert.equal(((await info.json()) as { version: string }).version, '2.43');

		const script = readFileSync(join(demo, 'sync_org_units.py'), 'utf8');
		const token = /DHIS2_TOKEN = "([^"]+)"/.exec(script)?.[1] ?? '';
		assert.ok(verifyToken(token), 'the demo script holds a valid token');
		const tracked = spawnSync('git', ['grep', '-q', '-F', '-e', token], { cwd: ROOT });
		assert.equal(tracked.status, 1, 'the token is generated, not committed');
		assert.equal(run.output.includes(token), false, 'npm start never prints the raw token');
		assert.match(run.output, /sync_org_units\.py:5:\d+ +token/, 'the CLI scan step reports it');
		const http = readFileSync(join(demo, 'me.http'), 'utf8');
		assert.match(http, new RegExp(`^@base = http://127\\.0\\.0\\.1:${started.emulatorPort}$`, 'm'));
		assert.equal(scanText(http, { includeLookalikes: true }).length, 0);
		assert.equal(scanText(readFileSync(join(demo, '.env.example'), 'utf8'), { includeLookalikes: true }).length, 0);

		const installed = readdirSync(join(runDir, 'exts')).filter((name) => name.startsWith('dhis2-pat.dhis2-pat-'));
		assert.deepEqual(installed, [`dhis2-pat.dhis2-pat-${version}`]);
		assert.ok(existsSync(join(runDir, 'exts', installed[0] ?? '', 'dist', 'extension.js')));

		// A browser on the workbench starts the extension host and the installed extension's language server:
		// the processes Ctrl+C must not leave behind. The tab stays open through Ctrl+C, as a user's would.
		const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
		try {
			const tab = await browser.newPage();
			await tab.goto(started.workbenchUrl);
			await tab.locator('.explorer-folders-view .monaco-list-row', { hasText: 'sync_org_units.py' }).waitFor({ timeout: 120_000 });
			const languageServer = join(runDir, 'exts', `dhis2-pat.dhis2-pat-${version}`, 'dist', 'server.js');
			await poll('the installed extension\'s language server to start', () => (processesMentioning(languageServer).length > 0 ? true : undefined), 120_000, 200);
			assert.ok(processesMentioning(sandboxDir).some((p) => p.command.includes('emulator.js')), 'the emulator runs from this sandbox');

			const before = processesMentioning(sandboxDir);
			run.child.kill('SIGINT');
			const exit = await run.exit(STOP_TIMEOUT_MS);
			assert.deepEqual(exit, { code: 0, signal: null }, run.output);
			assert.match(run.output, /Stopping everything npm start started/);
			await assertAllStopped(started, before);
		} finally {
			await browser.close();
		}
	});

	it('SIGTERM stops everything too and exits 0', async () => {
		const started = await start('sigterm');
		const before = processesMentioning(started.sandboxDir);
		started.run.child.kill('SIGTERM');
		assert.deepEqual(await started.run.exit(STOP_TIMEOUT_MS), { code: 0, signal: null }, started.run.output);
		await assertAllStopped(started, before);
	});

	it('stops what it started even when npm start itself is killed with SIGKILL', async () => {
		const started = await start('sigkill');
		const before = processesMentioning(started.sandboxDir);
		started.run.child.kill('SIGKILL');
		assert.deepEqual(await started.run.exit(STOP_TIMEOUT_MS), { code: null, signal: 'SIGKILL' });
		// None of npm start's own code ran: its reaper sees the pipe close and stops the rest.
		await leftovers(started.sandboxDir, before, STOP_TIMEOUT_MS);
		await assertAllStopped(started, before);
	});

	it('stops the rest and exits non-zero, saying why, when the emulator dies', async () => {
		const started = await start('emulator-dies');
		const before = processesMentioning(started.sandboxDir);
		const emulator = before.find((p) => p.command.includes('emulator.js'));
		assert.ok(emulator, 'the emulator process is found');
		process.kill(emulator.pid, 'SIGKILL');
		const exit = await started.run.exit(STOP_TIMEOUT_MS);
		assert.equal(exit.code, 1, started.run.output);
		assert.match(started.run.output, /The DHIS2 emulator stopped unexpectedly \(killed by SIGKILL\)/);
		await assertAllStopped(started, before);
	});

	it('refuses a chosen port that is in use, naming it, before any slow step', async () => {
		const blocker: Server = createServer();
		await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
		try {
			const address = blocker.address();
			const taken = typeof address === 'object' && address ? address.port : 0;
			const run = StartRun.launch({ sandboxDir: join(base, 'taken'), emulatorPort: taken, vscodePort: await freePort() });
			runs.push(run);
			const exit = await run.exit(STOP_TIMEOUT_MS);
			assert.equal(exit.code, 1, run.output);
			assert.match(run.output, new RegExp(`Port ${taken} on 127\\.0\\.0\\.1 \\(DHIS2_EMULATOR_PORT, for the DHIS2 emulator\\) is already in use`));
			assert.match(run.output, /DHIS2_EMULATOR_PORT=<port> npm start/);
			assert.doesNotMatch(run.output, /Building and packaging/);
		} finally {
			blocker.close();
		}
	});
});
