import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { closeSharedSenders, discardBody, type SendOptions, sendRequest } from '../../core/http/send';
import { generateToken } from '../../core/token';
import { closedPort, selfSignedCertificate, startSilentServer } from './clientLoopback';
import { assertNoKey, patternBytes, type RecordingServer, resolvedRequest, startRecordingServer } from '../support/recordingServer';
import { failure } from '../support/sendFailure';

const NO_SERVERS: SendOptions = { injection: { servers: [] } };

function patternHash(totalBytes: number, chunkBytes = 64 * 1024): string {
	const hash = createHash('sha256');
	for (let offset = 0; offset < totalBytes; offset += chunkBytes) hash.update(patternBytes(offset, Math.min(chunkBytes, totalBytes - offset)));
	return hash.digest('hex');
}

describe('.http sender: bodies, cancellation, timeouts', () => {
	let server: RecordingServer;
	let tempDir: string;

	before(async () => {
		server = await startRecordingServer();
	});
	after(async () => {
		await server.close();
		await closeSharedSenders();
	});
	beforeEach(() => {
		server.clear();
		tempDir = mkdtempSync(join(tmpdir(), 'dhis2-pat-http-test-'));
	});
	afterEach(() => rmSync(tempDir, { recursive: true, force: true }));

	it('a 20 MB response streams to a 0600 temp file, with size and path, without blocking the event loop', async () => {
		const total = 20 * 1024 * 1024;
		server.route('/big', { stream: { totalBytes: total, contentType: 'application/json' } });
		// Warm up first: undici compiles its HTTP parser (WebAssembly) on the first connection.
		await sendRequest(resolvedRequest('GET', `${server.url}/warm-up`), NO_SERVERS);
		// Not blocking is checked by turns, not time (the benchmark measures the delay): other callbacks keep
		// running between the chunks, as they would not if the body were read or written in one go.
		let turns = 0;
		let ticking = true;
		const tick = (): void => { turns += 1; if (ticking) setImmediate(tick); };
		setImmediate(tick);
		const turnsAtProgress: number[] = [];
		const progress: number[] = [];
		const exchange = await sendRequest(resolvedRequest('GET', `${server.url}/big`), {
			...NO_SERVERS,
			tempDir,
			onProgress: (p) => {
				if (p.phase !== 'receiving') return;
				progress.push(p.receivedBytes);
				turnsAtProgress.push(turns);
			},
		});
		ticking = false;
		const body = exchange.response.body;
		assert.equal(body.kind, 'file');
		assert.equal(body.size, total);
		if (body.kind !== 'file') return;
		assert.ok(body.path.startsWith(tempDir) && body.path.endsWith('.json'), body.path);
		assert.equal(statSync(body.path).size, total);
		assert.equal(statSync(body.path).mode & 0o777, 0o600);
		assert.equal(createHash('sha256').update(await readFile(body.path)).digest('hex'), patternHash(total));
		assert.ok(progress.length > 10 && progress.at(-1) === total, 'progress reported along the way');
		assert.ok(new Set(turnsAtProgress).size > 10, `other callbacks ran between only ${new Set(turnsAtProgress).size} of ${progress.length} progress reports`);
		await discardBody(body);
		assert.equal(existsSync(body.path), false);
	});

	it('a body without Content-Length moves from memory to a file once it passes the limit', async () => {
		server.route('/chunked', { stream: { totalBytes: 300_000, chunkBytes: 10_000, contentLength: false } });
		const exchange = await sendRequest(resolvedRequest('GET', `${server.url}/chunked`), { ...NO_SERVERS, tempDir, maxInMemoryBytes: 100_000 });
		assert.equal(exchange.response.body.kind, 'file');
		if (exchange.response.body.kind !== 'file') return;
		assert.equal(createHash('sha256').update(await readFile(exchange.response.body.path)).digest('hex'), patternHash(300_000, 10_000));
	});

	it('a small body stays in memory', async () => {
		server.route('/small', { stream: { totalBytes: 1000 } });
		const exchange = await sendRequest(resolvedRequest('GET', `${server.url}/small`), { ...NO_SERVERS, tempDir });
		assert.equal(exchange.response.body.kind, 'memory');
		assert.deepEqual(exchange.response.body.kind === 'memory' ? Buffer.from(exchange.response.body.bytes) : undefined, patternBytes(0, 1000));
		assert.deepEqual(readdirSync(tempDir), []);
	});

	it('cancelling mid-body stops the download and removes the partial file', async () => {
		server.route('/stall', { stall: { sentBytes: 6 * 1024 * 1024 } });
		const controller = new AbortController();
		const promise = sendRequest(resolvedRequest('GET', `${server.url}/stall`), {
			...NO_SERVERS,
			tempDir,
			signal: controller.signal,
			onProgress: (p) => p.receivedBytes >= 6 * 1024 * 1024 && controller.abort(),
		});
		const error = await failure(promise);
		assert.equal(error.kind, 'cancelled');
		assert.match(error.explanation, /was cancelled/);
		assert.deepEqual(readdirSync(tempDir), [], 'no partial file left behind');
	});

	it('cancelling while waiting for the answer', async () => {
		const silent = await startSilentServer();
		try {
			const controller = new AbortController();
			setTimeout(() => controller.abort(), 100);
			const started = Date.now();
			const error = await failure(sendRequest(resolvedRequest('GET', `${silent.url}/x`), { ...NO_SERVERS, signal: controller.signal }));
			assert.equal(error.kind, 'cancelled');
			assert.ok(Date.now() - started < 2000);
		} finally {
			await silent.close();
		}
	});

	it('an already-aborted signal sends nothing', async () => {
		const controller = new AbortController();
		controller.abort();
		const error = await failure(sendRequest(resolvedRequest('GET', `${server.url}/x`), { ...NO_SERVERS, signal: controller.signal }));
		assert.equal(error.kind, 'cancelled');
		assert.equal(server.requests.length, 0);
	});

	it('# @timeout: a server that never answers times out in about that time', async () => {
		const silent = await startSilentServer();
		try {
			const started = Date.now();
			const error = await failure(sendRequest(resolvedRequest('GET', `${silent.url}/x`, { timeoutMs: 300 }), NO_SERVERS));
			const elapsed = Date.now() - started;
			assert.equal(error.kind, 'timeout');
			assert.match(error.explanation, /longer than 0\.3 s to answer/);
			assert.match(error.nextStep, /@timeout/);
			assert.ok(elapsed >= 250 && elapsed < 3000, `took ${elapsed} ms`);
		} finally {
			await silent.close();
		}
	});

	it('a body that stops arriving times out, saying how much came', async () => {
		server.route('/stall-small', { stall: { sentBytes: 1000 } });
		const error = await failure(sendRequest(resolvedRequest('GET', `${server.url}/stall-small`, { timeoutMs: 300 }), { ...NO_SERVERS, tempDir }));
		assert.equal(error.kind, 'timeout');
		assert.match(error.explanation, /stopped sending its answer for longer than 0\.3 s \(1000 bytes received\)/);
	});

	it('a server closing mid-body: a clear message with the byte counts', async () => {
		server.route('/cut', { closeMidBody: { announcedBytes: 1_000_000, sentBytes: 20_000 } });
		const error = await failure(sendRequest(resolvedRequest('GET', `${server.url}/cut`), { ...NO_SERVERS, tempDir }));
		assert.equal(error.kind, 'incomplete-body');
		assert.match(error.explanation, /closed the connection in the middle of its answer, after \d+ bytes of the 1000000 it announced/);
		assert.equal(error.hops.length, 1);
		assert.equal(error.hops[0]?.response, undefined);
	});

	it('a server closing a small announced body mid-way (read in one go): still a clear message', async () => {
		server.route('/cut-small', { closeMidBody: { announcedBytes: 10_000, sentBytes: 2_000 } });
		const error = await failure(sendRequest(resolvedRequest('GET', `${server.url}/cut-small`), { ...NO_SERVERS, tempDir }));
		assert.equal(error.kind, 'incomplete-body');
		assert.match(error.explanation, /closed the connection in the middle of its answer, before all 10000 bytes it announced had arrived/);
	});

	it('a server closing a chunked body mid-way (large, streaming to a file): no file left', async () => {
		server.route('/cut-chunked', { closeMidBody: { sentBytes: 300_000 } });
		const error = await failure(sendRequest(resolvedRequest('GET', `${server.url}/cut-chunked`), { ...NO_SERVERS, tempDir, maxInMemoryBytes: 100_000 }));
		assert.equal(error.kind, 'incomplete-body');
		assert.deepEqual(readdirSync(tempDir), []);
	});
});

describe('.http sender: invalid requests and network failures', () => {
	after(() => closeSharedSenders());

	const invalid: readonly [string, RegExp, RegExp][] = [
		['not a url', /is not a valid URL/, /full URL, starting with https:\/\//],
		['/api/me', /is not a valid URL/, /full URL/],
		['http://', /is not a valid URL/, /typos/],
		['ftp://files.example/x', /Only http:\/\/ and https:\/\/ URLs can be sent, not ftp:/, /http/],
		['http://exa mple.org/', /is not a valid URL/, /typos/],
	];
	for (const [url, explanation, nextStep] of invalid) {
		it(`invalid URL "${url}"`, async () => {
			const error = await failure(sendRequest(resolvedRequest('GET', url), NO_SERVERS));
			assert.equal(error.kind, 'invalid-url');
			assert.match(error.explanation, explanation);
			assert.match(error.nextStep, nextStep);
		});
	}

	it('an invalid URL holding a key does not echo it', async () => {
		const key = generateToken();
		const error = await failure(sendRequest(resolvedRequest('GET', `http://exa mple.org/?api_token=${key}`), NO_SERVERS));
		assertNoKey(`${error.message} ${JSON.stringify(error)} ${inspect(error)}`, key, 'the error');
	});

	it('a header with a line break is refused before sending', async () => {
		const error = await failure(sendRequest(resolvedRequest('GET', 'http://127.0.0.1:9/x', { headers: [{ name: 'X-A', value: 'a\r\nHost: evil' }] }), NO_SERVERS));
		assert.equal(error.kind, 'invalid-request');
		assert.match(error.explanation, /line break/);
	});

	it('a method that HTTP cannot carry is refused before sending', async () => {
		const error = await failure(sendRequest(resolvedRequest('GE T', 'http://127.0.0.1:9/x'), NO_SERVERS));
		assert.equal(error.kind, 'invalid-request');
		assert.match(error.explanation, /"GE T" is not a valid HTTP method/);
	});

	it('DNS failure', async () => {
		const error = await failure(sendRequest(resolvedRequest('GET', 'https://dhis2-pat-test.invalid/api/me'), NO_SERVERS));
		assert.equal(error.kind, 'dns');
		assert.match(error.explanation, /dhis2-pat-test\.invalid could not be found/);
	});

	it('connection refused', async () => {
		const port = await closedPort();
		const error = await failure(sendRequest(resolvedRequest('GET', `http://127.0.0.1:${port}/api/me`), NO_SERVERS));
		assert.equal(error.kind, 'unreachable');
		assert.equal(error.code, 'ECONNREFUSED');
		assert.match(error.explanation, /connection was refused/);
	});

	it('TLS: a self-signed server fails verification; trusting its certificate makes it work', async function () {
		const tls = selfSignedCertificate('127.0.0.1', 'IP:127.0.0.1');
		if ('skip' in tls) this.skip();
		const secure = await startRecordingServer({ tls });
		try {
			const error = await failure(sendRequest(resolvedRequest('GET', `${secure.url}/x`), NO_SERVERS));
			assert.equal(error.kind, 'tls');
			assert.match(error.explanation, /self-signed certificate/);
			assert.match(error.nextStep, /certificate checks are never switched off/);
			const exchange = await sendRequest(resolvedRequest('GET', `${secure.url}/x`), { ...NO_SERVERS, caCertificates: tls.cert });
			assert.equal(exchange.response.status, 200);
		} finally {
			await secure.close();
		}
	});

	it('plain http spoken to a TLS port', async function () {
		const tls = selfSignedCertificate('127.0.0.1', 'IP:127.0.0.1');
		if ('skip' in tls) this.skip();
		const secure = await startRecordingServer({ tls });
		try {
			const error = await failure(sendRequest(resolvedRequest('GET', `${secure.httpUrl}/x`, { timeoutMs: 2000 }), NO_SERVERS));
			assert.equal(error.kind, 'not-http');
			assert.match(error.explanation, /closed the connection or answered with something that is not HTTP/);
		} finally {
			await secure.close();
		}
	});
});
