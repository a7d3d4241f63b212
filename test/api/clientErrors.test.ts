import assert from 'node:assert/strict';
import { type ServerResponse } from 'node:http';
import { apiKey, basicCredentials, type Credentials, Dhis2Client, type Dhis2Error } from '../../core/dhis2/client';
import { DEMO_USERS, type Emulator, startEmulator } from '../../core/dhis2/emulator';
import { DAY_MS } from '../../core/dhis2/tokens';
import { generateToken, seededRandom } from '../../core/token';
import { assertNoSecret, rejection, json, type LoopbackServer, startHttpServer, webMessage } from './clientLoopback';

const alice = basicCredentials(DEMO_USERS.normal.username, DEMO_USERS.normal.password);
const random = seededRandom(20260311);

function clientAt(baseUrl: string, credentials: Credentials = alice): Dhis2Client {
	return new Dhis2Client({ baseUrl, credentials, http: { timeoutMs: 5000, env: {} } });
}

describe('API client errors: token authentication (DHIS2 2.41 emulator)', () => {
	let emulator: Emulator;
	let client: Dhis2Client;
	before(async () => {
		emulator = await startEmulator({ port: 0, version: '2.41' });
		client = clientAt(emulator.url);
		await client.systemInfo();
	});
	after(async () => {
		await client.close();
		await emulator.close();
	});

	async function verifyFails(key: string): Promise<Dhis2Error> {
		const error = await rejection(client.verifyToken(key));
		assertNoSecret(error, key);
		return error;
	}

	function planted(username: string, body: Record<string, unknown> = {}, key?: string): string {
		return emulator.createToken(username, { expire: emulator.now() + 7 * DAY_MS, ...body }, key).key;
	}

	it('unknown key → revoked, mistyped or another server', async () => {
		const error = await verifyFails(generateToken({ random }));
		assert.equal(error.kind, 'token-unknown');
		assert.equal(error.status, 401);
		assert.match(error.explanation, /does not know this personal access token/);
		assert.match(error.nextStep, /created on this server/);
	});

	it('expired key', async () => {
		const key = planted(DEMO_USERS.normal.username, { expire: emulator.now() + 60_000 });
		emulator.advanceTime(120_000);
		const error = await verifyFails(key);
		assert.equal(error.kind, 'token-expired');
		assert.match(error.nextStep, /Create a new token \(or rotate this one\)/);
	});

	it('owner disabled', async () => {
		const error = await verifyFails(planted(DEMO_USERS.disabled.username));
		assert.equal(error.kind, 'token-owner-disabled');
		assert.match(error.explanation, /disabled, locked or expired/);
	});

	it('owner with two-factor authentication', async () => {
		const error = await verifyFails(planted(DEMO_USERS.twoFactor.username));
		assert.equal(error.kind, 'token-owner-disabled');
		assert.match(error.nextStep, /PATs can't be used by accounts with two-factor authentication/);
	});

	it('IP, referrer and method restrictions', async () => {
		const ip = await verifyFails(planted(DEMO_USERS.normal.username, { attributes: [{ type: 'IpAllowedList', allowedIps: ['10.9.8.7'] }] }));
		assert.equal(ip.kind, 'token-ip-not-allowed');
		assert.match(ip.nextStep, /X-Forwarded-For/);
		const referrer = await verifyFails(planted(DEMO_USERS.normal.username, { attributes: [{ type: 'RefererAllowedList', allowedReferrers: ['https://apps.example.org/'] }] }));
		assert.equal(referrer.kind, 'token-referrer-not-allowed');
		assert.match(referrer.nextStep, /server\/script token/);
		const method = await verifyFails(planted(DEMO_USERS.normal.username, { attributes: [{ type: 'MethodAllowedList', allowedMethods: ['POST'] }] }));
		assert.equal(method.kind, 'token-method-not-allowed');
		assert.match(method.nextStep, /this call used GET/);
	});

	it('mistyped key → 400 checksum, mistyped or truncated', async () => {
		const key = generateToken({ random });
		const lookalike = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
		const error = await verifyFails(lookalike);
		assert.equal(error.kind, 'token-checksum');
		assert.equal(error.status, 400);
		assert.match(error.explanation, /mistyped or truncated/);
	});

	it('a d2pat_ key issued by 2.37–2.40 → explained as the 2.41 checksum change', async () => {
		const oldKey = generateToken({ version: 'v1', variant: 'plain', random });
		planted(DEMO_USERS.normal.username, {}, oldKey);
		const error = await verifyFails(oldKey);
		assert.equal(error.kind, 'token-checksum');
		assert.match(error.explanation, /issued by DHIS2 2\.37–2\.40; DHIS2 2\.41\+ computes token checksums differently/);
		assert.match(error.nextStep, /Create a new token on this server/);
	});

	it('malformed key → 400 malformed', async () => {
		const key = `${generateToken({ random }).slice(0, 20)} ${generateToken({ random }).slice(20)}`;
		const error = await verifyFails(key);
		assert.equal(error.kind, 'token-malformed');
		assert.match(error.nextStep, /without spaces, quotes or line breaks/);
	});

	it('wrong password, disabled account and 2FA account with Basic auth', async () => {
		const cases: ReadonlyArray<readonly [Credentials, RegExp]> = [
			[basicCredentials(DEMO_USERS.normal.username, 'wrong-password'), /rejected the user name or password/],
			[basicCredentials(DEMO_USERS.disabled.username, DEMO_USERS.disabled.password), /disabled, locked or expired/],
			[basicCredentials(DEMO_USERS.twoFactor.username, DEMO_USERS.twoFactor.password), /two-factor authentication/],
		];
		for (const [credentials, explanation] of cases) {
			const other = clientAt(emulator.url, credentials);
			try {
				const error = await rejection(other.me());
				assert.equal(error.kind, 'bad-credentials');
				assert.equal(error.status, 401);
				assert.match(error.explanation, explanation);
				assertNoSecret(error, credentials.kind === 'basic' ? credentials.password.reveal() : '');
			} finally {
				await other.close();
			}
		}
	});

	it('a wrong base URL (DHIS2 not under /dhis) → 404 web page, check the server address', async () => {
		const wrong = clientAt(`${emulator.url}/dhis`);
		try {
			const error = await rejection(wrong.systemInfo());
			assert.equal(error.kind, 'not-json');
			assert.equal(error.status, 404);
			assert.match(error.nextStep, /Check the server address/);
		} finally {
			await wrong.close();
		}
	});

	it('refuses an id that is not a DHIS2 uid without sending anything', async () => {
		const before = emulator.requests.length;
		const error = await rejection(client.getToken('../me'));
		assert.equal(error.kind, 'bad-request');
		assert.equal(emulator.requests.length, before);
	});
});

describe('API client errors: unusual answers (loopback servers)', () => {
	let server: LoopbackServer;
	let respond: (path: string, res: ServerResponse) => void = () => undefined;
	before(async () => {
		server = await startHttpServer((req, res) => respond(new URL(req.url, 'http://x').pathname, res));
	});
	after(() => server.close());
	beforeEach(() => {
		server.requests.length = 0;
	});

	async function failure(answer: (path: string, res: ServerResponse) => void, call: (client: Dhis2Client) => Promise<unknown> = (c) => c.me(), credentials: Credentials = alice): Promise<Dhis2Error> {
		respond = answer;
		const client = clientAt(server.url, credentials);
		try {
			return await rejection(call(client));
		} finally {
			await client.close();
		}
	}

	it('403 → missing authority', async () => {
		const error = await failure((_p, res) => json(res, 403, webMessage(403, 'You don\'t have the proper permissions to create this object.')), (c) => c.createToken({ expire: 1, attributes: [] }));
		assert.equal(error.kind, 'forbidden');
		assert.match(error.explanation, /proper permissions/);
		assert.match(error.nextStep, /authority/);
	});

	it('500 with a WebMessage, and 503 from a gateway', async () => {
		const internal = await failure((_p, res) => json(res, 500, webMessage(500, 'java.lang.NullPointerException')));
		assert.equal(internal.kind, 'server-error');
		assert.match(internal.explanation, /internal error \(HTTP 500\): java\.lang\.NullPointerException/);
		assert.match(internal.nextStep, /DHIS2 log/);
		const gateway = await failure((_p, res) => {
			res.writeHead(503, { 'content-type': 'text/plain' });
			res.end('Service Unavailable');
		});
		assert.equal(gateway.kind, 'server-error');
		assert.match(gateway.nextStep, /starting up or down for maintenance/);
	});

	it('404 JSON for /api/me → no DHIS2 API at this address', async () => {
		const error = await failure((_p, res) => json(res, 404, { error: 'not found' }));
		assert.equal(error.kind, 'not-found');
		assert.match(error.explanation, /has no DHIS2 API at \/api\/me/);
	});

	it('HTML instead of JSON → a web page, check the address', async () => {
		const error = await failure((_p, res) => {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<!doctype html><html><head><title>Welcome to nginx!</title></head></html>');
		});
		assert.equal(error.kind, 'not-json');
		assert.match(error.explanation, /web page \(HTTP 200\) instead of DHIS2 API data/);
	});

	it('the login page → not authenticated; with a token, mentions enable.api_token.authentication', async () => {
		const loginHtml = (_p: string, res: ServerResponse): void => {
			res.writeHead(200, { 'content-type': 'text/html;charset=UTF-8' });
			res.end('<!DOCTYPE html><html><head><title>DHIS 2 Login</title></head><body><form id="loginForm"></form></body></html>');
		};
		const basic = await failure(loginHtml);
		assert.equal(basic.kind, 'login-page');
		assert.doesNotMatch(basic.nextStep, /enable\.api_token/);
		const key = generateToken({ random });
		const token = await failure(loginHtml, (c) => c.verifyToken(key));
		assert.equal(token.kind, 'login-page');
		assert.match(token.nextStep, /`enable\.api_token\.authentication = on` in dhis\.conf/);
		assertNoSecret(token, key);
	});

	it('a redirect to /login/ is not followed: it means authentication failed or the address is wrong', async () => {
		const error = await failure((_p, res) => {
			res.writeHead(302, { location: '/dhis/login/?redirect=abc' });
			res.end();
		});
		assert.equal(error.kind, 'login-page');
		assert.equal(server.requests.length, 1, 'the redirect was not followed');
	});

	it('a redirect to https is explained', async () => {
		const error = await failure((p, res) => {
			res.writeHead(301, { location: `https://127.0.0.1${p}` });
			res.end();
		});
		assert.equal(error.kind, 'redirect');
		assert.match(error.nextStep, /start with https:\/\//);
		assert.equal(server.requests.length, 1);
	});

	it('invalid JSON', async () => {
		const error = await failure((_p, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"id": "abc",');
		});
		assert.equal(error.kind, 'invalid-json');
	});

	it('an unexpected 401 for Basic credentials never echoes the password', async () => {
		const password = 'S3cret-Pass-Phrase-1234';
		const error = await failure((_p, res) => json(res, 401, webMessage(401, 'Unauthorized')), (c) => c.me(), basicCredentials('alice', password));
		assert.equal(error.kind, 'bad-credentials');
		assertNoSecret(error, password);
		assert.match(server.requests[0]?.headers.authorization ?? '', /^Basic /);
	});

	it('redacts a key that a server echoes back in its message', async () => {
		const key = generateToken({ random });
		const error = await failure((_p, res) => json(res, 500, webMessage(500, `Internal error while checking ${key}`)), (c) => c.verifyToken(key));
		assert.equal(error.kind, 'server-error');
		assertNoSecret(error, key);
	});

	it('sends exactly {expire, code?, attributes} on create, never type or version', async () => {
		const key = generateToken({ random });
		respond = (path, res) => {
			if (path === '/api/system/info') return json(res, 200, { version: '2.41.0' });
			json(res, 201, { httpStatusCode: 201, status: 'OK', response: { uid: 'jJYrtIVP7qU', key } });
		};
		const client = clientAt(server.url);
		try {
			const attributes = [{ type: 'MethodAllowedList' as const, allowedMethods: ['GET'] }];
			const sneaky = { expire: 123, code: 'n', attributes, type: 'PERSONAL_ACCESS_TOKEN_V2', version: 2 };
			const before = await client.createToken(sneaky);
			assert.equal(before.key.reveal(), key);
			assert.deepEqual(JSON.parse(server.requests[0]?.body ?? ''), { expire: 123, code: 'n', attributes });
			assert.equal(server.requests[0]?.headers['content-type'], 'application/json');
			await client.systemInfo();
			await client.createToken(sneaky);
			assert.deepEqual(JSON.parse(server.requests.at(-1)?.body ?? ''), { expire: 123, attributes }, '2.41.0 drops code, so it is not sent');
		} finally {
			await client.close();
		}
	});

	it('a create answer without a key → tells the user to revoke the orphan', async () => {
		const error = await failure((_p, res) => json(res, 201, { httpStatusCode: 201, status: 'OK', response: { uid: 'jJYrtIVP7qU' } }), (c) => c.createToken({ expire: 1, attributes: [] }));
		assert.equal(error.kind, 'unexpected-response');
		assert.match(error.nextStep, /revoke it/);
	});

	it('wraps a key passed as a string so later messages stay masked', () => {
		const key = generateToken({ random });
		const wrapped = apiKey(`  ${key}\n`);
		assert.equal(wrapped.reveal(), key);
		// eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- the template-literal path must mask too
		assert.equal(`${wrapped}`, wrapped.masked);
	});
});
