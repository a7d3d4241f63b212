import assert from 'node:assert/strict';
import { DEMO_USERS, startEmulator, type Emulator } from '../../core/dhis2/emulator';
import { generateToken, layoutOf, seededRandom, verifyToken } from '../../core/token';
import { breakChecksum, call, createKey, type CallOptions, type Outcome, type TokenBody } from './emulatorHttp';

/**
 * shared/spec/dhis2-api-token.md, walked row by row over real HTTP on loopback:
 * §5 "Error responses" (one row per case, expected value per era) and §6 (one row per topic,
 * expected value per release, laid out like the spec's table).
 */

const alice = DEMO_USERS.normal;
const admin = DEMO_USERS.admin;
const DAY = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------- §5 error table

interface Probe extends CallOptions {
	readonly method?: string;
}

interface ErrorRow {
	readonly case: string;
	readonly arrange: (emulator: Emulator) => Promise<Probe> | Probe;
	readonly old: Outcome;
	readonly modern: Outcome;
}

const same = (outcome: Outcome): Pick<ErrorRow, 'old' | 'modern'> => ({ old: outcome, modern: outcome });
const unauthorized = (message: string): Outcome => ({ status: 401, message, wwwAuthenticate: 'ApiToken' });
const freshKey = async (emulator: Emulator, body: Record<string, unknown> = {}): Promise<string> => (await createKey(emulator, alice, body)).key;
const malformed: Pick<ErrorRow, 'old' | 'modern'> = {
	// 2.37–2.40: the exception escapes the filter (probably 500, UNCONFIRMED), so no entry point header.
	old: { status: 500, message: 'Api token is malformed', wwwAuthenticate: null },
	modern: { status: 400, message: 'Api token is malformed', wwwAuthenticate: 'ApiToken' },
};

const ERROR_ROWS: readonly ErrorRow[] = [
	{
		case: 'header not starting with "apitoken" is ignored (request is unauthenticated)',
		arrange: async (emulator) => ({ authorization: `Bearer ${await freshKey(emulator)}` }),
		...same({ status: 401, message: 'Unauthorized', wwwAuthenticate: null }),
	},
	{
		case: 'scheme in another case is accepted',
		arrange: async (emulator) => ({ authorization: `APITOKEN ${await freshKey(emulator)}` }),
		...same({ status: 200, message: undefined, wwwAuthenticate: null }),
	},
	{ case: 'malformed: two spaces after the scheme', arrange: async (emulator) => ({ authorization: `ApiToken  ${await freshKey(emulator)}` }), ...malformed },
	{ case: 'malformed: text after the token', arrange: async (emulator) => ({ authorization: `ApiToken ${await freshKey(emulator)} extra` }), ...malformed },
	{ case: 'malformed: character outside the token alphabet', arrange: async (emulator) => ({ authorization: `ApiToken ${await freshKey(emulator)}!` }), ...malformed },
	{ case: 'malformed: scheme without token', arrange: () => ({ authorization: 'ApiToken' }), ...malformed },
	{
		case: 'bad checksum',
		arrange: async (emulator) => ({ token: breakChecksum(await freshKey(emulator)) }),
		old: unauthorized('The API token does not exists.'),
		modern: { status: 400, message: 'Checksum validation failed', wwwAuthenticate: 'ApiToken' },
	},
	{
		case: 'unknown prefix',
		arrange: async (emulator) => ({ token: `d2x_${(await freshKey(emulator)).slice(4)}` }),
		old: unauthorized('The API token does not exists.'),
		modern: { status: 400, message: 'Checksum validation failed', wwwAuthenticate: 'ApiToken' },
	},
	{
		case: 'unknown token (well formed, never issued)',
		arrange: (emulator) => ({ token: generateToken(emulator.features.newKey) }),
		old: unauthorized('The API token does not exists.'),
		modern: unauthorized('The API token does not exists'),
	},
	{
		case: 'expired (expire == now counts as expired)',
		arrange: async (emulator) => ({ token: await freshKey(emulator, { expire: emulator.now() }) }),
		...same(unauthorized('Failed to authenticate API token, token has expired.')),
	},
	{
		case: 'owner disabled',
		arrange: (emulator) => ({ token: emulator.createToken(DEMO_USERS.disabled.username).key }),
		...same(unauthorized('The API token is disabled, locked or 2FA is enabled.')),
	},
	{
		case: 'owner has 2FA enabled',
		arrange: (emulator) => ({ token: emulator.createToken(DEMO_USERS.twoFactor.username).key }),
		...same(unauthorized('The API token is disabled, locked or 2FA is enabled.')),
	},
	{
		case: 'IP not allowed',
		arrange: async (emulator) => ({ token: await freshKey(emulator, { attributes: [{ type: 'IpAllowedList', allowedIps: ['10.1.2.3'] }] }) }),
		...same(unauthorized('Failed to authenticate API token, request ip address is not allowed.')),
	},
	{
		case: 'referrer missing',
		arrange: async (emulator) => ({ token: await freshKey(emulator, { attributes: [{ type: 'RefererAllowedList', allowedReferrers: ['https://apps.example.org/app'] }] }) }),
		...same(unauthorized('Failed to authenticate API token, request http referrer is missing or not allowed.')),
	},
	{
		case: 'method not allowed',
		arrange: async (emulator) => ({ token: await freshKey(emulator, { attributes: [{ type: 'MethodAllowedList', allowedMethods: ['POST'] }] }) }),
		...same(unauthorized('Failed to authenticate API token, request http method is not allowed.')),
	},
];

const ERROR_TABLE_VERSIONS = ['2.37', '2.38', '2.40', '2.41', '2.42', '2.43'];

describe('emulator conformance: spec §5 error table', () => {
	for (const version of ERROR_TABLE_VERSIONS) {
		describe(`DHIS2 ${version}`, () => {
			let emulator: Emulator;
			before(async () => {
				emulator = await startEmulator({ version, enableApiTokenAuth: true });
			});
			after(() => emulator.close());

			for (const row of ERROR_ROWS) {
				const expected = Number(version.split('.')[1]) >= 41 ? row.modern : row.old;
				it(`${row.case} → ${expected.status}${expected.message ? ` "${expected.message}"` : ''}`, async () => {
					const probe = await row.arrange(emulator);
					const result = await call(emulator, probe.method ?? 'GET', '/api/me', probe);
					const actual: Outcome = { status: result.status, message: result.status === 200 ? undefined : result.body.message, wwwAuthenticate: result.headers.get('www-authenticate') };
					assert.deepEqual(actual, expected, result.text);
					if (expected.status >= 400) assert.equal(result.body.status, 'ERROR');
				});
			}
		});
	}
});

// ---------------------------------------------------------------- §6 version table

type Observer = (emulator: Emulator) => Promise<unknown>;

interface VersionRow {
	readonly topic: string;
	readonly observe: Observer;
	readonly expected: Readonly<Record<string, unknown>>;
}

async function status(emulator: Emulator, method: string, path: string, options: CallOptions = {}): Promise<number> {
	return (await call(emulator, method, path, options)).status;
}

async function createStatus(emulator: Emulator, body: Record<string, unknown>): Promise<number> {
	return status(emulator, 'POST', '/api/apiToken', { as: alice, json: body });
}

const headMethod = { attributes: [{ type: 'MethodAllowedList', allowedMethods: ['GET', 'HEAD'] }] };
let codeCounter = 0;

async function codeHonoured(emulator: Emulator): Promise<boolean> {
	codeCounter += 1;
	const code = `conformance-${codeCounter}`;
	const { uid } = await createKey(emulator, alice, { code });
	return (await call<TokenBody>(emulator, 'GET', `/api/apiToken/${uid}`, { as: alice })).body.code === code;
}

async function responseType(emulator: Emulator): Promise<unknown> {
	return (await call(emulator, 'POST', '/api/apiToken', { as: alice, json: {} })).body.response?.responseType;
}

/** A 2.37–2.40-issued key (plain CRC) planted in the store, as after an upgrade. */
function legacyKey(seed: number): string {
	return generateToken({ version: 'v1', variant: 'plain', random: seededRandom(seed) });
}

const OLD = { '2.37': true, '2.38': true, '2.40': true, '2.41': false, '2.42': false, '2.43': false };
const byEra = (old: unknown, modern: unknown): Record<string, unknown> => Object.fromEntries(Object.entries(OLD).map(([version, isOld]) => [version, isOld ? old : modern]));

const VERSION_ROWS: readonly VersionRow[] = [
	{
		topic: 'endpoint /api/apiTokens exists',
		observe: async (emulator) => (await status(emulator, 'GET', '/api/apiTokens', { as: admin })) === 200,
		expected: byEra(false, true),
	},
	{
		topic: 'new token format (prefix, length, checksum rule)',
		observe: async (emulator) => {
			const { key } = await createKey(emulator, alice);
			return `${layoutOf(key)?.prefix ?? '?'} ${key.length} ${verifyToken(key)?.variant ?? 'invalid'}`;
		},
		expected: byEra('d2pat_ 48 plain', 'd2p_ 54 padded'),
	},
	{
		topic: '`type` enum of new tokens',
		observe: async (emulator) => {
			const { uid } = await createKey(emulator, alice);
			const token = (await call<TokenBody>(emulator, 'GET', `/api/apiToken/${uid}`, { as: alice })).body;
			return `${token.type ?? '-'} v${token.version ?? '-'}`;
		},
		expected: byEra('PERSONAL_ACCESS_TOKEN v1', 'PERSONAL_ACCESS_TOKEN_V2 v2'),
	},
	{
		topic: '`type` names the server does not know fail JSON mapping (409)',
		observe: async (emulator) => [
			await createStatus(emulator, { type: 'PERSONAL_ACCESS_TOKEN' }),
			await createStatus(emulator, { type: 'PERSONAL_ACCESS_TOKEN_V2' }),
		],
		expected: byEra([201, 409], [409, 201]),
	},
	{
		topic: 'checksum checked on auth',
		observe: async (emulator) => (await status(emulator, 'GET', '/api/me', { token: breakChecksum((await createKey(emulator, alice)).key) })) === 400,
		expected: byEra(false, true),
	},
	{
		topic: '2.37–2.40 d2pat_ tokens after upgrade',
		observe: async (emulator) => {
			const key = legacyKey(emulator.port);
			emulator.createToken(alice.username, {}, key);
			const result = await call(emulator, 'GET', '/api/me', { token: key });
			return result.status === 200 ? 200 : `${result.status} ${result.body.message ?? ''}`;
		},
		expected: byEra(200, '400 Checksum validation failed'),
	},
	{
		topic: '`key` in GET JSON',
		observe: async (emulator) => {
			const { uid, key } = await createKey(emulator, alice);
			const text = (await call(emulator, 'GET', `/api/apiToken/${uid}?fields=*,key`, { as: alice })).text;
			return text.includes('"key"') || text.includes(key);
		},
		expected: byEra(false, false),
	},
	{
		topic: 'bad attribute on POST',
		observe: async (emulator) => {
			const result = await call(emulator, 'POST', '/api/apiToken', { as: alice, json: { attributes: [{ type: 'IpAllowedList', allowedIps: ['10.0.0.0/8'] }] } });
			return `${result.status} ${result.body.errorCode ?? '-'} ${result.body.message ?? ''}`;
		},
		expected: byEra('400 - Not a valid ip address, value=10.0.0.0/8', "409 E1004 Failed to validate the token's attributes, message: Not a valid ip address, value=10.0.0.0/8"),
	},
	{
		topic: 'attribute validation on PUT / PATCH',
		observe: async (emulator) => {
			const { uid } = await createKey(emulator, alice);
			const put = await status(emulator, 'PUT', `/api/apiToken/${uid}`, { as: alice, json: { expire: emulator.now() + DAY, attributes: [{ type: 'IpAllowedList', allowedIps: ['not-an-ip'] }] } });
			const patch = await status(emulator, 'PATCH', `/api/apiToken/${uid}`, {
				as: alice, contentType: 'application/json-patch+json',
				json: [{ op: 'replace', path: '/attributes', value: [{ type: 'MethodAllowedList', allowedMethods: ['FETCH'] }] }],
			});
			return [put, patch];
		},
		expected: byEra([400, 400], [200, 200]),
	},
	{
		topic: '`HEAD` allowed in method list',
		observe: async (emulator) => (await createStatus(emulator, headMethod)) === 201,
		expected: { '2.37': false, '2.38': false, '2.40': false, '2.41': false, '2.42': false, '2.43': true },
	},
	{
		topic: '`code` (token name) honoured on POST',
		observe: codeHonoured,
		expected: { '2.37': true, '2.38': true, '2.40': true, '2.41': false, '2.42': false, '2.43': true },
	},
	{
		topic: 'malformed header status',
		observe: (emulator) => status(emulator, 'GET', '/api/me', { authorization: 'ApiToken not a token' }),
		expected: byEra(500, 400),
	},
	{
		topic: '"does not exists" message',
		observe: async (emulator) => (await call(emulator, 'GET', '/api/me', { token: generateToken(emulator.features.newKey) })).body.message,
		expected: byEra('The API token does not exists.', 'The API token does not exists'),
	},
	{
		topic: 'delete evicts auth cache',
		observe: async (emulator) => {
			const { uid, key } = await createKey(emulator, alice);
			assert.equal(await status(emulator, 'GET', '/api/me', { token: key }), 200);
			assert.equal(await status(emulator, 'DELETE', `/api/apiToken/${uid}`, { as: alice }), 200);
			return (await status(emulator, 'GET', '/api/me', { token: key })) === 401;
		},
		expected: byEra(false, true),
	},
	{
		topic: '`responseType` in create response',
		observe: responseType,
		expected: { ...byEra('ApiTokenCreationResponse', 'ObjectReport'), '2.41': 'ApiTokenCreationResponse', '2.42': 'ObjectReportWebMessageResponse' },
	},
	{
		topic: '/api/system/info reports the version',
		observe: async (emulator) => (await call<{ version?: string }>(emulator, 'GET', '/api/system/info', { as: admin })).body.version,
		expected: Object.fromEntries(Object.keys(OLD).map((version) => [version, version])),
	},
];

describe('emulator conformance: spec §6 version table', () => {
	describe('token auth enabled by default (enable.api_token.authentication)', () => {
		const expected: Record<string, boolean> = { '2.37': false, '2.38': true, '2.40': true, '2.41': true, '2.42': true, '2.43': true };
		for (const [version, enabled] of Object.entries(expected)) {
			it(`${version}: ${enabled ? 'on' : 'off'}`, async () => {
				const emulator = await startEmulator({ version });
				try {
					const { key } = await createKey(emulator, alice);
					const result = await call(emulator, 'GET', '/api/me', { token: key });
					assert.equal(emulator.tokenAuthEnabled, enabled);
					// Off: the ApiToken header is ignored, so the request is simply unauthenticated.
					assert.deepEqual([result.status, result.body.message], enabled ? [200, undefined] : [401, 'Unauthorized'], result.text);
				} finally {
					await emulator.close();
				}
			});
		}
		it('2.37 with --enable-api-token-auth: on', async () => {
			const emulator = await startEmulator({ version: '2.37', enableApiTokenAuth: true });
			try {
				const { key } = await createKey(emulator, alice);
				assert.equal(await status(emulator, 'GET', '/api/me', { token: key }), 200);
			} finally {
				await emulator.close();
			}
		});
	});

	for (const version of Object.keys(OLD)) {
		describe(`DHIS2 ${version}`, () => {
			let emulator: Emulator;
			before(async () => {
				emulator = await startEmulator({ version, enableApiTokenAuth: true });
			});
			after(() => emulator.close());
			for (const row of VERSION_ROWS) {
				it(`${row.topic}: ${JSON.stringify(row.expected[version])}`, async () => {
					assert.deepEqual(await row.observe(emulator), row.expected[version]);
				});
			}
		});
	}
});

// ---------------------------------------------------------------- §5/§6 patch-level rows

async function headerPlusParameter(emulator: Emulator): Promise<string> {
	const { key } = await createKey(emulator, alice);
	const result = await call(emulator, 'GET', '/api/me?api_token=anything', { token: key });
	return result.status === 200 ? '200' : `${result.status} ${result.body.message ?? ''}`;
}

async function repeatedParameter(emulator: Emulator): Promise<string> {
	const result = await call(emulator, 'GET', '/api/me?api_token=a&api_token=b', { as: alice });
	return result.status === 200 ? '200' : `${result.status} ${result.body.message ?? ''}`;
}

const PATCH_ROWS: readonly VersionRow[] = [
	{
		topic: '`HEAD` allowed in method list',
		observe: async (emulator) => (await createStatus(emulator, headMethod)) === 201,
		expected: { '2.40.8': false, '2.40.9': true, '2.41.5': false, '2.41.6': true, '2.42.1': false, '2.42.2': true, '2.43.1': true },
	},
	{
		topic: '`code` honoured on POST',
		observe: codeHonoured,
		expected: { '2.40.9': true, '2.41.4': false, '2.41.5': true, '2.42.1': false, '2.42.2': true, '2.43.1': true },
	},
	{
		topic: 'ApiToken header plus an `api_token` parameter',
		observe: headerPlusParameter,
		expected: {
			'2.39': '500 Found multiple api tokens in the request', '2.40.9': '500 Found multiple api tokens in the request', '2.40.9.1': '200',
			'2.41.6': '400 Found multiple tokens in the request', '2.41.6.1': '200', '2.42.3': '400 Found multiple tokens in the request', '2.42.3.1': '200', '2.43': '200',
		},
	},
	{
		topic: 'repeated `api_token` parameter without a token header',
		observe: repeatedParameter,
		expected: {
			'2.40.9': '500 Found multiple Api tokens in the request', '2.40.9.1': '200', '2.41.6': '400 Found multiple Api tokens in the request',
			'2.41.6.1': '200', '2.42.3': '400 Found multiple Api tokens in the request', '2.42.3.1': '200', '2.43': '200',
		},
	},
	{
		topic: '`responseType` in create response',
		observe: responseType,
		expected: { '2.41.6': 'ApiTokenCreationResponse', '2.42.0': 'ObjectReportWebMessageResponse', '2.42.1': 'ObjectReport', '2.43.1': 'ObjectReport' },
	},
];

describe('emulator conformance: patch-level differences (spec §2, §5, §6)', () => {
	for (const row of PATCH_ROWS) {
		describe(row.topic, () => {
			for (const [version, expected] of Object.entries(row.expected)) {
				it(`${version}: ${JSON.stringify(expected)}`, async () => {
					const emulator = await startEmulator({ version });
					try {
						assert.deepEqual(await row.observe(emulator), expected);
					} finally {
						await emulator.close();
					}
				});
			}
		});
	}
});
