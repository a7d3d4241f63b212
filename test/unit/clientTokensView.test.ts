import assert from 'node:assert/strict';
import { type ApiTokenInfo } from '../../core/dhis2/client/api';
import { fingerprint, generateToken, mask, seededRandom } from '../../core/token';
import { type StoredToken } from '../../core/vault';
import { type ServerEntry } from '../../client/servers/serverList';
import { tokenDetailsMarkdown } from '../../client/tokens/details';
import { escapeMarkdown, inlineCode } from '../../client/tokens/markdown';
import { serverNotes } from '../../client/tokens/serverNotes';
import { presentServer, presentToken, tokenFlags, tokenLabel } from '../../client/tokens/tokenPresentation';
import { mergeTokenRows, type TokenRow } from '../../client/tokens/tokenRows';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 20, 12);
const URL_A = 'https://play.dhis2.org/40';
const server: ServerEntry = { url: URL_A, label: 'play', production: false };
const options = { now: NOW, warningDays: 7, timeZone: 'utc' as const };
const key = generateToken({ random: seededRandom(7) });

function stored(id: string, overrides: Partial<StoredToken> = {}): StoredToken {
	return {
		serverUrl: URL_A,
		id,
		idKnown: true,
		context: 'server',
		expire: NOW + 30 * DAY,
		lifetimeMs: 30 * DAY,
		restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: ['GET'] },
		created: NOW - DAY,
		masked: mask(key),
		fingerprint: fingerprint(key),
		owner: { id: 'M5zQapPyTZI', username: 'admin' },
		...overrides,
	};
}

function remote(id: string, overrides: Partial<ApiTokenInfo> = {}): ApiTokenInfo {
	return {
		id,
		expire: NOW + 10 * DAY,
		created: '2026-11-01T10:00:00.000',
		attributes: [],
		restrictions: { allowedIps: ['10.0.0.1'], allowedReferrers: [], allowedMethods: ['GET', 'POST'] },
		...overrides,
	};
}

describe('client tokens: merging the server list with the vault', () => {
	it('shows stored-only tokens without presence when the server list is unknown', () => {
		const rows = mergeTokenRows(URL_A, [stored('aaaaaaaaaa1'), stored('bbbbbbbbbb1', { serverUrl: 'https://other.example' })], undefined, 'aaaaaaaaaa1', NOW);
		assert.equal(rows.length, 1, 'only this server');
		assert.equal(rows[0]?.presence, 'unknown');
		assert.equal(rows[0]?.stored, true);
		assert.equal(rows[0]?.active, true);
	});

	it('merges by id: the server wins on facts, the vault adds the key marker; each token once', () => {
		const rows = mergeTokenRows(
			URL_A,
			[stored('aaaaaaaaaa1', { name: 'local name' }), stored('cccccccccc1')],
			{ tokens: [remote('aaaaaaaaaa1'), remote('bbbbbbbbbb1', { code: 'ci' })], ownerId: 'M5zQapPyTZI' },
			undefined,
			NOW,
		);
		const byId = new Map(rows.map((row) => [row.id, row]));
		assert.equal(rows.length, 3);
		const both = byId.get('aaaaaaaaaa1');
		assert.equal(both?.stored, true);
		assert.equal(both?.presence, 'listed');
		assert.equal(both?.expire, NOW + 10 * DAY, 'server expiry');
		assert.equal(both?.name, 'local name', 'kept where the server has no name');
		assert.deepEqual(both?.restrictions.allowedMethods, ['GET', 'POST']);
		assert.equal(byId.get('bbbbbbbbbb1')?.stored, false);
		assert.equal(byId.get('bbbbbbbbbb1')?.name, 'ci');
		assert.equal(byId.get('cccccccccc1')?.presence, 'missing', 'stored, same owner, but not listed: revoked elsewhere');
	});

	it('does not call a token of another owner missing', () => {
		const rows = mergeTokenRows(URL_A, [stored('aaaaaaaaaa1', { owner: { id: 'someoneElse' } })], { tokens: [], ownerId: 'M5zQapPyTZI' }, undefined, NOW);
		assert.equal(rows[0]?.presence, 'unknown');
	});

	it('sorts live tokens by expiry, then expired ones, then unknown expiry', () => {
		const rows = mergeTokenRows(URL_A, [
			stored('expired0001', { expire: NOW - DAY }),
			stored('unknown0001', { idKnown: false, expireKnown: false, expire: NOW + DAY }),
			stored('late0000001', { expire: NOW + 60 * DAY }),
			stored('soon0000001', { expire: NOW + 2 * DAY }),
		], undefined, undefined, NOW);
		assert.deepEqual(rows.map((row) => row.id), ['soon0000001', 'late0000001', 'expired0001', 'unknown0001']);
		assert.equal(rows[3]?.expire, undefined, 'a lower bound is not shown as an expiry');
	});
});

function row(overrides: Partial<TokenRow> = {}): TokenRow {
	return {
		serverUrl: URL_A,
		id: 'aaaaaaaaaa1',
		idKnown: true,
		context: 'server',
		expire: NOW + 5 * DAY,
		created: NOW - DAY,
		restrictions: { allowedIps: ['10.0.0.1', '10.0.0.2'], allowedReferrers: [], allowedMethods: ['GET'] },
		stored: true,
		masked: mask(key),
		presence: 'listed',
		active: false,
		...overrides,
	};
}

describe('client tokens: tree item presentation', () => {
	it('labels by name, else id, else the masked key of an unidentified import', () => {
		assert.equal(tokenLabel(row({ name: 'CI' })), 'CI');
		assert.equal(tokenLabel(row({ name: '  ' })), 'aaaaaaaaaa1');
		assert.equal(tokenLabel(row({ idKnown: false, id: 'local-abc' })), `imported ${mask(key)}`);
	});

	it('describes context and relative expiry; the tooltip has the absolute date, restrictions and markers', () => {
		const item = presentToken(row({ name: 'CI', active: true }), server, { ...options, warningDays: 3 });
		assert.equal(item.description, 'server/script · expires in 5 days');
		assert.match(item.tooltip, /Expires: 2026-11-25 \(in 5 days\)/);
		assert.match(item.tooltip, /Restrictions: GET only · 2 IPs/);
		assert.match(item.tooltip, /Key: stored in VS Code \(`d2p_/);
		assert.match(item.tooltip, /Used for `\.http` requests to this server/);
		assert.match(item.tooltip, /Created: 2026-11-19/);
		assert.deepEqual(item.icon, { id: 'key', color: 'charts.green' });
		assert.equal(presentToken(row({ context: 'browser', expire: NOW - 2 * DAY }), server, options).description, 'browser · expired 2 days ago');
	});

	it('never puts the key in anything it shows', () => {
		const item = presentToken(row(), server, options);
		const details = tokenDetailsMarkdown(row(), server, NOW, 'utc');
		for (const text of [item.label, item.description, item.tooltip, details]) assert.ok(!text.includes(key));
		assert.ok(details.includes(mask(key)));
		assert.ok(item.tooltip.includes(mask(key)));
	});

	it('marks expired, expiring and revoked-elsewhere tokens with coloured icons', () => {
		assert.deepEqual(presentToken(row({ expire: NOW - 1 }), server, options).icon, { id: 'error', color: 'list.errorForeground' });
		assert.deepEqual(presentToken(row({ expire: NOW + 6 * DAY }), server, options).icon, { id: 'warning', color: 'list.warningForeground' });
		assert.deepEqual(presentToken(row({ expire: NOW + 8 * DAY }), server, options).icon, { id: 'key' });
		assert.deepEqual(presentToken(row({ expire: NOW + 8 * DAY, stored: false }), server, options).icon, { id: 'cloud' });
		assert.deepEqual(presentToken(row({ presence: 'missing', expire: NOW + 8 * DAY }), server, options).icon, { id: 'circle-slash', color: 'disabledForeground' });
		assert.match(presentToken(row({ presence: 'missing' }), server, options).tooltip, /Not on the server any more/);
	});

	it('offers in the context menu only what can be done to the token', () => {
		assert.deepEqual(tokenFlags(row()), ['dhis2Token', 'stored', 'revocable', 'rotatable', 'activatable']);
		assert.deepEqual(tokenFlags(row({ active: true })), ['dhis2Token', 'stored', 'active', 'revocable', 'rotatable']);
		assert.deepEqual(tokenFlags(row({ stored: false })), ['dhis2Token', 'revocable', 'rotatable'], 'no Copy Key without a key');
		assert.deepEqual(tokenFlags(row({ idKnown: false })), ['dhis2Token', 'stored', 'activatable'], 'no revoke without an id');
		assert.deepEqual(tokenFlags(row({ presence: 'missing' })), ['dhis2Token', 'stored', 'activatable']);
		assert.equal(presentToken(row(), server, options).contextValue, 'dhis2Token stored revocable rotatable activatable');
	});

	it('escapes server-supplied names so a tooltip cannot link anywhere', () => {
		const item = presentToken(row({ name: '[click](command:dhis2.revokeToken)' }), server, options);
		assert.ok(!item.tooltip.includes('[click](command:'));
		assert.ok(item.tooltip.includes('\\[click\\]\\(command:dhis2.revokeToken\\)'));
		assert.equal(escapeMarkdown('a*b_c\nd'), 'a\\*b\\_c d');
		assert.equal(inlineCode('a`b'), '``a`b``');
		assert.equal(inlineCode('`x'), '`` `x ``');
	});

	it('presents servers with host, version and production marker', () => {
		const plain = presentServer(server, { signedIn: false });
		assert.equal(plain.description, 'play.dhis2.org');
		assert.equal(plain.contextValue, 'dhis2Server signedOut');
		assert.match(plain.tooltip, /Not signed in/);
		const live = presentServer({ ...server, production: true }, { signedIn: true, username: 'admin', version: '2.41.5' });
		assert.equal(live.description, 'play.dhis2.org · 2.41.5 · production');
		assert.equal(live.contextValue, 'dhis2Server signedIn');
		assert.deepEqual(live.icon, { id: 'server-environment', color: 'charts.red' });
		assert.match(live.tooltip, /Signed in as admin/);
	});

	it('adds notes for sign-in, listing errors and empty servers', () => {
		assert.deepEqual(serverNotes({ signedIn: true, tokenCount: 2 }), []);
		assert.deepEqual(serverNotes({ signedIn: false, tokenCount: 1 }).map((note) => note.command), ['dhis2.signIn']);
		assert.deepEqual(serverNotes({ signedIn: true, tokenCount: 0 }).map((note) => note.command), ['dhis2.generateToken', 'dhis2.importToken']);
		const failed = serverNotes({ signedIn: true, tokenCount: 1, error: { explanation: 'Timed out.', nextStep: 'Try again.' } });
		assert.equal(failed[0]?.command, 'dhis2.refreshTokens');
		assert.equal(failed[0]?.tooltip, 'Timed out. Try again.');
	});
});

describe('client tokens: details document', () => {
	it('lists every fact and every restriction, with no key', () => {
		const text = tokenDetailsMarkdown(row({ name: 'CI', restrictions: { allowedIps: ['10.0.0.1'], allowedReferrers: [], allowedMethods: [] }, owner: { id: 'u1', username: 'admin' } }), server, NOW, 'utc');
		assert.match(text, /^# DHIS2 token CI$/m);
		assert.match(text, /\| Token id \| `aaaaaaaaaa1` \|/);
		assert.match(text, /\| Expires \| 2026-11-25 \(in 5 days\) \|/);
		assert.match(text, /\| Owner \| admin \|/);
		assert.match(text, /## Allowed HTTP methods\n- any method/);
		assert.match(text, /## Allowed IP addresses\n- `10\.0\.0\.1`/);
		assert.match(text, /\| On the server \| yes \|/);
		assert.match(tokenDetailsMarkdown(row({ idKnown: false, presence: 'unknown' }), server, NOW, 'utc'), /not known \(imported key not matched/);
	});
});
