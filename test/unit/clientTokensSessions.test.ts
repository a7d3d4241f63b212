import assert from 'node:assert/strict';
import { type StoredToken } from '../../core/vault';
import { diffSessions, parseSessionId, serverFromScopes, sessionId, sessionShapes } from '../../client/auth/sessions';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 20);
const PLAY = 'https://play.dhis2.org/40';
const LIVE = 'https://dhis2.example.org';

function token(id: string, overrides: Partial<StoredToken> = {}): StoredToken {
	return {
		serverUrl: PLAY,
		id,
		idKnown: true,
		context: 'server',
		expire: NOW + 10 * DAY,
		lifetimeMs: 30 * DAY,
		restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: [] },
		created: NOW - DAY,
		masked: 'd2p_abcd…wxyz',
		fingerprint: `fp-${id}`,
		owner: { id: 'u1', username: 'admin' },
		...overrides,
	};
}

const labelOf = (url: string) => (url === PLAY ? 'play' : 'live');

describe('client tokens: authentication sessions', () => {
	it('round-trips session ids, server URLs with ports included', () => {
		const id = sessionId('http://localhost:8080', 'abcdefghij1');
		assert.deepEqual(parseSessionId(id), { serverUrl: 'http://localhost:8080', tokenId: 'abcdefghij1' });
		assert.equal(parseSessionId('no-hash'), undefined);
		assert.equal(parseSessionId('#x'), undefined);
		assert.equal(parseSessionId('https://a#'), undefined);
	});

	it('reads a server from the scopes in any form the user could type, or none', () => {
		assert.equal(serverFromScopes(undefined), null);
		assert.equal(serverFromScopes([]), null);
		assert.equal(serverFromScopes(['https://play.dhis2.org/40/api/']), PLAY);
		assert.equal(serverFromScopes(['server:https://PLAY.dhis2.org/40']), PLAY);
		assert.equal(serverFromScopes([PLAY, `server:${PLAY}/`]), PLAY, 'the same server twice');
		assert.equal(serverFromScopes(['read']), undefined, 'not an address: nothing can match');
		assert.equal(serverFromScopes([PLAY, LIVE]), undefined, 'two servers at once cannot match one token');
	});

	it('offers the unexpired stored tokens, active first, filtered by server', () => {
		const stored = [token('a0000000001'), token('b0000000001'), token('c0000000001', { serverUrl: LIVE }), token('dead0000001', { expire: NOW - 1 })];
		const active = (url: string) => (url === PLAY ? 'b0000000001' : undefined);
		const all = sessionShapes(stored, undefined, labelOf, active, NOW);
		assert.deepEqual(all.map((shape) => shape.tokenId), ['b0000000001', 'a0000000001', 'c0000000001']);
		assert.deepEqual(sessionShapes(stored, [PLAY], labelOf, active, NOW).map((shape) => shape.tokenId), ['b0000000001', 'a0000000001']);
		assert.deepEqual(sessionShapes(stored, ['bogus'], labelOf, active, NOW), []);
		const [first] = all;
		assert.deepEqual(first?.account, { id: `${PLAY}#u1`, label: 'admin @ play' });
		assert.deepEqual(first?.scopes, [PLAY]);
		assert.equal(first?.id, `${PLAY}#b0000000001`);
		assert.ok(!JSON.stringify(all).includes('d2p_abcd'), 'shapes carry no key, not even masked');
	});

	it('reports added, removed and changed sessions between snapshots', () => {
		const before = sessionShapes([token('a0000000001'), token('b0000000001')], undefined, labelOf, () => undefined, NOW);
		const after = sessionShapes([token('b0000000001', { fingerprint: 'new-key' }), token('c0000000001')], undefined, labelOf, () => undefined, NOW);
		const delta = diffSessions(before, after);
		assert.deepEqual(delta.added.map((shape) => shape.tokenId), ['c0000000001']);
		assert.deepEqual(delta.removed.map((shape) => shape.tokenId), ['a0000000001']);
		assert.deepEqual(delta.changed.map((shape) => shape.tokenId), ['b0000000001']);
		assert.deepEqual(diffSessions(after, after), { added: [], removed: [], changed: [] });
	});
});
