// `dhis2-pat http` end to end: the built dist/cli.js spawned as CI would, against the DHIS2 emulator
// and recording servers on loopback. The emulator runs in this process, so the CLI is spawned
// asynchronously (a synchronous spawn would stop the emulator from answering).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '../../core/dhis2/emulator';
import { generateToken, mask, seededRandom } from '../../core/token';
import { closedPort } from './clientLoopback';
import { assertNoKey, type RecordingServer, startRecordingServer } from '../support/recordingServer';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

interface Run {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

function runCli(args: readonly string[], cwd: string, env: Record<string, string | undefined>): Promise<Run> {
	assert.ok(existsSync(CLI), 'dist/cli.js exists (run the build first: node scripts/test.mjs api)');
	const child = spawn(process.execPath, [CLI, 'http', ...args], {
		cwd,
		// A clean environment: no proxy variables or a DHIS2_TOKEN from the developer's shell.
		env: { PATH: process.env.PATH, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('dhis2-pat http (CLI, end to end)', function () {
	this.timeout(30_000);
	let emulator: Emulator;
	let stranger: RecordingServer;
	let key: string;
	let dir: string;

	before(async () => {
		emulator = await startEmulator({ port: 0 });
		stranger = await startRecordingServer();
		key = emulator.createToken('alice').key;
	});
	after(async () => {
		await emulator.close();
		await stranger.close();
	});
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'dhis2-pat-http-cli-'));
		emulator.clearRequests();
		stranger.clear();
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	const write = (name: string, text: string): string => {
		writeFileSync(join(dir, name), text);
		return name;
	};
	const env = (extra: Record<string, string> = {}) => ({ DHIS2_TOKEN: key, DHIS2_BASE_URL: emulator.url, ...extra });
	const noLeak = (run: Run): void => assertNoKey(run.stdout + run.stderr, key, 'the CLI output');

	it('--dry-run --format json prints the resolved requests, key masked, and sends nothing (golden)', async () => {
		const dryKey = generateToken({ random: seededRandom(4242) });
		const base = 'https://dhis2.example.org/40';
		const file = write('dry.http', [
			'@base = https://dhis2.example.org/40',
			'### me',
			'GET {{base}}/api/me?fields=id',
			'Accept: application/json',
			'',
			'### create data',
			'# @name push',
			'POST {{base}}/api/dataValueSets',
			'Content-Type: application/json',
			'',
			'{"dataValues": []}',
			'',
			'### elsewhere',
			'GET https://elsewhere.example/status',
			'',
		].join('\n'));
		const run = await runCli([file, '--dry-run', '--format', 'json'], dir, { DHIS2_TOKEN: dryKey, DHIS2_BASE_URL: `${base}/api` });
		assertNoKey(run.stdout + run.stderr, dryKey, 'the dry-run output');
		assert.equal(run.code, 0, run.stderr);
		const inject = (path: string, how: string) => ({
			verdict: 'inject',
			injects: true,
			server: base,
			explanation: `Sending the token of DHIS2_BASE_URL (${base}) ${how}: ${base}${path} lies under that server.`,
			confirmations: [],
		});
		assert.deepEqual(JSON.parse(run.stdout), {
			dryRun: true,
			exitCode: 0,
			requests: [
				{
					index: 1,
					name: 'me',
					method: 'GET',
					url: `${base}/api/me?fields=id`,
					injection: inject('/api/me', 'because the request has no Authorization header of its own'),
					headers: [{ name: 'Accept', value: 'application/json' }, { name: 'Authorization', value: `ApiToken ${mask(dryKey)}` }],
					body: null,
					bodyBytes: 0,
				},
				{
					index: 2,
					name: 'push',
					method: 'POST',
					url: `${base}/api/dataValueSets`,
					injection: inject('/api/dataValueSets', 'because the request has no Authorization header of its own'),
					headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Authorization', value: `ApiToken ${mask(dryKey)}` }],
					body: '{"dataValues": []}',
					bodyBytes: 18,
				},
				{
					index: 3,
					name: 'elsewhere',
					method: 'GET',
					url: 'https://elsewhere.example/status',
					injection: { verdict: 'send-without-token', injects: false, server: null, explanation: 'No token: https://elsewhere.example is not a configured DHIS2 server.', confirmations: [] },
					headers: [],
					body: null,
					bodyBytes: 0,
				},
			],
		});
	});

	it('sends against the emulator: the key goes to its server only, chaining works, exit 0', async () => {
		const file = write('smoke.http', [
			`@base = ${emulator.url}`,
			'# @name me',
			'GET {{base}}/api/me?fields=id,username',
			'Authorization: ApiToken {{$dhis2.token}}',
			'',
			'###',
			'# @name echo',
			`GET ${stranger.url}/echo?user={{me.response.body.$.id}}`,
			'',
		].join('\n'));
		const run = await runCli([file], dir, env());
		noLeak(run);
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stdout, /\[1\] me: GET http:\/\/127\.0\.0\.1:\d+\/api\/me\?fields=id,username\n {4}token: Sending the token of DHIS2_BASE_URL/);
		assert.match(run.stdout, /200 OK · \d+ ms · \d+ B · application\/json/);
		assert.match(run.stdout, /"username": "alice"/);
		assert.match(run.stdout, /2 of 2 request\(s\) sent, 2 answered 2xx\/3xx\./);
		assert.equal(emulator.requests[0]?.headers.authorization, `ApiToken ${mask(key)}`);
		assert.equal(stranger.requests[0]?.url, '/echo?user=xE7jOejl9FI', 'the second request used the first one\'s response');
		assert.equal(stranger.requests[0]?.headers.authorization, undefined, 'the other origin never got the key');
	});

	it('--format json for a real send: hops with masked headers, status, body', async () => {
		const file = write('one.http', `GET ${emulator.url}/api/me\n`);
		const run = await runCli([file, '--format', 'json'], dir, env());
		noLeak(run);
		assert.equal(run.code, 0, run.stderr);
		const report = JSON.parse(run.stdout) as { exitCode: number; requests: { status: number; hops: { requestHeaders: { name: string; value: string }[]; tokenSent: boolean }[]; response: { body: string } }[] };
		assert.equal(report.exitCode, 0);
		const [request] = report.requests;
		assert.equal(request?.status, 200);
		assert.equal(request?.hops[0]?.tokenSent, true);
		assert.deepEqual(request?.hops[0]?.requestHeaders.find((header) => header.name === 'Authorization'), { name: 'Authorization', value: `ApiToken ${mask(key)}` });
		assert.match(request?.response.body ?? '', /"username": "alice"/);
	});

	it('exit 1 when a response is not 2xx/3xx (the run goes on)', async () => {
		const file = write('status.http', `GET ${emulator.url}/api/nothing-here\n\n###\nGET ${emulator.url}/api/me\n`);
		const run = await runCli([file], dir, env());
		noLeak(run);
		assert.equal(run.code, 1);
		assert.match(run.stdout, /404 Not Found/);
		assert.match(run.stdout, /2 of 2 request\(s\) sent, 1 answered 2xx\/3xx, 1 answered with another status\./);
	});

	it('exit 2 on a parse error, before anything is sent', async () => {
		const file = write('broken.http', `GET ${emulator.url}/api/me\n\n###\nGET /api/me\n`);
		const run = await runCli([file], dir, env());
		assert.equal(run.code, 2);
		assert.match(run.stderr, /broken\.http:4:5: A URL that starts with `\/` needs a `Host` header/);
		assert.equal(emulator.requests.length, 0);
	});

	it('exit 2 on an unresolved variable, naming its place', async () => {
		const file = write('unresolved.http', 'GET {{nowhere}}/api/me\n');
		const run = await runCli([file], dir, env());
		assert.equal(run.code, 2);
		assert.match(run.stderr, /unresolved\.http:1:5: `\{\{nowhere\}\}` is not defined/);
	});

	it('exit 2 on a network error (connection refused), with a clear message', async () => {
		const port = await closedPort();
		const file = write('down.http', `GET http://127.0.0.1:${port}/api/me\n`);
		const run = await runCli([file], dir, env());
		assert.equal(run.code, 2);
		assert.match(run.stderr, /Nothing is accepting connections at 127\.0\.0\.1:\d+: the connection was refused/);
	});

	it('exit 2 when the file asks for the token at another origin; that origin receives nothing', async () => {
		const file = write('steal.http', `GET ${stranger.url}/collect\nAuthorization: ApiToken {{$dhis2.token}}\n`);
		const run = await runCli([file], dir, env());
		noLeak(run);
		assert.equal(run.code, 2);
		assert.match(run.stderr, /not under a configured DHIS2 server \(configured: http:\/\/127\.0\.0\.1:\d+\)/);
		assert.equal(stranger.requests.length, 0);
	});

	it('a redirect to another origin: the CLI follows it without the key', async () => {
		stranger.route('/landing', { status: 200, body: '{"landed":true}' });
		const home = await startRecordingServer();
		try {
			home.route('/api/jump', { redirect: `${stranger.url}/landing`, status: 307 });
			const file = write('jump.http', `POST ${home.url}/api/jump\nContent-Type: application/json\n\n{"a":1}\n`);
			const run = await runCli([file], dir, env({ DHIS2_BASE_URL: home.url }));
			noLeak(run);
			assert.equal(run.code, 0, run.stderr);
			assert.match(run.stdout, /redirected to POST http:\/\/127\.0\.0\.1:\d+\/landing: Token dropped: the redirect leaves/);
			assert.equal(home.requests[0]?.headers.authorization, `ApiToken ${key}`);
			assert.equal(stranger.requests[0]?.headers.authorization, undefined);
			assert.equal(stranger.requests[0]?.body.toString(), '{"a":1}');
		} finally {
			await home.close();
		}
	});

	it('plain http to a remote host with the key needs --allow-insecure-http', async () => {
		const base = 'http://dhis2-pat-test.invalid';
		const file = write('clear.http', `GET ${base}/api/me\n`);
		const refused = await runCli([file], dir, env({ DHIS2_BASE_URL: base }));
		assert.equal(refused.code, 2);
		assert.match(refused.stderr, /unencrypted.*--allow-insecure-http/);
		// With the flag it gets as far as the network (which cannot resolve .invalid): the confirmation passed.
		const allowed = await runCli([file, '--allow-insecure-http'], dir, env({ DHIS2_BASE_URL: base }));
		assert.equal(allowed.code, 2);
		assert.match(allowed.stderr, /dhis2-pat-test\.invalid could not be found/);
	});

	it('--request picks one request by name or number; an unknown one lists the names', async () => {
		const file = write('pick.http', `### first\nGET ${emulator.url}/api/me\n\n### second\nGET ${emulator.url}/api/system/info\n`);
		const byName = await runCli([file, '--request', 'second'], dir, env());
		assert.equal(byName.code, 0, byName.stderr);
		assert.deepEqual(emulator.requests.map((request) => request.path), ['/api/system/info']);
		emulator.clearRequests();
		const byNumber = await runCli([file, '--request', '1'], dir, env());
		assert.equal(byNumber.code, 0, byNumber.stderr);
		assert.deepEqual(emulator.requests.map((request) => request.path), ['/api/me']);
		const unknown = await runCli([file, '--request', 'third'], dir, env());
		assert.equal(unknown.code, 2);
		assert.match(unknown.stderr, /no request named "third" \(requests: first, second\)/);
	});

	it('--env takes variables from http-client.env.json; an unknown environment is an error', async () => {
		write('http-client.env.json', JSON.stringify({ local: { base: emulator.url }, other: { base: 'https://x.example' } }));
		const file = write('env.http', 'GET {{base}}/api/me\n');
		const run = await runCli([file, '--env', 'local'], dir, env());
		assert.equal(run.code, 0, run.stderr);
		assert.equal(emulator.requests.length, 1);
		const unknown = await runCli([file, '--env', 'staging'], dir, env());
		assert.equal(unknown.code, 2);
		assert.match(unknown.stderr, /no environment "staging" .*\(environments: local, other\)/);
	});

	it('--token-env and --base-url replace DHIS2_TOKEN and DHIS2_BASE_URL', async () => {
		const file = write('custom.http', `GET ${emulator.url}/api/me\n`);
		const run = await runCli([file, '--token-env', 'MY_KEY', '--base-url', emulator.url], dir, { MY_KEY: key });
		noLeak(run);
		assert.equal(run.code, 0, run.stderr);
		assert.equal(emulator.requests[0]?.headers.authorization, `ApiToken ${mask(key)}`);
		assert.match(run.stdout, /token: Sending the token of --base-url/);
	});

	it('without DHIS2_BASE_URL the key is sent nowhere (and the CLI says so)', async () => {
		const file = write('nobase.http', `GET ${emulator.url}/api/me\nX-Requested-With: XMLHttpRequest\n`);
		const run = await runCli([file], dir, { DHIS2_TOKEN: key });
		noLeak(run);
		assert.equal(run.code, 1, 'DHIS2 answers 401 without a key');
		assert.match(run.stderr, /DHIS2_TOKEN is set but no DHIS2 base URL is/);
		assert.equal(emulator.requests[0]?.headers.authorization, undefined);
	});
});
