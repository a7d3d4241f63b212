import assert from 'node:assert/strict';
import { contextOfRestrictions, DAY_MS, expiryState, formatDate, restrictionsFromAttributes, summariseExpiry, summariseRestrictions } from '../../core/dhis2/tokens';

const NOW = Date.UTC(2026, 10, 29, 0, 0, 0);

describe('tokens: restriction summaries', () => {
	it('reads attributes from a server list, tolerating junk', () => {
		const restrictions = restrictionsFromAttributes([
			{ type: 'MethodAllowedList', allowedMethods: ['GET'] },
			{ type: 'IpAllowedList', allowedIps: ['1.1.1.1', 2, '2.2.2.2'] },
			{ type: 'SomethingNew', values: ['x'] },
			null,
			'junk',
		]);
		assert.deepEqual(restrictions, { allowedIps: ['1.1.1.1', '2.2.2.2'], allowedReferrers: [], allowedMethods: ['GET'] });
		assert.equal(summariseRestrictions(restrictions), 'GET only · 2 IPs');
		assert.equal(contextOfRestrictions(restrictions), 'server');
	});

	it('summarises methods, IPs and referrers', () => {
		assert.equal(summariseRestrictions({ allowedIps: [], allowedReferrers: ['https://a.org/'], allowedMethods: ['GET', 'POST'] }), 'GET, POST · 1 referrer');
		assert.equal(summariseRestrictions({ allowedIps: ['1.1.1.1'], allowedReferrers: [], allowedMethods: [] }), 'any method · 1 IP');
		assert.equal(restrictionsFromAttributes(undefined).allowedMethods.length, 0);
		assert.equal(contextOfRestrictions({ allowedIps: [], allowedReferrers: ['https://a.org/'], allowedMethods: [] }), 'browser');
	});
});

describe('tokens: expiry summaries', () => {
	it('says how far away the expiry is, with the date', () => {
		assert.equal(summariseExpiry(NOW + 5 * DAY_MS, NOW, { timeZone: 'utc' }), 'in 5 days (2026-12-04)');
		assert.equal(summariseExpiry(NOW + DAY_MS, NOW, { timeZone: 'utc' }), 'in 1 day (2026-11-30)');
		assert.equal(summariseExpiry(NOW + 3 * 3_600_000, NOW, { timeZone: 'utc' }), 'in 3 hours (2026-11-29)');
		assert.equal(summariseExpiry(NOW + 30_000, NOW, { timeZone: 'utc' }), 'in 1 minute (2026-11-29)');
		assert.equal(summariseExpiry(NOW - 2 * DAY_MS, NOW, { timeZone: 'utc' }), 'expired 2 days ago (2026-11-27)');
	});

	it('treats expire == now as expired, as DHIS2 does', () => {
		assert.equal(expiryState(NOW, NOW, 7), 'expired');
		assert.equal(expiryState(NOW + 7 * DAY_MS, NOW, 7), 'expiring-soon');
		assert.equal(expiryState(NOW + 7 * DAY_MS + 1, NOW, 7), 'valid');
	});

	it('formats dates in local time by default', () => {
		const local = new Date(2026, 0, 2, 23, 30).getTime();
		assert.equal(formatDate(local), '2026-01-02');
	});
});
