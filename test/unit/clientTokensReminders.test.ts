import assert from 'node:assert/strict';
import { type StoredToken } from '../../core/vault';
import { type ServerEntry } from '../../client/servers/serverList';
import { statusModel } from '../../client/status/statusModel';
import { dueReminders, MAX_SEPARATE_NOTICES, reminderNotices, updatedLedger, warningDaysFrom } from '../../client/tokens/reminders';

const DAY = 24 * 60 * 60 * 1000;
// Noon local time, so "the same day" is unambiguous whatever the machine's time zone.
const NOW = new Date(2026, 10, 20, 12).getTime();
const PLAY = 'https://play.dhis2.org/40';
const LIVE = 'https://dhis2.example.org';

function token(id: string, expire: number, overrides: Partial<StoredToken> = {}): StoredToken {
	return {
		serverUrl: PLAY,
		id,
		idKnown: true,
		context: 'server',
		expire,
		lifetimeMs: 30 * DAY,
		restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: [] },
		created: expire - 30 * DAY,
		masked: 'd2p_abcd…wxyz',
		fingerprint: `f-${id}`,
		...overrides,
	};
}

describe('client tokens: expiry reminders', () => {
	const soon = token('soon0000001', NOW + 3 * DAY, { name: 'CI' });
	const dead = token('dead0000001', NOW - DAY);

	it('reminds of a token not reminded of yet, or last reminded on an earlier day', () => {
		assert.deepEqual(dueReminders([soon], {}, NOW), [soon]);
		assert.deepEqual(dueReminders([soon], { [`${PLAY}#soon0000001`]: NOW - DAY }, NOW), [soon]);
	});

	it('does not nag twice on the same day', () => {
		assert.deepEqual(dueReminders([soon], { [`${PLAY}#soon0000001`]: NOW - 2 * 60 * 60 * 1000 }, NOW), []);
	});

	it('reminds of an expired token once after it expired, then never again', () => {
		assert.deepEqual(dueReminders([dead], { [`${PLAY}#dead0000001`]: NOW - 2 * DAY }, NOW), [dead]);
		assert.deepEqual(dueReminders([dead], { [`${PLAY}#dead0000001`]: NOW - 3 * 60 * 60 * 1000 }, NOW), []);
		assert.deepEqual(dueReminders([dead], { [`${PLAY}#dead0000001`]: NOW - 3 * 60 * 60 * 1000 }, NOW + 5 * DAY), [], 'days later still silent');
	});

	it('records reminders and prunes tokens that are gone', () => {
		const ledger = updatedLedger({ [`${PLAY}#gone0000001`]: 1, [`${PLAY}#dead0000001`]: 2 }, [soon], [soon, dead], NOW);
		assert.deepEqual(ledger, { [`${PLAY}#dead0000001`]: 2, [`${PLAY}#soon0000001`]: NOW });
	});

	it('words each notice with server, name and date, Rotate-able ones carrying their token', () => {
		const notices = reminderNotices([soon, dead], (url) => (url === PLAY ? 'play' : url), NOW);
		assert.equal(notices.length, 2);
		assert.match(notices[0]?.message ?? '', /^DHIS2 token "CI" on play expires in 3 days \(\d{4}-\d{2}-\d{2}\)\. Rotate it before it stops working\.$/);
		assert.equal(notices[0]?.severity, 'warning');
		assert.equal(notices[0]?.token, soon);
		assert.match(notices[1]?.message ?? '', /^DHIS2 token dead0000001 on play expired 1 day ago/);
		assert.equal(notices[1]?.severity, 'error');
	});

	it('does not claim an exact date for an unidentified import', () => {
		const guess = token('local-abc', NOW + 2 * DAY, { idKnown: false, expireKnown: false });
		const [notice] = reminderNotices([guess], () => 'play', NOW);
		assert.match(notice?.message ?? '', /may expire as early as .*; its exact expiry is unknown/);
		assert.equal(notice?.token, undefined, 'no Rotate for a token without an id');
	});

	it('sums up many tokens in one notice', () => {
		const many = Array.from({ length: MAX_SEPARATE_NOTICES + 1 }, (_, index) => token(`many000000${index}`, NOW + DAY));
		const notices = reminderNotices(many, () => 'play', NOW);
		assert.equal(notices.length, 1);
		assert.match(notices[0]?.message ?? '', /^4 DHIS2 tokens stored in VS Code expire soon\./);
		assert.match(reminderNotices([...many, dead], () => 'play', NOW)[0]?.message ?? '', /expire soon or have expired \(1\)/);
	});

	it('reads the setting defensively', () => {
		assert.equal(warningDaysFrom(14), 14);
		assert.equal(warningDaysFrom(0), 0);
		assert.equal(warningDaysFrom(2.7), 2);
		assert.equal(warningDaysFrom(-1), 7);
		assert.equal(warningDaysFrom('7'), 7);
		assert.equal(warningDaysFrom(undefined), 7);
	});
});

describe('client tokens: status bar', () => {
	const play: ServerEntry = { url: PLAY, label: 'play', production: false };
	const live: ServerEntry = { url: LIVE, label: 'live', production: true };
	const base = { now: NOW, warningDays: 7 };

	it('is hidden without servers', () => {
		assert.equal(statusModel({ ...base, servers: [], stored: [], activeIds: {} }), undefined);
	});

	it('names the only server and its active token\'s expiry, in warning colour when expiring', () => {
		const model = statusModel({ ...base, servers: [play], stored: [token('a0000000001', NOW + 5 * DAY)], activeIds: { [PLAY]: 'a0000000001' } });
		assert.equal(model?.text, 'DHIS2: play · token expires in 5 days');
		assert.equal(model?.severity, 'warning');
		assert.match(model?.tooltip ?? '', /Click to open the DHIS2 Tokens view/);
		assert.equal(statusModel({ ...base, servers: [play], stored: [token('a0000000001', NOW + 20 * DAY)], activeIds: { [PLAY]: 'a0000000001' } })?.severity, 'normal');
		assert.equal(statusModel({ ...base, servers: [play], stored: [token('a0000000001', NOW - DAY)], activeIds: { [PLAY]: 'a0000000001' } })?.text, 'DHIS2: play · token expired 1 day ago');
	});

	it('says when the only server has no active token', () => {
		const model = statusModel({ ...base, servers: [play], stored: [], activeIds: {} });
		assert.equal(model?.text, 'DHIS2: play · no active token');
		assert.equal(model?.severity, 'normal');
	});

	it('picks the server of the one active token among several', () => {
		const model = statusModel({ ...base, servers: [play, live], stored: [token('b0000000001', NOW + 40 * DAY, { serverUrl: LIVE })], activeIds: { [LIVE]: 'b0000000001' } });
		assert.equal(model?.text, 'DHIS2: live · token expires in 40 days');
	});

	it('with several active tokens, names the soonest and colours by the worst', () => {
		const model = statusModel({
			...base,
			servers: [play, live],
			stored: [token('a0000000001', NOW + 2 * DAY), token('b0000000001', NOW + 40 * DAY, { serverUrl: LIVE })],
			activeIds: { [PLAY]: 'a0000000001', [LIVE]: 'b0000000001' },
		});
		assert.equal(model?.text, 'DHIS2: 2 servers · play token expires in 2 days');
		assert.equal(model?.severity, 'warning');
		assert.match(model?.tooltip ?? '', /live \[production\]: token expires in 40 days/);
		assert.equal(statusModel({ ...base, servers: [play, live], stored: [], activeIds: {} })?.text, 'DHIS2: 2 servers');
	});

	it('ignores an active id whose token is not stored', () => {
		assert.equal(statusModel({ ...base, servers: [play], stored: [], activeIds: { [PLAY]: 'gone0000001' } })?.text, 'DHIS2: play · no active token');
	});
});
