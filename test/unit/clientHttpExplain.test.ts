import assert from 'node:assert/strict';
import { TOKEN_MESSAGES } from '../../core/dhis2/emulator/tokenAuth';
import { formatDate } from '../../core/dhis2/tokens';
import { generateToken, mask, seededRandom } from '../../core/token';
import { type StoredToken } from '../../core/vault';
import { type ExplainInput, explainResponse } from '../../client/http/explain';

const NOW = Date.UTC(2026, 10, 20, 12);
const DAY = 24 * 60 * 60 * 1000;
const key = generateToken({ random: seededRandom(99) });
const SERVER = { baseUrl: 'https://play.dhis2.org/40', label: 'play', production: false, index: 0 };

const token: StoredToken = {
	serverUrl: SERVER.baseUrl, id: 'aaaaaaaaaa1', idKnown: true, name: 'ci', context: 'server', expire: NOW - 2 * DAY, lifetimeMs: 30 * DAY,
	restrictions: { allowedIps: ['192.0.2.1', '192.0.2.2'], allowedReferrers: [], allowedMethods: ['GET', 'HEAD'] }, created: NOW - 32 * DAY,
	masked: mask(key), fingerprint: 'f', owner: { id: 'u1', username: 'alice' },
};

/** A DHIS2 401 from the token filter, as the emulator (and DHIS2) write it. */
function rejected(message: string, extra: Partial<ExplainInput> = {}): ExplainInput {
	return {
		status: 401, method: 'GET', url: `${SERVER.baseUrl}/api/me`, contentType: 'application/json',
		bodyText: JSON.stringify({ httpStatus: 'Unauthorized', httpStatusCode: 401, status: 'ERROR', message }),
		wwwAuthenticate: 'ApiToken error="invalid_token"', tokenSent: true, tokenDropped: false, redirected: false,
		decision: { injects: true, explanation: 'Sending the token of play.', server: SERVER }, token, serverHasStoredTokens: true, now: NOW,
		...extra,
	};
}

describe('client .http: DHIS2 answers explained with what the vault knows', () => {
	it('expired: "Token "ci" (d2p_…) expired on <date>", Rotate when the id is known, Generate otherwise', () => {
		const view = explainResponse(rejected(TOKEN_MESSAGES.expired));
		assert.equal(view?.title, `Token "ci" (${mask(key)}) expired on ${formatDate(token.expire)}`);
		assert.deepEqual(view?.actions.map((action) => action.id), ['rotateToken', 'showTokenDetails']);
		const imported = explainResponse(rejected(TOKEN_MESSAGES.expired, { token: { ...token, idKnown: false, name: undefined } }));
		assert.match(imported?.title ?? '', new RegExp(`^Token ${mask(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} expired on`));
		assert.deepEqual(imported?.actions.map((action) => action.id), ['generateToken']);
		const unknownDate = explainResponse(rejected(TOKEN_MESSAGES.expired, { token: { ...token, expireKnown: false } }));
		assert.equal(unknownDate?.title, `Token "ci" (${mask(key)}) has expired`);
	});

	it('a vague rejection of a token the vault knows is expired reads as expired', () => {
		const view = explainResponse(rejected('The API token does not exists.'));
		assert.match(view?.title ?? '', /expired on/);
		const fresh = explainResponse(rejected('The API token does not exists.', { token: { ...token, expire: NOW + DAY } }));
		assert.match(fresh?.title ?? '', /^"play" does not know token "ci"/);
		assert.deepEqual(fresh?.actions.map((action) => action.id), ['chooseToken', 'generateToken', 'showTokens']);
	});

	it('IP allowlist, method and referrer rules, with the token\'s own lists', () => {
		const live = { ...token, expire: NOW + DAY };
		const ip = explainResponse(rejected('Failed to authenticate API token, request ip address is not allowed.', { token: live }));
		assert.match(ip?.title ?? '', /^Blocked by the IP allowlist of token "ci"/);
		assert.match(ip?.detail ?? '', /only accepts requests from 192\.0\.2\.1 and 192\.0\.2\.2\./);
		const method = explainResponse(rejected('Failed to authenticate API token, request http method is not allowed.', { token: live, method: 'delete' }));
		assert.match(method?.title ?? '', /^DELETE is not allowed for token "ci"/);
		assert.match(method?.detail ?? '', /allows only GET and HEAD\./);
		const referrer = explainResponse(rejected('Failed to authenticate API token, request http referrer is missing or not allowed.', { token: live }));
		assert.match(referrer?.title ?? '', /only works from certain web pages/);
	});

	it('an owner that cannot use tokens, and a 403 where the token worked but the user may not', () => {
		const live = { ...token, expire: NOW + DAY };
		assert.match(explainResponse(rejected(TOKEN_MESSAGES.ownerUnusable, { token: live }))?.title ?? '', /owner account is disabled, locked or expired/);
		const forbidden = explainResponse(rejected('Access is denied', { token: live, status: 403 }));
		assert.match(forbidden?.title ?? '', /^DHIS2 refused this request \(HTTP 403\): Access is denied/);
		assert.match(forbidden?.detail ?? '', /its owner alice lacks the authority/);
	});

	it('no token sent to a configured server: choose one, or generate one when none is stored', () => {
		const none = { tokenSent: false, token: undefined, decision: { injects: false, explanation: 'No token: none is set up for play.', server: SERVER } };
		const choose = explainResponse(rejected('Unauthorized', { ...none, wwwAuthenticate: undefined }));
		assert.equal(choose?.title, 'No token was sent to "play"');
		assert.deepEqual(choose?.actions.map((action) => action.id), ['chooseToken']);
		const generate = explainResponse(rejected('Unauthorized', { ...none, serverHasStoredTokens: false }));
		assert.deepEqual(generate?.actions.map((action) => action.id), ['generateToken']);
		const loginPage = explainResponse({ ...rejected('', none), status: 200, contentType: 'text/html', bodyText: '<html><title>Login</title>', url: `${SERVER.baseUrl}/dhis-web-login/`, redirected: true });
		assert.equal(loginPage?.title, 'No token was sent to "play"', 'landing on the login page after a redirect');
	});

	it('a token dropped at a redirect is named as the reason for the 401', () => {
		const view = explainResponse(rejected('Unauthorized', { tokenSent: false, tokenDropped: true, redirected: true }));
		assert.match(view?.title ?? '', /dropped at a redirect/);
	});

	it('nothing to add for a success, or for a 401 from a server that is not a configured DHIS2 server', () => {
		assert.equal(explainResponse({ ...rejected(''), status: 200, bodyText: '{}' }), undefined);
		assert.equal(explainResponse(rejected('Unauthorized', { tokenSent: false, decision: { injects: false, explanation: 'No token: not a DHIS2 server.' } })), undefined);
	});
});
