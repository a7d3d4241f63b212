import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USERS } from '../../core/dhis2/emulator';
import { basicHeader } from './emulatorHttp';

const bundle = join(__dirname, '..', '..', 'dist', 'emulator.js');

interface Running {
	readonly child: ChildProcess;
	readonly url: string;
	output(): string;
	exit(): Promise<number | null>;
}

/** Starts `node dist/emulator.js` and waits for the line that names its URL. */
function startCli(args: string[]): Promise<Running> {
	assert.ok(existsSync(bundle), 'dist/emulator.js exists (run the build first: node scripts/test.mjs api)');
	const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 10_000);
		const onData = (chunk: Buffer): void => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match?.[1] && output.includes('Ctrl+C')) {
				clearTimeout(timer);
				resolve({ child, url: match[1], output: () => output, exit: () => exited });
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`exited with ${code}:\n${output}`));
		});
	});
}

function runToExit(args: string[]): Promise<{ code: number | null; output: string }> {
	const child = spawn(process.execPath, [bundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('emulator CLI (node dist/emulator.js)', () => {
	it('prints its URL and the demo credentials, serves the chosen version, and stops cleanly on Ctrl+C', async () => {
		const running = await startCli(['--port', '0', '--version', '2.40']);
		try {
			assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/);
			for (const user of Object.values(DEMO_USERS)) {
				assert.ok(running.output().includes(user.username) && running.output().includes(user.password), user.username);
			}
			assert.match(running.output(), /Token authentication: on/);
			const response = await fetch(`${running.url}/api/system/info`, { headers: { Authorization: basicHeader(DEMO_USERS.admin) } });
			assert.equal(((await response.json()) as { version?: string }).version, '2.40');
		} finally {
			running.child.kill('SIGINT');
		}
		assert.equal(await running.exit(), 0);
		assert.match(running.output(), /stopped/);
	});

	it('says token authentication is off for 2.37 unless --enable-api-token-auth is given', async () => {
		for (const [args, state] of [[[], /Token authentication: off/], [['--enable-api-token-auth'], /Token authentication: on/]] as const) {
			const running = await startCli(['--port', '0', '--version', '2.37', ...args]);
			running.child.kill('SIGTERM');
			assert.equal(await running.exit(), 0);
			assert.match(running.output(), state);
		}
	});

	it('refuses an unknown version and a bad port', async () => {
		const version = await runToExit(['--port', '0', '--version', '2.36']);
		assert.equal(version.code, 1);
		assert.match(version.output, /Unsupported DHIS2 version "2\.36"/);
		const port = await runToExit(['--port', 'eighty']);
		assert.equal(port.code, 2);
		assert.match(port.output, /Invalid --port "eighty"/);
	});
});
