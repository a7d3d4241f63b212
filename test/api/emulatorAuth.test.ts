import assert from 'node:assert/strict';
import { request } from 'node:http';
import { AUTH_CACHE_TTL_MS, DEMO_USERS, startEmulator, type Emulator } from '../../core/dhis2/emulator';
import { mask } from '../../core/token';
import { basicHeader, call, createKey, tokenOutcome } from './emulatorHttp';

const alice = DEMO_USERS.normal;
const IP_DENIED = 'Failed to authenticate API token, request ip address is not allowed.';
const REFERRER_DENIED = 'Failed to authenticate API token, request http referrer is missing or not allowed.';
const METHOD_DENIED = 'Failed to authenticate API token, request http method is not allowed.';

const ips = (...allowedIps: string[]): Record<string, unknown> => ({ attributes: [{ type: 'IpAllowedList', allowedIps }] });
const referrers = (...allowedReferrers: string[]): Record<string, unknown> => ({ attributes: [{ type: 'RefererAllowedList', allowedReferrers }] });
const methods = (...allowedMethods: string[]): Record<string, unknown> => ({ attributes: [{ type: 'MethodAllowedList', allowedMethods }] });

/** Sends repeated headers exactly as given, which fetch would merge. */
function rawGet(emulator: Emulator, path: string, headers: string[]): Promise<number> {
	return new Promise((resolve, reject) => {
		const req = request(`${emulator.url}${path}`, { method: 'GET', headers: ['Host', new URL(emulator.url).host, ...headers] }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		req.on('error', reject);
		req.end();
	});
}

describe('emulator: authentication', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator();
	});
	afterEach(() => emulator.close());

	describe('Basic and unauthenticated requests', () => {
		it('accepts the demo superuser and refuses bad, disabled and 2FA logins with 401 + WWW-Authenticate Basic', async () => {
			const me = await call<{ username?: string; authorities?: string[] }>(emulator, 'GET', '/api/me', { as: DEMO_USERS.admin });
			assert.equal(me.status, 200);
			assert.deepEqual([me.body.username, me.body.authorities], ['admin', ['ALL']]);
			for (const credentials of [{ ...alice, password: 'wrong' }, DEMO_USERS.disabled, DEMO_USERS.twoFactor]) {
				const result = await call(emulator, 'GET', '/api/me', { as: credentials });
				assert.equal(result.status, 401, credentials.username);
				assert.equal(result.headers.get('www-authenticate'), 'Basic realm="DHIS2"');
			}
		});

		it('redirects browsers to /login/ (an HTML page) and answers XMLHttpRequest with a JSON 401', async () => {
			const browser = await call(emulator, 'GET', '/api/me', { xhr: false });
			assert.equal(browser.status, 302);
			const location = browser.headers.get('location') ?? '';
			assert.equal(location, `${emulator.url}/login/`);
			const page = await fetch(location);
			assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
			assert.match(await page.text(), /<form[^>]*>/);
			const script = await call(emulator, 'GET', '/api/me');
			assert.deepEqual(script.body, { httpStatus: 'Unauthorized', httpStatusCode: 401, status: 'ERROR', message: 'Unauthorized' });
		});

		it('never accepts the api_token parameter as a credential', async () => {
			const { key } = await createKey(emulator, alice);
			const result = await call(emulator, 'GET', `/api/me?api_token=${key}`);
			assert.deepEqual([result.status, result.body.message], [401, 'Unauthorized']);
		});
	});

	describe('X-Forwarded-For: the whole raw value is the client IP', () => {
		it('matches a single forwarded address, so any client can claim an allowed IP', async () => {
			const { key } = await createKey(emulator, alice, ips('203.0.113.7'));
			assert.equal((await tokenOutcome(emulator, key)).message, IP_DENIED, 'loopback is not allowed');
			assert.equal((await tokenOutcome(emulator, key, { headers: { 'X-Forwarded-For': '203.0.113.7' } })).status, 200);
		});

		it('compares a proxy chain as one string, so an appended proxy breaks the match', async () => {
			const { key } = await createKey(emulator, alice, ips('203.0.113.7'));
			for (const chain of ['203.0.113.7, 10.0.0.1', '10.0.0.1, 203.0.113.7', '203.0.113.7,10.0.0.1']) {
				assert.equal((await tokenOutcome(emulator, key, { headers: { 'X-Forwarded-For': chain } })).message, IP_DENIED, chain);
			}
		});

		it('uses the socket address without the header, and the header even when the socket would match', async () => {
			const { key } = await createKey(emulator, alice, ips('127.0.0.1'));
			assert.equal((await tokenOutcome(emulator, key)).status, 200);
			assert.equal((await tokenOutcome(emulator, key, { headers: { 'X-Forwarded-For': '127.0.0.1, 10.0.0.1' } })).message, IP_DENIED);
		});

		it('reads only the first X-Forwarded-For header when several are sent', async () => {
			const { key } = await createKey(emulator, alice, ips('203.0.113.7'));
			const token = ['Authorization', `ApiToken ${key}`, 'X-Requested-With', 'XMLHttpRequest'];
			assert.equal(await rawGet(emulator, '/api/me', [...token, 'X-Forwarded-For', '203.0.113.7', 'X-Forwarded-For', '10.0.0.1']), 200);
			assert.equal(await rawGet(emulator, '/api/me', [...token, 'X-Forwarded-For', '10.0.0.1', 'X-Forwarded-For', '203.0.113.7']), 401);
		});
	});

	describe('referrer and method traps', () => {
		it('lower-cases the request Referer and matches the full URL exactly', async () => {
			const { key } = await createKey(emulator, alice, referrers('https://apps.example.org/app'));
			assert.equal((await tokenOutcome(emulator, key, { headers: { Referer: 'https://APPS.example.org/APP' } })).status, 200);
			for (const referer of ['https://apps.example.org/app/', 'https://apps.example.org', 'http://apps.example.org/app']) {
				assert.equal((await tokenOutcome(emulator, key, { headers: { Referer: referer } })).message, REFERRER_DENIED, referer);
			}
			assert.equal((await tokenOutcome(emulator, key)).message, REFERRER_DENIED, 'missing header');
		});

		it('never matches a stored referrer with upper-case letters', async () => {
			const { key } = await createKey(emulator, alice, referrers('https://Apps.example.org/app'));
			assert.equal((await tokenOutcome(emulator, key, { headers: { Referer: 'https://Apps.example.org/app' } })).message, REFERRER_DENIED);
		});

		it('compares methods case-sensitively: a token stored with "get" rejects every request', async () => {
			const lower = (await createKey(emulator, alice, methods('get'))).key;
			assert.equal((await tokenOutcome(emulator, lower)).message, METHOD_DENIED);
			const upper = (await createKey(emulator, alice, methods('GET'))).key;
			assert.equal((await tokenOutcome(emulator, upper)).status, 200);
			assert.equal((await tokenOutcome(emulator, upper, { method: 'POST', path: '/api/apiToken', json: {} })).message, METHOD_DENIED);
		});

		it('treats empty lists as no restriction and reports the first failing attribute in stored order', async () => {
			const open = { attributes: [{ type: 'IpAllowedList', allowedIps: [] }, { type: 'MethodAllowedList', allowedMethods: [] }, { type: 'RefererAllowedList', allowedReferrers: [] }] };
			assert.equal((await tokenOutcome(emulator, (await createKey(emulator, alice, open)).key)).status, 200);
			const methodFirst = [{ type: 'MethodAllowedList', allowedMethods: ['POST'] }, { type: 'IpAllowedList', allowedIps: ['10.9.9.9'] }];
			assert.equal((await tokenOutcome(emulator, (await createKey(emulator, alice, { attributes: methodFirst })).key)).message, METHOD_DENIED);
			const ipFirst = [...methodFirst].reverse();
			assert.equal((await tokenOutcome(emulator, (await createKey(emulator, alice, { attributes: ipFirst })).key)).message, IP_DENIED);
		});

		it('lets a HEAD-only token make HEAD requests on 2.43', async () => {
			const modern = await startEmulator({ version: '2.43' });
			try {
				const { key } = await createKey(modern, alice, methods('HEAD'));
				assert.equal((await tokenOutcome(modern, key, { method: 'HEAD' })).status, 200);
				assert.equal((await tokenOutcome(modern, key)).message, METHOD_DENIED);
			} finally {
				await modern.close();
			}
		});
	});

	describe('the one-hour auth cache', () => {
		it('does not re-read owner status or attribute edits until the entry ages out', async () => {
			emulator.setNow(emulator.now());
			const { uid, key } = await createKey(emulator, alice, methods('GET'));
			assert.equal((await tokenOutcome(emulator, key)).status, 200);
			emulator.disableUser(alice.username);
			const patch = [{ op: 'replace', path: '/attributes', value: [{ type: 'MethodAllowedList', allowedMethods: ['POST'] }] }];
			assert.equal((await call(emulator, 'PATCH', `/api/apiToken/${uid}`, { as: DEMO_USERS.admin, json: patch, contentType: 'application/json-patch+json' })).status, 200);
			emulator.advanceTime(AUTH_CACHE_TTL_MS - 1);
			assert.equal((await tokenOutcome(emulator, key)).status, 200, 'still the cached owner and attributes');
			emulator.advanceTime(1);
			assert.equal((await tokenOutcome(emulator, key)).message, 'The API token is disabled, locked or 2FA is enabled.');
		});

		it('re-checks expiry on a cache hit', async () => {
			const { key } = await createKey(emulator, alice, { expire: emulator.now() + 60_000 });
			assert.equal((await tokenOutcome(emulator, key)).status, 200);
			assert.equal(emulator.authCacheSize(), 1);
			emulator.advanceTime(60_000);
			assert.equal((await tokenOutcome(emulator, key)).message, 'Failed to authenticate API token, token has expired.');
		});

		it('on 2.40 keeps a deleted, already-used token working for up to an hour', async () => {
			const old = await startEmulator({ version: '2.40' });
			try {
				const used = await createKey(old, alice);
				const unused = await createKey(old, alice);
				assert.equal((await tokenOutcome(old, used.key)).status, 200);
				for (const { uid } of [used, unused]) assert.equal((await call(old, 'DELETE', `/api/apiToken/${uid}`, { as: alice })).status, 200);
				const me = await call<{ id?: string }>(old, 'GET', '/api/me', { token: used.key });
				assert.deepEqual([me.status, me.body.id], [200, alice.id]);
				assert.equal((await tokenOutcome(old, unused.key)).message, 'The API token does not exists.', 'never cached, so gone at once');
				old.advanceTime(AUTH_CACHE_TTL_MS);
				assert.equal((await tokenOutcome(old, used.key)).message, 'The API token does not exists.');
			} finally {
				await old.close();
			}
		});
	});

	describe('what the server keeps', () => {
		it('logs requests with credentials masked and records the status', async () => {
			const { key } = await createKey(emulator, alice);
			emulator.clearRequests();
			await call(emulator, 'GET', `/api/me?api_token=${key}`, { token: key, headers: { 'X-Custom': 'seen' } });
			await call(emulator, 'GET', '/api/system/info', { as: alice });
			const [tokenRequest, basicRequest, ...rest] = emulator.requests;
			assert.equal(rest.length, 0);
			assert.equal(tokenRequest?.method, 'GET');
			assert.equal(tokenRequest?.path, '/api/me');
			assert.equal(tokenRequest?.headers['authorization'], `ApiToken ${mask(key)}`);
			assert.equal(tokenRequest?.headers['x-custom'], 'seen');
			assert.equal(tokenRequest?.status, 400, 'header plus api_token parameter on 2.41');
			assert.equal(basicRequest?.headers['authorization'], 'Basic ********');
			assert.equal(basicRequest?.status, 200);
			const logged = JSON.stringify(emulator.requests);
			assert.ok(!logged.includes(key), 'no raw key in the log');
			assert.ok(!logged.includes(basicHeader(alice).slice(6)), 'no Basic credentials in the log');
		});
	});
});
