import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import { basicCredentials, type Credentials, Dhis2Client, Dhis2Error, type HttpOptions, HttpTransport } from '../../core/dhis2/client';
import { DEMO_USERS, type Emulator, startEmulator } from '../../core/dhis2/emulator';
import { generateToken } from '../../core/token';
import {
	assertNoSecret, closedPort, type GeneratedCertificate, json, type LoopbackServer, selfSignedCertificate, startConnectProxy, startHttpServer,
	startHttpsServer, startSilentServer,
	rejection,
} from './clientLoopback';

const alice = basicCredentials(DEMO_USERS.normal.username, DEMO_USERS.normal.password);

async function withClient<T>(baseUrl: string, http: HttpOptions, use: (client: Dhis2Client) => Promise<T>, credentials: Credentials = alice): Promise<T> {
	const client = new Dhis2Client({ baseUrl, credentials, http: { env: {}, ...http } });
	try {
		return await use(client);
	} finally {
		await client.close();
	}
}

describe('API client: network failures', () => {
	it('unreachable host (a closed loopback port) → connection refused', async () => {
		const port = await closedPort();
		const key = generateToken();
		const error = await withClient(`http://127.0.0.1:${port}`, {}, (client) => rejection(client.verifyToken(key)));
		assert.equal(error.kind, 'unreachable');
		assert.equal(error.code, 'ECONNREFUSED');
		assert.match(error.explanation, new RegExp(`127\\.0\\.0\\.1:${port}: the connection was refused`));
		assert.match(error.nextStep, /DHIS2 server \(Tomcat\) is running/);
		assertNoSecret(error, key);
	});

	it('DNS failure (a name under .invalid)', async () => {
		const error = await withClient('https://dhis2-pat-test.invalid', {}, (client) => rejection(client.systemInfo()));
		assert.equal(error.kind, 'dns');
		assert.match(error.explanation, /dhis2-pat-test\.invalid could not be found/);
		assert.match(error.nextStep, /typos/);
	});

	it('times out on a server that never answers, within the configured time', async () => {
		const silent = await startSilentServer();
		try {
			const started = Date.now();
			const error = await withClient(silent.url, { timeoutMs: 300 }, (client) => rejection(client.me()));
			const elapsed = Date.now() - started;
			assert.equal(error.kind, 'timeout');
			assert.equal(error.code, 'UND_ERR_HEADERS_TIMEOUT');
			assert.match(error.explanation, /longer than 0\.3 s to answer/);
			assert.match(error.nextStep, /dhis2\.http\.timeoutSeconds/);
			assert.ok(elapsed >= 250 && elapsed < 3000, `took ${elapsed} ms`);
		} finally {
			await silent.close();
		}
	});

	it('cancels an in-flight request through its AbortSignal', async () => {
		const silent = await startSilentServer();
		try {
			const controller = new AbortController();
			const started = Date.now();
			setTimeout(() => controller.abort(), 100);
			const error = await withClient(silent.url, { timeoutMs: 10_000 }, (client) => rejection(client.me(controller.signal)));
			assert.equal(error.kind, 'cancelled');
			assert.ok(Date.now() - started < 2000, 'did not wait for the timeout');
			assert.ok(silent.connections() >= 1, 'the request had started');
		} finally {
			await silent.close();
		}
	});

	it('does not even connect when the signal is already aborted', async () => {
		const silent = await startSilentServer();
		try {
			const controller = new AbortController();
			controller.abort();
			const error = await withClient(silent.url, {}, (client) => rejection(client.me(controller.signal)));
			assert.equal(error.kind, 'cancelled');
			assert.equal(silent.connections(), 0);
		} finally {
			await silent.close();
		}
	});

	it('reports each call to a trace hook without headers or bodies', async () => {
		const port = await closedPort();
		const events: unknown[] = [];
		const emulator = await startEmulator({ port: 0, version: '2.41' });
		try {
			const key = generateToken();
			await withClient(emulator.url, { trace: (event) => events.push(event) }, async (client) => {
				await client.me();
				await rejection(client.verifyToken(key));
			});
			await withClient(`http://127.0.0.1:${port}`, { trace: (event) => events.push(event) }, (client) => rejection(client.me()));
			assert.deepEqual(events.map((event) => Object.keys(event as object).sort().join(',')), [
				'durationMs,method,status,url', 'durationMs,method,status,url', 'durationMs,errorKind,method,url',
			]);
			assert.deepEqual(events.map((event) => (event as { status?: number; errorKind?: string }).status ?? (event as { errorKind?: string }).errorKind), [200, 401, 'unreachable']);
			assert.ok(!JSON.stringify(events).includes(key));
		} finally {
			await emulator.close();
		}
	});

	it('http:// to a server that closes the connection → not HTTP, try https', async () => {
		// Answers once the request has arrived, as a non-HTTP service on the port would.
		const server = createServer((socket) => socket.once('data', () => socket.end('garbage that is not http\r\n\r\n')));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		try {
			const error = await withClient(`http://127.0.0.1:${port}`, {}, (client) => rejection(client.me()));
			assert.equal(error.kind, 'not-http');
			assert.match(error.nextStep, /use https:\/\//);
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});
});

describe('API client: TLS (self-signed certificate made with openssl at test time)', function () {
	let certificate: GeneratedCertificate;
	let server: LoopbackServer;

	before(async function () {
		const made = selfSignedCertificate();
		if ('skip' in made) {
			console.log(`      (skipped: ${made.skip})`);
			this.skip();
		}
		certificate = made;
		server = await startHttpsServer(certificate, (req, res) => {
			if (req.url.startsWith('/api/system/info')) return json(res, 200, { version: '2.41.6' });
			json(res, 200, { id: DEMO_USERS.normal.id, username: 'alice' });
		});
	});
	after(async () => {
		await server?.close();
	});

	it('rejects a self-signed certificate by default and names the CA setting', async () => {
		const error = await withClient(server.url, {}, (client) => rejection(client.systemInfo()));
		assert.equal(error.kind, 'tls');
		assert.equal(error.tlsProblem, 'self-signed');
		assert.match(error.explanation, /self-signed certificate/);
		assert.match(error.nextStep, /"dhis2\.http\.caCertificates" setting/);
		assert.match(error.nextStep, /never switched off/);
		assert.equal(server.requests.length, 0, 'no request got through');
	});

	it('trusts the server once its certificate is given as a custom CA (PEM)', async () => {
		const info = await withClient(server.url, { caCertificates: certificate.cert }, (client) => client.systemInfo());
		assert.equal(info.version.text, '2.41.6');
		const me = await withClient(server.url, { caCertificates: [`# comment\n${certificate.cert}`] }, (client) => client.me());
		assert.equal(me.id, DEMO_USERS.normal.id);
	});

	it('a trusted certificate for another host name is still rejected', async function () {
		const other = selfSignedCertificate('other.example', 'DNS:other.example');
		if ('skip' in other) return this.skip();
		const mismatched = await startHttpsServer(other, (_req, res) => json(res, 200, {}));
		try {
			const error = await withClient(mismatched.url, { caCertificates: other.cert }, (client) => rejection(client.me()));
			assert.equal(error.kind, 'tls');
			assert.equal(error.tlsProblem, 'hostname-mismatch');
			assert.match(error.explanation, /issued for a different host name/);
		} finally {
			await mismatched.close();
		}
	});

	it('with a CA configured that does not cover the server, says so', async function () {
		const other = selfSignedCertificate('other.example', 'DNS:other.example');
		if ('skip' in other) return this.skip();
		const error = await withClient(server.url, { caCertificates: other.cert }, (client) => rejection(client.me()));
		assert.equal(error.kind, 'tls');
		assert.match(error.nextStep, /do not cover this server/);
	});

	it('https:// to a plain-http server → use http://', async () => {
		const plain = await startHttpServer((_req, res) => json(res, 200, {}));
		try {
			const error = await withClient(plain.url.replace('http:', 'https:'), {}, (client) => rejection(client.me()));
			assert.equal(error.kind, 'tls');
			assert.equal(error.tlsProblem, 'plain-http');
			assert.match(error.nextStep, /use http:\/\//);
		} finally {
			await plain.close();
		}
	});

	it('refuses a CA setting that holds no certificate', () => {
		assert.throws(() => new HttpTransport({ caCertificates: 'not a pem' }), (error: unknown) => error instanceof Dhis2Error && error.kind === 'invalid-setting' && /dhis2\.http\.caCertificates/.test(error.explanation));
		assert.doesNotThrow(() => new HttpTransport({ caCertificates: ['', '  '] }).close());
	});
});

describe('API client: proxies from the environment', () => {
	let emulator: Emulator;
	before(async () => {
		emulator = await startEmulator({ port: 0, version: '2.41' });
	});
	after(() => emulator.close());

	it('tunnels through HTTP_PROXY, and goes direct for hosts in NO_PROXY', async () => {
		const proxy = await startConnectProxy();
		try {
			const host = new URL(emulator.url).host;
			const me = await withClient(emulator.url, { env: { HTTP_PROXY: proxy.url } }, (client) => client.me());
			assert.equal(me.id, DEMO_USERS.normal.id);
			assert.deepEqual(proxy.targets, [host]);
			await withClient(emulator.url, { env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } }, (client) => client.me());
			assert.equal(proxy.targets.length, 1, 'NO_PROXY bypassed the proxy');
			await withClient(emulator.url, { env: { http_proxy: proxy.url, HTTP_PROXY: 'http://127.0.0.1:1' } }, (client) => client.me());
			assert.equal(proxy.targets.length, 2, 'lower-case http_proxy wins');
		} finally {
			await proxy.close();
		}
	});

	it('a dead proxy is named as the problem, without its credentials', async () => {
		const port = await closedPort();
		const error = await withClient(emulator.url, { env: { HTTP_PROXY: `http://proxyuser:proxy-secret-99@127.0.0.1:${port}` } }, (client) => rejection(client.me()));
		assert.equal(error.kind, 'proxy');
		assert.match(error.explanation, new RegExp(`proxy http://127\\.0\\.0\\.1:${port} could not be reached`));
		assert.match(error.nextStep, /NO_PROXY/);
		assertNoSecret(error, 'proxy-secret-99');
	});
});
