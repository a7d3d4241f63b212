import assert from 'node:assert/strict';
import { DEFAULT_EXPIRY_MS, DEMO_USERS, startEmulator, type Emulator } from '../../core/dhis2/emulator';
import { fingerprint, verifyToken } from '../../core/token';
import { call, createKey, type ListBody, type TokenBody } from './emulatorHttp';

const alice = DEMO_USERS.normal;
const bob = DEMO_USERS.other;
const admin = DEMO_USERS.admin;
const DATE_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;
const FIXED_NOW = Date.UTC(2025, 0, 2, 10, 11, 12, 345);
const JSON_PATCH = 'application/json-patch+json';

async function getToken(emulator: Emulator, uid: string, fields = ''): Promise<TokenBody> {
	const result = await call<TokenBody>(emulator, 'GET', `/api/apiToken/${uid}${fields ? `?fields=${fields}` : ''}`, { as: alice });
	assert.equal(result.status, 200, result.text);
	return result.body;
}

// 2.41.5: the first 2.41 patch that honours `code` on POST; HEAD is still refused.
describe('emulator: token CRUD (2.41.5)', () => {
	let emulator: Emulator;
	beforeEach(async () => {
		emulator = await startEmulator({ version: '2.41.5' });
		emulator.setNow(FIXED_NOW);
	});
	afterEach(() => emulator.close());

	describe('POST /api/apiToken', () => {
		it('answers 201 with the key once, a Location header, and stores only the SHA-256 hash', async () => {
			const result = await call(emulator, 'POST', '/api/apiToken', { as: alice, json: {} });
			assert.equal(result.status, 201);
			assert.equal(result.body.httpStatus, 'Created');
			assert.equal(result.body.status, 'OK');
			const { uid, key, klass, errorReports } = result.body.response ?? {};
			assert.ok(uid && key);
			assert.match(uid, /^[A-Za-z][A-Za-z0-9]{10}$/);
			assert.equal(klass, 'org.hisp.dhis.security.apikey.ApiToken');
			assert.deepEqual(errorReports, []);
			assert.equal(result.headers.get('location'), `${emulator.url}/api/apiToken/${uid}`);
			assert.deepEqual(verifyToken(key), { variant: 'padded', era: '2.41+' });
			assert.deepEqual(emulator.storedKeyHashes(), [fingerprint(key)]);
			assert.match(emulator.storedKeyHashes()[0] ?? '', /^[0-9a-f]{64}$/);
			assert.ok(!JSON.stringify(emulator.storedTokens()).includes(key), 'the plaintext key is not stored');
		});

		it('defaults expire to now + 30 days and renders dates as yyyy-MM-ddTHH:mm:ss.SSS local time', async () => {
			const { uid } = await createKey(emulator, alice);
			const token = await getToken(emulator, uid);
			assert.equal(DEFAULT_EXPIRY_MS, 30 * 24 * 60 * 60 * 1000);
			assert.equal(token.expire, FIXED_NOW + DEFAULT_EXPIRY_MS);
			assert.match(token.created ?? '', DATE_FORMAT);
			assert.equal(new Date(token.created ?? '').getTime(), FIXED_NOW, 'local time without zone');
		});

		it('accepts an expiry in the past (no check that it is in the future)', async () => {
			const { uid } = await createKey(emulator, alice, { expire: FIXED_NOW - 1000 });
			assert.equal((await getToken(emulator, uid)).expire, FIXED_NOW - 1000);
		});

		it('ignores type/version/key/name in the body and keeps attribute values as sent, in order', async () => {
			const attributes = [
				{ type: 'MethodAllowedList', allowedMethods: ['get', 'POST'] },
				{ type: 'IpAllowedList', allowedIps: ['192.168.1.1', '::1'] },
				{ type: 'RefererAllowedList', allowedReferrers: ['https://apps.example.org/app'] },
			];
			const { uid, key } = await createKey(emulator, alice, { version: 1, key: 'chosen', name: 'ignored', attributes });
			const token = await getToken(emulator, uid);
			assert.equal(token.version, 2);
			assert.equal(token.type, 'PERSONAL_ACCESS_TOKEN_V2');
			assert.ok(key.startsWith('d2p_'));
			assert.deepEqual(token.attributes, attributes);
			assert.equal(token.createdBy?.id, alice.id);
			for (const absent of ['key', 'name', 'displayName', 'code']) assert.ok(!(absent in token), `${absent} is omitted (null)`);
		});

		for (const [attribute, message] of [
			[{ type: 'IpAllowedList', allowedIps: ['1.2.3.4', '10.0.0.0/8'] }, 'Not a valid ip address, value=10.0.0.0/8'],
			[{ type: 'IpAllowedList', allowedIps: ['01.2.3.4'] }, 'Not a valid ip address, value=01.2.3.4'],
			[{ type: 'MethodAllowedList', allowedMethods: ['GET', 'HEAD'] }, 'Not a valid http method, value=HEAD'],
			[{ type: 'MethodAllowedList', allowedMethods: ['FETCH'] }, 'Not a valid http method, value=FETCH'],
			[{ type: 'RefererAllowedList', allowedReferrers: ['not a url'] }, 'Not a valid referrer url, value=not a url'],
			[{ type: 'RefererAllowedList', allowedReferrers: ['http://localhost:3000'] }, 'Not a valid referrer url, value=http://localhost:3000'],
		] as const) {
			it(`409 E1004 for ${JSON.stringify(attribute)}`, async () => {
				const result = await call(emulator, 'POST', '/api/apiToken', { as: alice, json: { attributes: [attribute] } });
				assert.equal(result.status, 409);
				assert.equal(result.body.errorCode, 'E1004');
				assert.equal(result.body.message, `Failed to validate the token's attributes, message: ${message}`);
				assert.equal(emulator.tokenCount(), 0);
			});
		}

		it('validates only the first attribute of each type on create', async () => {
			const attributes = [{ type: 'IpAllowedList', allowedIps: ['127.0.0.1'] }, { type: 'IpAllowedList', allowedIps: ['not-an-ip'] }];
			const { key } = await createKey(emulator, alice, { attributes });
			// …while requests enforce every attribute: the second list can never match.
			const result = await call(emulator, 'GET', '/api/me', { token: key });
			assert.equal(result.status, 401);
			assert.equal(result.body.message, 'Failed to authenticate API token, request ip address is not allowed.');
			const reversed = await call(emulator, 'POST', '/api/apiToken', { as: alice, json: { attributes: [...attributes].reverse() } });
			assert.equal(reversed.status, 409);
		});

		it('409 E5003 for a duplicate code, also across users', async () => {
			await createKey(emulator, alice, { code: 'ci-runner' });
			const result = await call(emulator, 'POST', '/api/apiToken', { as: bob, json: { code: 'ci-runner' } });
			assert.equal(result.status, 409);
			assert.equal(result.body.status, 'ERROR');
			assert.equal(result.body.message, 'One or more errors occurred, please see full details in import report.');
			const [report, ...rest] = result.body.response?.errorReports ?? [];
			assert.equal(rest.length, 0);
			assert.equal(report?.errorCode, 'E5003');
			assert.equal(report?.errorProperty, 'code');
			assert.match(report?.message ?? '', /^Property `code` with value `ci-runner` on object \w+ already exists on object \w+$/);
			assert.equal(emulator.tokenCount(), 1);
		});

		it('rejects XML (405), other media types (415), bad JSON and unknown attribute types (409)', async () => {
			const xml = await call(emulator, 'POST', '/api/apiToken', { as: alice, body: '<apiToken/>', contentType: 'application/xml' });
			assert.deepEqual([xml.status, xml.body.message], [405, 'Method type is not supported']);
			assert.equal((await call(emulator, 'POST', '/api/apiToken', { as: alice, body: '{}', contentType: 'text/plain' })).status, 415);
			assert.equal((await call(emulator, 'POST', '/api/apiToken', { as: alice, body: '{"expire":' })).status, 409);
			const unknown = await call(emulator, 'POST', '/api/apiToken', { as: alice, json: { attributes: [{ type: 'CidrAllowedList' }] } });
			assert.equal(unknown.status, 409);
			assert.match(unknown.body.message ?? '', /CidrAllowedList/);
			assert.equal(emulator.tokenCount(), 0);
		});
	});

	describe('GET list', () => {
		it('puts tokens under `apiToken` with a pager; default fields id,displayName (so only id, displayName is null)', async () => {
			const { uid } = await createKey(emulator, alice);
			const result = await call<ListBody>(emulator, 'GET', '/api/apiToken', { as: alice });
			assert.deepEqual(result.body, { pager: { page: 1, pageCount: 1, total: 1, pageSize: 50 }, apiToken: [{ id: uid }] });
		});

		it('supports fields (incl. nested), filter createdBy.id/id/code, paging=false', async () => {
			const first = await createKey(emulator, alice, { code: 'first' });
			await createKey(emulator, alice, { code: 'second' });
			await createKey(emulator, admin, { code: 'admins' });
			const path = `/api/apiToken?fields=id,code,createdBy[id,username],expire&paging=false&filter=createdBy.id:eq:${alice.id}&filter=code:eq:first`;
			const result = await call<ListBody>(emulator, 'GET', path, { as: admin });
			assert.deepEqual(result.body, {
				apiToken: [{ id: first.uid, code: 'first', createdBy: { id: alice.id, username: alice.username }, expire: FIXED_NOW + DEFAULT_EXPIRY_MS }],
			});
			const byId = await call<ListBody>(emulator, 'GET', `/api/apiTokens?filter=id:eq:${first.uid}&fields=code`, { as: alice });
			assert.deepEqual(byId.body.apiToken, [{ code: 'first' }]);
			const bad = await call(emulator, 'GET', '/api/apiToken?filter=nonsense:eq:1', { as: alice });
			assert.equal(bad.status, 400);
		});

		it('pages with page/pageSize and links to the neighbouring pages', async () => {
			const uids: string[] = [];
			for (let i = 0; i < 5; i++) uids.push((await createKey(emulator, alice)).uid);
			const result = await call<ListBody>(emulator, 'GET', '/api/apiToken?pageSize=2&page=2', { as: alice });
			assert.deepEqual(result.body.apiToken.map((token) => token.id), uids.slice(2, 4));
			const { pager } = result.body;
			assert.deepEqual([pager?.page, pager?.pageCount, pager?.total, pager?.pageSize], [2, 3, 5, 2]);
			assert.equal(new URL(pager?.nextPage ?? '').searchParams.get('page'), '3');
			assert.equal(new URL(pager?.prevPage ?? '').searchParams.get('page'), '1');
		});
	});

	describe('visibility', () => {
		it('hides other users\' tokens (404 E1005 on get, put, patch, delete) but shows everything to a superuser', async () => {
			const { uid } = await createKey(emulator, alice);
			await createKey(emulator, bob);
			const notFound = `ApiToken with id ${uid} could not be found.`;
			for (const [method, options] of [
				['GET', {}], ['DELETE', {}], ['PUT', { json: { expire: 1 } }],
				['PATCH', { json: [{ op: 'replace', path: '/expire', value: 1 }], contentType: JSON_PATCH }],
			] as const) {
				const result = await call(emulator, method, `/api/apiToken/${uid}`, { as: bob, ...options });
				assert.deepEqual([result.status, result.body.errorCode, result.body.message], [404, 'E1005', notFound], `${method}: ${result.text}`);
			}
			const bobsList = await call<ListBody>(emulator, 'GET', '/api/apiToken?fields=createdBy[id]&paging=false', { as: bob });
			assert.deepEqual(bobsList.body.apiToken, [{ createdBy: { id: bob.id } }]);
			const adminList = await call<ListBody>(emulator, 'GET', '/api/apiToken?paging=false', { as: admin });
			assert.equal(adminList.body.apiToken.length, 2);
			assert.equal((await call(emulator, 'GET', `/api/apiToken/${uid}`, { as: admin })).status, 200);
			assert.equal((await getToken(emulator, uid)).id, uid, 'the owner still sees it');
		});
	});

	describe('PUT, PATCH, DELETE', () => {
		it('PUT replaces expire and attributes and keeps the key', async () => {
			const { uid, key } = await createKey(emulator, alice);
			const attributes = [{ type: 'MethodAllowedList', allowedMethods: ['GET'] }];
			emulator.advanceTime(5000);
			const result = await call(emulator, 'PUT', `/api/apiToken/${uid}`, { as: alice, json: { expire: FIXED_NOW + 7000, attributes, key: 'x' } });
			assert.equal(result.status, 200, result.text);
			assert.deepEqual(result.body.response, { responseType: 'ObjectReport', uid, klass: 'org.hisp.dhis.security.apikey.ApiToken', errorReports: [] });
			const token = await getToken(emulator, uid);
			assert.deepEqual([token.expire, token.attributes], [FIXED_NOW + 7000, attributes]);
			assert.equal(new Date(token.lastUpdated ?? '').getTime(), FIXED_NOW + 5000);
			assert.deepEqual(emulator.storedKeyHashes(), [fingerprint(key)]);
			assert.equal((await call(emulator, 'GET', '/api/me', { token: key })).status, 200);
		});

		it('PATCH (JSON Patch) replaces, adds and removes top-level fields; /key has no effect', async () => {
			const { uid, key } = await createKey(emulator, alice);
			const patch = async (operations: unknown[]): Promise<number> =>
				(await call(emulator, 'PATCH', `/api/apiToken/${uid}`, { as: alice, json: operations, contentType: JSON_PATCH })).status;
			assert.equal(await patch([
				{ op: 'replace', path: '/attributes', value: [{ type: 'IpAllowedList', allowedIps: ['127.0.0.1'] }] },
				{ op: 'add', path: '/attributes/-', value: { type: 'MethodAllowedList', allowedMethods: ['GET'] } },
				{ op: 'replace', path: '/expire', value: FIXED_NOW + 1234 },
				{ op: 'replace', path: '/code', value: 'renamed' },
				{ op: 'replace', path: '/key', value: 'd2p_forged' },
			]), 200);
			let token = await getToken(emulator, uid);
			assert.equal(token.code, 'renamed');
			assert.equal(token.expire, FIXED_NOW + 1234);
			assert.deepEqual(token.attributes?.map((attribute) => attribute['type']), ['IpAllowedList', 'MethodAllowedList']);
			assert.deepEqual(emulator.storedKeyHashes(), [fingerprint(key)]);
			assert.equal(await patch([{ op: 'remove', path: '/code' }, { op: 'remove', path: '/attributes/0' }]), 200);
			token = await getToken(emulator, uid);
			assert.ok(!('code' in token));
			assert.equal(token.attributes?.length, 1);
			assert.equal(await patch([{ op: 'remove', path: '/nothing' }]), 409);
			assert.equal(await patch([{ op: 'test', path: '/code', value: 'other' }]), 409);
			assert.equal(await patch([{ op: 'replace', path: '/expire', value: 'soon' }]), 409);
			const plainJson = await call(emulator, 'PATCH', `/api/apiToken/${uid}`, { as: alice, json: [] });
			assert.equal(plainJson.status, 415);
		});

		it('DELETE answers 200 with an ObjectReport, then 404', async () => {
			const { uid } = await createKey(emulator, alice);
			const result = await call(emulator, 'DELETE', `/api/apiToken/${uid}`, { as: alice });
			assert.equal(result.status, 200);
			assert.deepEqual(result.body, {
				httpStatus: 'OK', httpStatusCode: 200, status: 'OK',
				response: { responseType: 'ObjectReport', uid, klass: 'org.hisp.dhis.security.apikey.ApiToken', errorReports: [] },
			});
			assert.equal(emulator.tokenCount(), 0);
			assert.equal((await call(emulator, 'DELETE', `/api/apiToken/${uid}`, { as: alice })).status, 404);
		});
	});

	describe('other endpoints and paths', () => {
		it('GET /api/me?fields=id returns only the id; versioned /api/41/ paths work on 2.41', async () => {
			assert.deepEqual((await call(emulator, 'GET', '/api/me?fields=id', { as: alice })).body, { id: alice.id });
			assert.equal((await call(emulator, 'GET', '/api/41/apiToken', { as: alice })).status, 200);
			assert.equal((await call(emulator, 'GET', '/api/apiToken.json', { as: alice })).status, 200);
		});
	});
});

describe('emulator: token CRUD on 2.40', () => {
	let emulator: Emulator;
	before(async () => {
		emulator = await startEmulator({ version: '2.40' });
	});
	after(() => emulator.close());

	it('rejects XML POST and plain-JSON PATCH with 409 "Operation not supported on ApiToken"', async () => {
		const xml = await call(emulator, 'POST', '/api/apiToken', { as: alice, body: '<apiToken/>', contentType: 'application/xml' });
		assert.deepEqual([xml.status, xml.body.message], [409, 'Operation not supported on ApiToken']);
		const { uid } = await createKey(emulator, alice);
		const patch = await call(emulator, 'PATCH', `/api/apiToken/${uid}`, { as: alice, json: { expire: 1 } });
		assert.deepEqual([patch.status, patch.body.message], [409, 'Operation not supported on ApiToken']);
	});

	it('has no /api/apiTokens alias and no HEAD', async () => {
		assert.equal((await call(emulator, 'GET', '/api/apiTokens', { as: alice })).status, 404);
		const head = await call(emulator, 'POST', '/api/apiToken', { as: alice, json: { attributes: [{ type: 'MethodAllowedList', allowedMethods: ['HEAD'] }] } });
		assert.deepEqual([head.status, head.body.message], [400, 'Not a valid http method, value=HEAD']);
	});
});

describe('emulator: versioned paths on 2.43', () => {
	it('answers 404 for /api/43/apiToken (the "all API versions" mapping is gone)', async () => {
		const emulator = await startEmulator({ version: '2.43' });
		try {
			assert.equal((await call(emulator, 'GET', '/api/43/apiToken', { as: alice })).status, 404);
			assert.equal((await call(emulator, 'GET', '/api/apiTokens', { as: alice })).status, 200);
		} finally {
			await emulator.close();
		}
	});
});
