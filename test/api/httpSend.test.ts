import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { startEmulator, type Emulator } from '../../core/dhis2/emulator';
import { type Confirmation } from '../../core/http/inject';
import { closeSharedSenders, type HttpExchange, sendRequest, toCurl } from '../../core/http/send';
import { mask } from '../../core/token';
import { assertNoKey, type RecordingServer, resolvedRequest, startRecordingServer } from '../support/recordingServer';
import { failure } from '../support/sendFailure';

function text(exchange: HttpExchange): string {
	assert.equal(exchange.response.body.kind, 'memory');
	return exchange.response.body.kind === 'memory' ? Buffer.from(exchange.response.body.bytes).toString('utf8') : '';
}

describe('.http sender: injection against the DHIS2 emulator', () => {
	let emulator: Emulator;
	let stranger: RecordingServer;
	let key: string;

	before(async () => {
		emulator = await startEmulator({ port: 0 });
		stranger = await startRecordingServer();
		key = emulator.createToken('alice').key;
	});
	after(async () => {
		await emulator.close();
		await stranger.close();
		await closeSharedSenders();
	});
	beforeEach(() => {
		emulator.clearRequests();
		stranger.clear();
	});

	const policy = () => ({ servers: [{ baseUrl: emulator.url, token: () => Promise.resolve(key), label: 'Emulator' }] });

	it('injects ApiToken for a URL under the server: the emulator sees it and answers /api/me', async () => {
		const exchange = await sendRequest(resolvedRequest('GET', `${emulator.url}/api/me`), { injection: policy() });
		assert.equal(exchange.response.status, 200);
		assert.equal((JSON.parse(text(exchange)) as { username?: string }).username, 'alice');
		assert.equal(emulator.requests.at(-1)?.headers.authorization, `ApiToken ${mask(key)}`);
		assert.equal(exchange.decision.verdict, 'inject');
		assert.match(exchange.decision.explanation, /Emulator/);
		const recorded = exchange.hops[0]?.request.headers.find((header) => header.name === 'Authorization');
		assert.equal(recorded?.value, `ApiToken ${mask(key)}`);
		assertNoKey(JSON.stringify(exchange) + inspect(exchange, { depth: 10 }), key, 'the exchange');
	});

	it('an explicit {{$dhis2.token}} is honoured for its own server', async () => {
		const exchange = await sendRequest(resolvedRequest('GET', `${emulator.url}/api/me`, { wantsDhis2Token: true }), { injection: policy() });
		assert.equal(exchange.response.status, 200);
		assert.match(exchange.decision.explanation, /as the file asks/);
	});

	it('without a token for the server the request goes out bare (and DHIS2 says 401)', async () => {
		const exchange = await sendRequest(resolvedRequest('GET', `${emulator.url}/api/me`, { headers: [{ name: 'X-Requested-With', value: 'XMLHttpRequest' }] }), {
			injection: { servers: [{ baseUrl: emulator.url, token: () => Promise.resolve(undefined) }] },
		});
		assert.equal(exchange.response.status, 401);
		assert.equal(emulator.requests.at(-1)?.headers.authorization, undefined);
		assert.equal(exchange.hops[0]?.credentials.tokenSent, false);
	});

	it('asking for the token at another origin is refused before anything is sent, naming the configured servers', async () => {
		const error = await failure(sendRequest(resolvedRequest('GET', `${stranger.url}/api/me`, { wantsDhis2Token: true }), { injection: policy() }));
		assert.equal(error.kind, 'token-refused');
		assert.ok(error.explanation.includes(`configured: ${emulator.url}`), error.explanation);
		assert.equal(stranger.requests.length, 0);
	});

	it('another origin never receives the token, even unasked', async () => {
		const exchange = await sendRequest(resolvedRequest('GET', `${stranger.url}/api/me`), { injection: policy() });
		assert.equal(exchange.response.status, 200);
		assert.equal(stranger.requests[0]?.headers.authorization, undefined);
		assert.equal(exchange.decision.verdict, 'send-without-token');
	});

	it('untrusted workspace: never injects; without a confirmation nothing is sent', async () => {
		const untrusted = { ...policy(), untrusted: true };
		const error = await failure(sendRequest(resolvedRequest('GET', `${emulator.url}/api/me`), { injection: untrusted }));
		assert.equal(error.kind, 'not-confirmed');
		assert.equal(emulator.requests.length, 0);
		const asked: Confirmation[][] = [];
		const exchange = await sendRequest(resolvedRequest('GET', `${emulator.url}/api/me`), { injection: untrusted, confirm: (c) => (asked.push([...c]), true) });
		assert.deepEqual(asked.map((list) => list.map((c) => c.reason)), [['untrusted-workspace']]);
		assert.equal(exchange.hops[0]?.response?.status, 302, 'sent without the token: DHIS2 points to its login page');
		assert.equal(emulator.requests.at(-1)?.headers.authorization, undefined);
	});

	it('production server: a POST needs a confirmation, a GET does not', async () => {
		const production = { servers: [{ baseUrl: emulator.url, token: () => Promise.resolve(key), production: true }] };
		const refused = await failure(sendRequest(resolvedRequest('POST', `${emulator.url}/api/apiToken`, { body: '{}' }), { injection: production, confirm: () => false }));
		assert.equal(refused.kind, 'not-confirmed');
		assert.match(refused.explanation, /production server/);
		assert.equal(emulator.requests.length, 0);
		const get = await sendRequest(resolvedRequest('GET', `${emulator.url}/api/me`), { injection: production, confirm: () => assert.fail('GET must not ask') });
		assert.equal(get.response.status, 200);
	});

	it('plain http to a non-loopback host with a token needs a confirmation (nothing sent without)', async () => {
		// .invalid never resolves: if the refusal came too late the error would be a DNS one instead.
		const injection = { servers: [{ baseUrl: 'http://dhis2.example.invalid', token: () => Promise.resolve(key) }] };
		const error = await failure(sendRequest(resolvedRequest('GET', 'http://dhis2.example.invalid/api/me'), { injection }));
		assert.equal(error.kind, 'not-confirmed');
		assert.match(error.explanation, /unencrypted/);
		assert.equal(error.decision?.confirmations[0]?.reason, 'insecure-http');
	});

	it('toCurl writes ${DHIS2_TOKEN} in place of the key, for an exchange and for a request', async () => {
		const exchange = await sendRequest(resolvedRequest('POST', `${emulator.url}/api/dataValueSets`, { body: `{"note":"it's"}`, headers: [{ name: 'Content-Type', value: 'application/json' }] }), { injection: policy() });
		const fromExchange = toCurl(exchange);
		assert.ok(fromExchange.includes('-H "Authorization: ApiToken ${DHIS2_TOKEN}"'), fromExchange);
		assert.ok(fromExchange.includes(`--data-binary '{"note":"it'\\''s"}'`), fromExchange);
		assertNoKey(fromExchange, key, 'curl (exchange)');
		const literal = toCurl(resolvedRequest('GET', `${emulator.url}/api/me?api_token=${key}`, { headers: [{ name: 'Authorization', value: `ApiToken ${key}` }] }));
		assertNoKey(literal, key, 'curl (request with a literal key)');
		assert.ok(literal.includes('"Authorization: ApiToken ${DHIS2_TOKEN}"'), literal);
		assert.ok(literal.includes('api_token=${DHIS2_TOKEN}'), literal);
		const asked = toCurl(resolvedRequest('GET', `${emulator.url}/api/me`, { wantsDhis2Token: true }));
		assert.equal(asked, `curl --location '${emulator.url}/api/me' -H "Authorization: ApiToken \${DHIS2_TOKEN}"`);
	});
});

describe('.http sender: recorded exchange', () => {
	let server: RecordingServer;
	before(async () => {
		server = await startRecordingServer();
	});
	after(async () => {
		await server.close();
		await closeSharedSenders();
	});

	it('records method, masked headers, sizes, timing and response headers (cookies masked)', async () => {
		server.route('/cookie', { status: 201, headers: { 'set-cookie': ['JSESSIONID=s3cr3t; Path=/; HttpOnly'], 'x-trace': 'abc' }, body: '{"ok":true}' });
		const exchange = await sendRequest(
			resolvedRequest('PUT', `${server.url}/cookie`, { body: new Uint8Array([0xff, 0x00, 0x01]), headers: [{ name: 'Cookie', value: 'a=1; b=2' }] }),
			{ injection: { servers: [] } },
		);
		const hop = exchange.hops[0]!;
		assert.equal(hop.request.method, 'PUT');
		assert.equal(hop.request.bodyBytes, 3);
		assert.equal(hop.request.bodyText, undefined, 'binary bodies are not recorded as text');
		assert.deepEqual(hop.request.headers.find((h) => h.name === 'Cookie'), { name: 'Cookie', value: 'a=********; b=********' });
		assert.equal(hop.response?.status, 201);
		assert.deepEqual(exchange.response.headers.find((h) => h.name === 'set-cookie'), { name: 'set-cookie', value: 'JSESSIONID=********; Path=/; HttpOnly' });
		assert.ok((hop.timing.headersMs ?? -1) >= 0 && (hop.timing.totalMs ?? -1) >= (hop.timing.headersMs ?? 0));
		assert.equal(exchange.response.body.size, 11);
		assert.deepEqual([...server.requests[0]!.body], [0xff, 0x00, 0x01]);
	});
});
