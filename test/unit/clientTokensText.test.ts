import assert from 'node:assert/strict';
import { generateToken, mask, seededRandom } from '../../core/token';
import { type ServerEntry } from '../../client/servers/serverList';
import { expiresPhrase, expiryText } from '../../client/tokens/expiryText';
import { candidateItems, importKeyProblem, UNKNOWN_CANDIDATE_LABEL } from '../../client/tokens/importText';
import { generateConfirmation, revokeConfirmation, rotateConfirmation } from '../../client/tokens/lifecycleText';
import { positionAt } from '../../client/tokens/textPosition';
import { type TokenRow } from '../../client/tokens/tokenRows';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 20, 12);
const play: ServerEntry = { url: 'https://play.dhis2.org/40', label: 'play', production: false };
const live: ServerEntry = { url: 'https://dhis2.example.org', label: 'live', production: true };
const v2 = generateToken({ random: seededRandom(3) });
const v1 = generateToken({ version: 'v1', variant: 'plain', random: seededRandom(4) });

const row: TokenRow = {
	serverUrl: play.url,
	id: 'aaaaaaaaaa1',
	idKnown: true,
	name: 'CI',
	context: 'server',
	expire: NOW + 5 * DAY,
	restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: [] },
	stored: true,
	masked: mask(v2),
	presence: 'listed',
	active: false,
};

describe('client tokens: import key check', () => {
	it('accepts whole keys of both formats, with surrounding blanks', () => {
		assert.equal(importKeyProblem(v2), undefined);
		assert.equal(importKeyProblem(` ${v1}\n`), undefined);
	});

	it('explains what is wrong with a pasted key without repeating it', () => {
		const problems = [
			importKeyProblem(''),
			importKeyProblem('ghp_0123456789'),
			importKeyProblem(v2.slice(0, -1)),
			importKeyProblem(`${v2.slice(0, -1)}${v2.endsWith('A') ? 'B' : 'A'}`),
		];
		assert.match(problems[0] ?? '', /Paste the key/);
		assert.match(problems[1] ?? '', /not a DHIS2 personal access token/);
		assert.match(problems[2] ?? '', /A d2p_ key has 54 characters; this has 53/);
		assert.match(problems[3] ?? '', /checksum does not match/);
		for (const problem of problems) assert.ok(!(problem ?? '').includes(v2.slice(4, 12)));
	});

	it('lists the candidates with expiry and restrictions, then "I don\'t know"', () => {
		const items = candidateItems([
			{ id: 'aaaaaaaaaa1', code: 'CI', expire: NOW + 5 * DAY, created: '2026-11-01T10:00:00.000', attributes: [], restrictions: { allowedIps: ['10.0.0.1'], allowedReferrers: [], allowedMethods: ['GET'] } },
			{ id: 'bbbbbbbbbb1', attributes: [], restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: [] } },
		], NOW);
		assert.deepEqual(items.map((item) => item.label), ['CI', 'bbbbbbbbbb1', UNKNOWN_CANDIDATE_LABEL]);
		assert.equal(items[0]?.description, 'expires in 5 days');
		assert.equal(items[0]?.detail, 'id aaaaaaaaaa1 · GET only · 1 IP · created 2026-11-01');
		assert.equal(items[1]?.description, 'no expiry known');
		assert.equal(items[2]?.candidate, undefined);
	});
});

describe('client tokens: confirmations', () => {
	it('names server and token before a revoke, and the one-hour cache on 2.37–2.40', () => {
		const modern = revokeConfirmation(row, play, { deleteEvictsAuthCache: true }, NOW);
		assert.equal(modern.message, 'Revoke CI on "play"?');
		assert.match(modern.detail, /Server: "play" \(https:\/\/play\.dhis2\.org\/40\)/);
		assert.match(modern.detail, /Token: CI \(id aaaaaaaaaa1\), key d2p_/);
		assert.match(modern.detail, /stops working at once/);
		assert.match(modern.detail, /Its key is also removed from VS Code/);
		assert.equal(modern.confirm, 'Revoke');
		const old = revokeConfirmation({ ...row, stored: false }, live, { deleteEvictsAuthCache: false }, NOW);
		assert.match(old.detail, /PRODUCTION/);
		assert.match(old.detail, /up to an hour/);
		assert.ok(!old.detail.includes('removed from VS Code'));
	});

	it('asks before rotating or creating only on production servers', () => {
		assert.equal(rotateConfirmation(row, play, NOW), undefined);
		assert.match(rotateConfirmation(row, live, NOW)?.message ?? '', /Rotate CI on the production server "live"\?/);
		assert.equal(generateConfirmation(play), undefined);
		assert.match(generateConfirmation(live)?.detail ?? '', /dedicated user/);
	});
});

describe('client tokens: small text helpers', () => {
	it('splits expiry summaries into relative and absolute parts', () => {
		assert.deepEqual(expiryText(NOW + 5 * DAY, NOW, 'utc'), { relative: 'in 5 days', date: '2026-11-25', expired: false });
		assert.deepEqual(expiryText(NOW - 2 * DAY, NOW, 'utc'), { relative: 'expired 2 days ago', date: '2026-11-18', expired: true });
		assert.equal(expiresPhrase(NOW + 3 * 60 * 60 * 1000, NOW), 'expires in 3 hours');
		assert.equal(expiresPhrase(NOW - DAY, NOW), 'expired 1 day ago');
	});

	it('maps offsets to line and character with every kind of line break', () => {
		const text = 'A=1\nB=2\r\nC=3\rD';
		assert.deepEqual(positionAt(text, 0), { line: 0, character: 0 });
		assert.deepEqual(positionAt(text, 4), { line: 1, character: 0 });
		assert.deepEqual(positionAt(text, 8), { line: 1, character: 3 }, 'between \\r and \\n');
		assert.deepEqual(positionAt(text, 9), { line: 2, character: 0 });
		assert.deepEqual(positionAt(text, 13), { line: 3, character: 0 });
		assert.deepEqual(positionAt(text, text.length), { line: 3, character: 1 });
		assert.deepEqual(positionAt(text, 999), { line: 3, character: 1 });
		assert.deepEqual(positionAt('', 0), { line: 0, character: 0 });
	});
});
