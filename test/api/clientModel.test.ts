// The client's pure parts: server URLs, versions, credentials. No network here.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
	apiTokenCredentials, apiUrl, authorizationHeader, basicCredentials, checkServerUrl, describeCredentials, Dhis2Error, featuresOf,
	normaliseServerUrl, parseDhis2Version, parseWebMessage, proxyFor, proxySettingsFrom, SecretValue, sendsSecretsInClear, ServerUrlError,
} from '../../core/dhis2/client';
import { generateToken, mask, seededRandom } from '../../core/token';

describe('client: server URLs', () => {
	const cases: ReadonlyArray<readonly [string, string]> = [
		['https://play.dhis2.org/40/', 'https://play.dhis2.org/40'],
		['  HTTPS://Play.DHIS2.org:443/dhis//  ', 'https://play.dhis2.org/dhis'],
		['http://localhost:80/api', 'http://localhost'],
		['http://localhost:8080/api/', 'http://localhost:8080'],
		['https://example.org/dhis/api/me', 'https://example.org/dhis'],
		['https://example.org/dhis/api/41/apiToken', 'https://example.org/dhis'],
		['https://example.org/dhis-web-dashboard/', 'https://example.org'],
		['https://example.org/hmis/dhis-web-commons/security/login.action', 'https://example.org/hmis'],
		['https://example.org/login/', 'https://example.org'],
		['http://[::1]:8080', 'http://[::1]:8080'],
		['https://xn--mnchen-3ya.de', 'https://xn--mnchen-3ya.de'],
	];
	for (const [input, expected] of cases) {
		it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(normaliseServerUrl(input), expected));
	}

	const bad: ReadonlyArray<readonly [string, RegExp, string?]> = [
		['', /Enter the address/],
		['play.dhis2.org', /no scheme/, 'https://play.dhis2.org'],
		['ftp://example.org', /Only http:\/\/ and https:\/\//],
		['https://admin:district@example.org/dhis', /Remove the user name and password/, 'https://example.org/dhis'],
		['https://example.org/dhis?x=1', /query/, 'https://example.org/dhis'],
		['https://example.org/#/dashboard', /fragment/, 'https://example.org'],
		['https://exa mple.org', /not a valid URL/],
	];
	for (const [input, message, suggestion] of bad) {
		it(`rejects ${JSON.stringify(input)} with a clear message`, () => {
			assert.throws(() => normaliseServerUrl(input), (error: unknown) => error instanceof ServerUrlError && message.test(error.message) && error.suggestion === suggestion);
			const check = checkServerUrl(input);
			assert.equal(check.ok, false);
		});
	}

	it('never repeats a password from the URL in its message', () => {
		const check = checkServerUrl('https://admin:Sup3rSecret@example.org');
		assert.ok(!check.ok && !JSON.stringify(check).includes('Sup3rSecret'));
	});

	it('knows when a secret would cross the network unencrypted', () => {
		assert.equal(sendsSecretsInClear('http://example.org'), true);
		assert.equal(sendsSecretsInClear('https://example.org'), false);
		for (const loopback of ['http://localhost:8080', 'http://127.0.0.1', 'http://127.1.2.3:9', 'http://[::1]:8080', 'http://dhis.localhost']) {
			assert.equal(sendsSecretsInClear(loopback), false, loopback);
		}
	});

	it('builds API URLs under the context path', () => {
		assert.equal(apiUrl('https://example.org/dhis', 'apiToken', { filter: 'createdBy.id:eq:abc', paging: 'false' }).toString(), 'https://example.org/dhis/api/apiToken?filter=createdBy.id%3Aeq%3Aabc&paging=false');
	});
});

describe('client: versions and features', () => {
	it('parses what /api/system/info reports', () => {
		assert.deepEqual(parseDhis2Version('2.40.9.1'), { major: 2, minor: 40, patch: 9, hotfix: 1, text: '2.40.9.1' });
		assert.deepEqual(parseDhis2Version('2.42-SNAPSHOT'), { major: 2, minor: 42, patch: 0, hotfix: 0, text: '2.42-SNAPSHOT' });
		assert.equal(parseDhis2Version('unknown'), undefined);
	});

	const table: ReadonlyArray<readonly [string, { keyFormat: string; code: boolean; head: boolean; evicts: boolean; authOn: boolean }]> = [
		['2.37.9', { keyFormat: 'v1', code: true, head: false, evicts: false, authOn: false }],
		['2.38.0', { keyFormat: 'v1', code: true, head: false, evicts: false, authOn: true }],
		['2.40.8', { keyFormat: 'v1', code: true, head: false, evicts: false, authOn: true }],
		['2.40.9', { keyFormat: 'v1', code: true, head: true, evicts: false, authOn: true }],
		['2.41.4', { keyFormat: 'v2', code: false, head: false, evicts: true, authOn: true }],
		['2.41.5', { keyFormat: 'v2', code: true, head: false, evicts: true, authOn: true }],
		['2.41.6', { keyFormat: 'v2', code: true, head: true, evicts: true, authOn: true }],
		['2.42.1', { keyFormat: 'v2', code: false, head: false, evicts: true, authOn: true }],
		['2.42.2', { keyFormat: 'v2', code: true, head: true, evicts: true, authOn: true }],
		['2.43.0', { keyFormat: 'v2', code: true, head: true, evicts: true, authOn: true }],
		['2.44-SNAPSHOT', { keyFormat: 'v2', code: true, head: true, evicts: true, authOn: true }],
	];
	for (const [text, expected] of table) {
		it(`${text}: ${JSON.stringify(expected)}`, () => {
			const version = parseDhis2Version(text);
			assert.ok(version);
			const features = featuresOf(version);
			assert.deepEqual(
				{ keyFormat: features.keyFormat, code: features.supportsCode, head: features.supportsHead, evicts: features.deleteEvictsAuthCache, authOn: features.tokenAuthOnByDefault },
				expected,
			);
			assert.equal(features.pluralEndpoint, features.keyFormat === 'v2');
		});
	}
});

describe('client: credentials never print their secret', () => {
	const key = generateToken({ random: seededRandom(7) });

	it('an ApiToken credential masks itself everywhere and sends exactly one space', () => {
		const credentials = apiTokenCredentials(key);
		assert.equal(authorizationHeader(credentials), `ApiToken ${key}`);
		for (const text of [String(credentials.key), JSON.stringify(credentials), inspect(credentials, { depth: 5 }), describeCredentials(credentials)]) {
			assert.ok(!text.includes(key), text);
			assert.ok(text.includes(mask(key)), text);
		}
	});

	it('a Basic credential encodes UTF-8 and masks the password', () => {
		const credentials = basicCredentials('jürgen', 'pässwörd-123');
		assert.equal(authorizationHeader(credentials), `Basic ${Buffer.from('jürgen:pässwörd-123', 'utf8').toString('base64')}`);
		// eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- the template-literal path must mask too
		for (const text of [JSON.stringify(credentials), inspect(credentials, { depth: 5 }), `${credentials.password}`, describeCredentials(credentials)]) {
			assert.ok(!text.includes('pässwörd'), text);
		}
		assert.throws(() => basicCredentials('a:b', 'x'), /cannot contain ":"/);
	});

	it('compares secrets without revealing them', () => {
		assert.ok(new SecretValue('a', '*').equals(new SecretValue('a', '#')));
		assert.ok(!new SecretValue('a', '*').equals(new SecretValue('b', '*')));
	});
});

describe('client: WebMessages and errors', () => {
	it('reads httpStatusCode, message and errorReports (top level or under response)', () => {
		const message = parseWebMessage({
			httpStatus: 'Conflict', httpStatusCode: 409, status: 'ERROR', message: 'One or more errors occurred',
			response: { errorReports: [{ errorCode: 'E5003', errorProperty: 'code', message: 'Property `code` …', mainKlass: 'x' }, 'junk'] },
		});
		assert.deepEqual(message?.errorReports, [{ errorCode: 'E5003', errorProperty: 'code', message: 'Property `code` …' }]);
		assert.equal(message?.httpStatusCode, 409);
		assert.equal(parseWebMessage([1, 2]), undefined);
		assert.equal(parseWebMessage({ id: 'abc' }), undefined);
	});

	it('serialises an error with its kind, explanation and next step, redacting keys', () => {
		const key = generateToken({ random: seededRandom(9) });
		const error = new Dhis2Error('server-error', { explanation: `failed for ${key}`, nextStep: 'try again', serverMessage: key, status: 500 });
		const parsed = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
		assert.equal(parsed.kind, 'server-error');
		assert.equal(parsed.explanation, `failed for ${mask(key)}`);
		assert.equal(parsed.serverMessage, mask(key));
		assert.equal(error.userMessage, `failed for ${mask(key)} try again`);
		assert.ok(!String(error).includes(key) && !inspect(error).includes(key));
	});
});

describe('client: proxy selection', () => {
	it('follows HTTP(S)_PROXY and NO_PROXY like undici', () => {
		const settings = proxySettingsFrom({ HTTPS_PROXY: 'http://user:pw@proxy.example:3128', NO_PROXY: '.internal.example, localhost:8080' });
		assert.equal(proxyFor(new URL('https://play.dhis2.org'), settings), 'http://proxy.example:3128');
		assert.equal(proxyFor(new URL('http://play.dhis2.org'), settings), undefined, 'no HTTP_PROXY');
		assert.equal(proxyFor(new URL('https://dhis.internal.example'), settings), undefined);
		assert.equal(proxyFor(new URL('https://localhost:8080'), settings), undefined);
		assert.equal(proxyFor(new URL('https://localhost:8443'), settings), 'http://proxy.example:3128');
		assert.equal(proxyFor(new URL('https://x.org'), proxySettingsFrom({ HTTP_PROXY: 'http://p:1', NO_PROXY: '*' })), undefined);
	});
});
