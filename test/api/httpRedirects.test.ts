// The redirect matrix: no injected token ever reaches another origin or travels over a downgrade,
// for every redirect status, over real loopback servers (two ports on 127.0.0.1, 127.0.0.1 vs
// 127.0.0.2, and https → http on the very same host and port).
import assert from 'node:assert/strict';
import { type InjectionPolicy } from '../../core/http/inject';
import { closeSharedSenders, type HttpExchange, HttpSendError, sendRequest } from '../../core/http/send';
import { generateToken, mask } from '../../core/token';
import { type GeneratedCertificate, selfSignedCertificate } from './clientLoopback';
import { assertNoKey, receivedHeaderText, type RecordingServer, resolvedRequest, startRecordingServer } from '../support/recordingServer';

const STATUSES = [301, 302, 303, 307, 308] as const;

describe('.http sender: redirect matrix', function () {
	const key = generateToken();
	let home: RecordingServer; // http://127.0.0.1:P1, the configured DHIS2 server (base path /dhis)
	let otherPort: RecordingServer; // http://127.0.0.1:P2
	let otherHost: RecordingServer; // http://127.0.0.2:P3
	let secure: RecordingServer; // https://127.0.0.1:P4, also speaking plain http on P4
	let certificate: GeneratedCertificate;

	const policy = (): InjectionPolicy => ({
		servers: [
			{ baseUrl: `${home.url}/dhis`, token: () => Promise.resolve(key) },
			{ baseUrl: secure.url, token: () => Promise.resolve(key) },
		],
	});

	before(async function () {
		const tls = selfSignedCertificate('127.0.0.1', 'IP:127.0.0.1');
		if ('skip' in tls) this.skip();
		certificate = tls;
		home = await startRecordingServer();
		otherPort = await startRecordingServer();
		otherHost = await startRecordingServer({ host: '127.0.0.2' });
		secure = await startRecordingServer({ tls: certificate, dualProtocol: true });
	});

	after(async () => {
		await Promise.all([home, otherPort, otherHost, secure].filter(Boolean).map((server) => server.close()));
		await closeSharedSenders();
	});

	beforeEach(() => {
		for (const server of [home, otherPort, otherHost, secure]) server.clear();
	});

	async function send(url: string, extra: Parameters<typeof resolvedRequest>[2] = {}, method = 'POST'): Promise<HttpExchange> {
		return sendRequest(resolvedRequest(method, url, { body: '{"value":42}', headers: [{ name: 'Content-Type', value: 'application/json' }], ...extra }), {
			injection: policy(),
			caCertificates: certificate.cert,
		});
	}

	function checkMethodAndBody(status: number, landing: { method: string; body: Buffer; headers: Record<string, unknown> }): void {
		if (status === 307 || status === 308) {
			assert.equal(landing.method, 'POST');
			assert.equal(landing.body.toString(), '{"value":42}');
		} else {
			assert.equal(landing.method, 'GET');
			assert.equal(landing.body.length, 0);
			assert.equal(landing.headers['content-type'], undefined, 'body headers go with the body');
		}
	}

	const targets = [
		{ label: 'another port on 127.0.0.1', server: () => otherPort, from: () => `${home.url}/dhis` },
		{ label: '127.0.0.2', server: () => otherHost, from: () => `${home.url}/dhis` },
		{ label: 'https → http on the same host and port', server: () => secure, from: () => secure.url, target: () => secure.httpUrl },
	];

	for (const target of targets) {
		for (const status of STATUSES) {
			it(`${status} to ${target.label}: the token stays behind`, async () => {
				const destination = `${target.target?.() ?? target.server().url}/landing`;
				const start = target.from();
				const startServer = start.startsWith('https') ? secure : home;
				startServer.route(`${new URL(start).pathname.replace(/\/$/, '')}/api/r${status}`, { redirect: destination, status });
				const exchange = await send(`${start}/api/r${status}`, { headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Cookie', value: 'SESSION=abc123' }] });

				assert.equal(exchange.response.status, 200);
				assert.equal(exchange.redirects, 1);
				const first = startServer.requests.find((request) => request.url.endsWith(`/api/r${status}`));
				assert.equal(first?.headers.authorization, `ApiToken ${key}`, 'the first hop carried the token (the test can see it)');
				const landings = target.server().requests.filter((request) => request.url === '/landing');
				assert.equal(landings.length, 1);
				const landing = landings[0]!;
				assert.equal(landing.origin, new URL(destination).origin);
				assert.equal(landing.headers.authorization, undefined);
				assert.equal(landing.headers.cookie, undefined, 'the file\'s own Cookie does not cross origins either');
				assertNoKey(landing.rawHeaders.join('\n'), key, `${target.label} (headers)`);
				assertNoKey(landing.body.toString('latin1'), key, `${target.label} (body)`);
				checkMethodAndBody(status, landing);

				const [hop0, hop1] = exchange.hops;
				assert.equal(hop0?.credentials.tokenSent, true);
				assert.equal(hop1?.credentials.tokenSent, false);
				assert.equal(hop1?.credentials.tokenDropped, true);
				assert.deepEqual(hop1?.credentials.droppedHeaders, ['Cookie']);
				assert.match(hop1?.credentials.explanation ?? '', target.label.startsWith('https') ? /from https to http/ : /leaves http:\/\/127\.0\.0\.1:\d+ for http:\/\/127\.0\.0\.\d:\d+/);
				assert.ok(hop0?.request.headers.some((header) => header.name === 'Authorization' && header.value === `ApiToken ${mask(key)}`), 'recorded masked');
				assertNoKey(JSON.stringify(exchange.hops), key, 'the exchange record');
			});
		}
	}

	for (const status of STATUSES) {
		it(`${status} within the same server (control): the token goes along`, async () => {
			home.route(`/dhis/api/same${status}`, { redirect: `/dhis/api/landing`, status });
			const exchange = await send(`${home.url}/dhis/api/same${status}`);
			const landing = home.requests.find((request) => request.url === '/dhis/api/landing');
			assert.equal(landing?.headers.authorization, `ApiToken ${key}`);
			checkMethodAndBody(status, { method: landing.method, body: landing.body, headers: landing.headers });
			assert.equal(exchange.hops[1]?.credentials.tokenSent, true);
			assert.match(exchange.hops[1]?.credentials.explanation ?? '', /Token kept/);
		});
	}

	it('same origin but outside the base path (/login): no token', async () => {
		home.route('/dhis/api/out', { redirect: '/login/', status: 302 });
		await send(`${home.url}/dhis/api/out`, {}, 'GET');
		const login = home.requests.find((request) => request.url === '/login/');
		assert.ok(login, 'followed');
		assert.equal(login.headers.authorization, undefined);
	});

	it('away and back home: the token is never re-added', async () => {
		home.route('/dhis/api/away', { redirect: `${otherHost.url}/bounce`, status: 307 });
		otherHost.route('/bounce', { redirect: `${home.url}/dhis/api/back`, status: 307 });
		const exchange = await send(`${home.url}/dhis/api/away`);
		const back = home.requests.find((request) => request.url === '/dhis/api/back');
		assert.ok(back, 'came back home');
		assert.equal(back.headers.authorization, undefined);
		assert.equal(exchange.hops.length, 3);
		assert.match(exchange.hops[2]?.credentials.explanation ?? '', /dropped at an earlier redirect/);
		assertNoKey(receivedHeaderText(otherHost), key, '127.0.0.2');
	});

	it('a Basic Authorization written in the file is dropped across origins, kept within one', async () => {
		home.route('/plain/cross', { redirect: `${otherPort.url}/landing`, status: 302 });
		home.route('/plain/same', { redirect: '/plain/landing', status: 302 });
		const headers = [{ name: 'Authorization', value: 'Basic dXNlcjpzZWNyZXQ=' }];
		const cross = await send(`${home.url}/plain/cross`, { headers }, 'GET');
		await send(`${home.url}/plain/same`, { headers }, 'GET');
		assert.equal(otherPort.requests.find((request) => request.url === '/landing')?.headers.authorization, undefined);
		assert.equal(home.requests.find((request) => request.url === '/plain/landing')?.headers.authorization, 'Basic dXNlcjpzZWNyZXQ=');
		assert.deepEqual(cross.hops[1]?.credentials.droppedHeaders, ['Authorization']);
		assert.equal(cross.hops[0]?.request.headers.find((header) => header.name === 'Authorization')?.value, 'Basic ********');
	});

	it('# @no-redirect stops at the first response', async () => {
		home.route('/dhis/api/stop', { redirect: `${otherPort.url}/landing`, status: 302 });
		const exchange = await send(`${home.url}/dhis/api/stop`, { noRedirect: true }, 'GET');
		assert.equal(exchange.response.status, 302);
		assert.equal(exchange.stoppedAtRedirect, true);
		assert.equal(exchange.hops.length, 1);
		assert.equal(exchange.hops[0]?.redirect?.followed, false);
		assert.equal(otherPort.requests.length, 0);
	});

	it('a redirect loop stops after 10 redirects with a clear error', async () => {
		home.route('/dhis/api/loop', { redirect: '/dhis/api/loop', status: 302 });
		const error = await send(`${home.url}/dhis/api/loop`, {}, 'GET').then(() => undefined, (caught: unknown) => caught);
		assert.ok(error instanceof HttpSendError);
		assert.equal(error.kind, 'too-many-redirects');
		assert.match(error.explanation, /more than 10 times/);
		assert.equal(error.hops.length, 11);
		assert.equal(home.requests.length, 11);
	});

	it('a redirect to a non-http scheme is not followed', async () => {
		home.route('/dhis/api/ftp', { redirect: 'ftp://127.0.0.1/file', status: 301 });
		const error = await send(`${home.url}/dhis/api/ftp`, {}, 'GET').then(() => undefined, (caught: unknown) => caught);
		assert.ok(error instanceof HttpSendError);
		assert.equal(error.kind, 'bad-redirect');
		assert.match(error.explanation, /ftp:\/\/ URL, which is not followed/);
	});
});
