import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
	ApiKey, apiTokenCredentials, basicCredentials, type Credentials, Dhis2Client, type Dhis2Error, Dhis2Error as Dhis2ErrorClass,
} from '../../core/dhis2/client';
import { DEMO_USERS, type Emulator, startEmulator } from '../../core/dhis2/emulator';
import { DAY_MS, validateTokenRequest } from '../../core/dhis2/tokens';
import { verifyToken as checksumOf } from '../../core/token';
import { assertNoSecret } from './clientLoopback';

const alice = basicCredentials(DEMO_USERS.normal.username, DEMO_USERS.normal.password);
const bob = basicCredentials(DEMO_USERS.other.username, DEMO_USERS.other.password);

async function rejection(promise: Promise<unknown>): Promise<Dhis2Error> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof Dhis2ErrorClass, `expected a Dhis2Error, got ${inspect(error)}`);
		return error;
	}
	assert.fail('expected the call to fail');
}

function clientFor(emulator: Emulator, credentials: Credentials = alice): Dhis2Client {
	return new Dhis2Client({ baseUrl: emulator.url, credentials, http: { timeoutMs: 5000, env: {} } });
}

function serverToken(client: Dhis2Client, name: string, extra: { ips?: string; methods?: string[] } = {}) {
	const features = client.knownFeatures;
	assert.ok(features, 'systemInfo() first');
	const result = validateTokenRequest(
		{ context: 'server', name, expiry: { kind: 'preset', days: 7 }, allowedMethods: extra.methods ?? ['GET'], allowedIps: extra.ips ?? '' },
		features,
		Date.now(),
	);
	assert.ok(result.ok, JSON.stringify(result));
	return result.body;
}

const LIFECYCLE_VERSIONS: ReadonlyArray<{ version: string; prefix: string; era: string; evicts: boolean; code: boolean; head: boolean }> = [
	{ version: '2.41', prefix: 'd2p_', era: '2.41+', evicts: true, code: false, head: false },
	{ version: '2.41.6', prefix: 'd2p_', era: '2.41+', evicts: true, code: true, head: true },
	{ version: '2.40', prefix: 'd2pat_', era: '2.37-2.40', evicts: false, code: true, head: false },
];

for (const expected of LIFECYCLE_VERSIONS) {
	describe(`API client against the emulator (DHIS2 ${expected.version})`, () => {
		let emulator: Emulator;
		let client: Dhis2Client;

		before(async () => {
			emulator = await startEmulator({ port: 0, version: expected.version });
			client = clientFor(emulator);
		});
		after(async () => {
			await client.close();
			await emulator.close();
		});

		it('reads the version and derives the features', async () => {
			const info = await client.systemInfo();
			assert.equal(info.version.text, expected.version);
			assert.equal(info.features.keyFormat, expected.prefix === 'd2p_' ? 'v2' : 'v1');
			assert.equal(info.features.supportsCode, expected.code);
			assert.equal(info.features.supportsHead, expected.head);
			assert.equal(info.features.deleteEvictsAuthCache, expected.evicts);
		});

		it('sends X-Requested-With and Accept on every call, and never an api_token parameter', async () => {
			await client.me();
			assert.ok(emulator.requests.length >= 2);
			for (const request of emulator.requests) {
				assert.equal(request.headers['x-requested-with'], 'XMLHttpRequest');
				assert.equal(request.headers.accept, 'application/json');
				assert.ok(!request.query.includes('api_token'));
			}
		});

		it('creates, lists, gets, verifies, patches and revokes a token', async () => {
			const me = await client.me();
			assert.equal(me.username, DEMO_USERS.normal.username);
			const body = serverToken(client, `ci-${expected.version}`, { ips: '127.0.0.1' });
			const created = await client.createToken(body);
			const key = created.key.reveal();
			assert.ok(key.startsWith(expected.prefix), key.slice(0, 6));
			assert.equal(checksumOf(key)?.era, expected.era);
			assert.match(created.id, /^[A-Za-z][A-Za-z0-9]{10}$/);

			const listed = await client.listOwnTokens();
			const mine = listed.find((token) => token.id === created.id);
			assert.ok(mine, 'the new token is listed');
			assert.equal(mine.expire, body.expire);
			assert.equal(mine.code, expected.code ? `ci-${expected.version}` : undefined);
			assert.deepEqual(mine.restrictions, { allowedIps: ['127.0.0.1'], allowedReferrers: [], allowedMethods: ['GET'] });
			const listCall = emulator.requests.find((request) => request.method === 'GET' && request.path === '/api/apiToken');
			assert.ok(listCall);
			const query = new URLSearchParams(listCall.query);
			assert.equal(query.get('fields'), 'id,code,created,expire,attributes');
			assert.equal(query.get('paging'), 'false');
			assert.equal(query.get('filter'), `createdBy.id:eq:${DEMO_USERS.normal.id}`);

			const fetched = await client.getToken(created.id);
			assert.equal(fetched.version, expected.prefix === 'd2p_' ? 2 : 1);

			const owner = await client.verifyToken(created.key);
			assert.equal(owner.id, DEMO_USERS.normal.id);
			const verifyCall = emulator.requests.at(-1);
			assert.match(verifyCall?.headers.authorization ?? '', /^ApiToken d2p/);

			await client.patchToken(created.id, [{ op: 'replace', path: '/attributes', value: [{ type: 'MethodAllowedList', allowedMethods: ['GET', 'POST'] }] }]);
			const patchCall = emulator.requests.find((request) => request.method === 'PATCH');
			assert.equal(patchCall?.headers['content-type'], 'application/json-patch+json');
			assert.deepEqual((await client.getToken(created.id)).restrictions.allowedMethods, ['GET', 'POST']);

			const revoked = await client.revokeToken(created.id);
			assert.deepEqual(revoked, { outcome: 'revoked', id: created.id, mayStillWorkForMs: expected.evicts ? 0 : 3_600_000 });
			assert.equal((await client.listOwnTokens()).some((token) => token.id === created.id), false);
			assert.deepEqual(await client.revokeToken(created.id), { outcome: 'already-revoked', id: created.id });
		});

		it('lists only the signed-in user\'s tokens, even for a superuser', async () => {
			const admin = clientFor(emulator, basicCredentials(DEMO_USERS.admin.username, DEMO_USERS.admin.password));
			try {
				const bobsToken = emulator.createToken(DEMO_USERS.other.username, { expire: emulator.now() + DAY_MS });
				const adminsToken = emulator.createToken(DEMO_USERS.admin.username, { expire: emulator.now() + DAY_MS });
				const ids = (await admin.listOwnTokens()).map((token) => token.id);
				assert.ok(ids.includes(adminsToken.uid));
				assert.ok(!ids.includes(bobsToken.uid));
			} finally {
				await admin.close();
			}
		});

		it('answers 404 for someone else\'s token: get is an error, revoke is "already revoked"', async () => {
			const bobs = emulator.createToken(DEMO_USERS.other.username, { expire: emulator.now() + DAY_MS });
			const error = await rejection(client.getToken(bobs.uid));
			assert.equal(error.kind, 'not-found');
			assert.match(error.explanation, /already revoked, or it belongs to another user/);
			assert.deepEqual(await client.revokeToken(bobs.uid), { outcome: 'already-revoked', id: bobs.uid });
			const bobClient = clientFor(emulator, bob);
			try {
				assert.ok((await bobClient.listOwnTokens()).some((token) => token.id === bobs.uid), 'still alive for its owner');
			} finally {
				await bobClient.close();
			}
		});

		it('never puts a created key into its string or JSON forms', async () => {
			const created = await client.createToken(serverToken(client, `mask-${expected.version}`));
			const key = created.key.reveal();
			assert.ok(created.key instanceof ApiKey);
			// eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- the template-literal path must mask too
			for (const text of [String(created.key), `${created.key}`, JSON.stringify(created), inspect(created, { depth: 5 })]) {
				assert.ok(!text.includes(key), text);
				assert.ok(text.includes(key.slice(0, expected.prefix.length + 4)), 'the masked form is shown');
			}
			await client.revokeToken(created.id);
		});
	});
}

describe('API client: create body and token names (DHIS2 2.41.6)', () => {
	let emulator: Emulator;
	let client: Dhis2Client;
	before(async () => {
		emulator = await startEmulator({ port: 0, version: '2.41.6' });
		client = clientFor(emulator);
		await client.systemInfo();
	});
	after(async () => {
		await client.close();
		await emulator.close();
	});

	it('stores the token name as code, and answers a duplicate name with "Token name already exists"', async () => {
		const first = await client.createToken(serverToken(client, 'shared-name'));
		assert.equal((await client.getToken(first.id)).code, 'shared-name');
		const error = await rejection(client.createToken(serverToken(client, 'shared-name')));
		assert.equal(error.kind, 'name-taken');
		assert.equal(error.status, 409);
		assert.equal(error.explanation, 'Token name already exists.');
		assert.match(error.nextStep, /different token name/);
		assert.ok(error.errorReports.some((report) => report.errorCode === 'E5003'));
	});

	it('accepts HEAD where the server supports it', async () => {
		const created = await client.createToken(serverToken(client, 'with-head', { methods: ['GET', 'HEAD'] }));
		assert.deepEqual((await client.getToken(created.id)).restrictions.allowedMethods, ['GET', 'HEAD']);
	});

	it('turns 409 E1004 into the attribute and value that DHIS2 rejected', async () => {
		const cases = [
			{ attributes: [{ type: 'IpAllowedList' as const, allowedIps: ['10.0.0.0/8'] }], field: 'ip', value: '10.0.0.0/8', advice: /no ranges \(CIDR\)/ },
			{ attributes: [{ type: 'MethodAllowedList' as const, allowedMethods: ['TRACE'] }], field: 'method', value: 'TRACE', advice: /GET, POST/ },
			{ attributes: [{ type: 'RefererAllowedList' as const, allowedReferrers: ['not a url'] }], field: 'referrer', value: 'not a url', advice: /full http\(s\) URL/ },
		];
		for (const { attributes, field, value, advice } of cases) {
			const error = await rejection(client.createToken({ expire: Date.now() + DAY_MS, attributes }));
			assert.equal(error.kind, 'invalid-attribute');
			assert.equal(error.status, 409);
			assert.equal(error.errorCode, 'E1004');
			assert.deepEqual(error.attribute, { field, value });
			assert.match(error.explanation, new RegExp(`"${value}"`));
			assert.match(error.nextStep, advice);
		}
	});
});

describe('API client: DHIS2 2.40 attribute errors and 2.37 token authentication', () => {
	it('reads 2.40\'s bare 400 attribute error the same way', async () => {
		const emulator = await startEmulator({ port: 0, version: '2.40' });
		const client = clientFor(emulator);
		try {
			const error = await rejection(client.createToken({ expire: Date.now() + DAY_MS, attributes: [{ type: 'IpAllowedList', allowedIps: ['example.org'] }] }));
			assert.equal(error.kind, 'invalid-attribute');
			assert.equal(error.status, 400);
			assert.deepEqual(error.attribute, { field: 'ip', value: 'example.org' });
		} finally {
			await client.close();
			await emulator.close();
		}
	});

	it('on 2.37 with token auth off: management works with a password, the token is explained as ignored', async () => {
		const emulator = await startEmulator({ port: 0, version: '2.37' });
		const client = clientFor(emulator);
		try {
			const info = await client.systemInfo();
			assert.equal(info.features.tokenAuthOnByDefault, false);
			const created = await client.createToken(serverToken(client, 'old'));
			assert.ok(created.key.reveal().startsWith('d2pat_'));
			assert.ok((await client.listOwnTokens()).some((token) => token.id === created.id));
			const error = await rejection(client.verifyToken(created.key));
			assert.equal(error.kind, 'token-auth-disabled');
			assert.match(error.explanation, /2\.37 ships with it off/);
			assert.match(error.nextStep, /`enable\.api_token\.authentication = on` in dhis\.conf/);
			assertNoSecret(error, created.key.reveal());
			const viaToken = new Dhis2Client({ baseUrl: emulator.url, credentials: apiTokenCredentials(created.key), http: { env: {} } });
			try {
				assert.equal((await rejection(viaToken.me())).kind, 'token-auth-disabled');
			} finally {
				await viaToken.close();
			}
			assert.equal((await client.revokeToken(created.id)).outcome, 'revoked');
		} finally {
			await client.close();
			await emulator.close();
		}
	});

	it('on 2.37 with token auth switched on, the token works', async () => {
		const emulator = await startEmulator({ port: 0, version: '2.37', enableApiTokenAuth: true });
		const client = clientFor(emulator);
		try {
			await client.systemInfo();
			const created = await client.createToken(serverToken(client, 'old-on'));
			assert.equal((await client.verifyToken(created.key)).id, DEMO_USERS.normal.id);
		} finally {
			await client.close();
			await emulator.close();
		}
	});
});
