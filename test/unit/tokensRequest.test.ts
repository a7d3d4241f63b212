import assert from 'node:assert/strict';
import {
	allowedMethodChoices, buildCreateTokenBody, DAY_MS, expiryToEpoch, type TokenFormCapabilities, type TokenRequestInput,
	validateTokenRequest,
} from '../../core/dhis2/tokens';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0); // 2026-11-29T12:00Z
const MODERN: TokenFormCapabilities = { supportsCode: true, supportsHead: true };
const OLD: TokenFormCapabilities = { supportsCode: false, supportsHead: false };

function input(overrides: Partial<TokenRequestInput> = {}): TokenRequestInput {
	return { context: 'server', name: 'ci-runner', expiry: { kind: 'preset', days: 30 }, allowedMethods: ['GET'], ...overrides };
}

describe('tokens: building the create body', () => {
	it('builds exactly the User Profile app body for a server token', () => {
		const result = validateTokenRequest(input({ allowedIps: '1.1.1.1\n\n2001:db8::1\n', allowedMethods: ['post', 'GET'] }), MODERN, NOW);
		assert.ok(result.ok, JSON.stringify(result));
		assert.deepEqual(result.body, {
			expire: NOW + 30 * DAY_MS,
			code: 'ci-runner',
			attributes: [
				{ type: 'IpAllowedList', allowedIps: ['1.1.1.1', '2001:db8::1'] },
				{ type: 'MethodAllowedList', allowedMethods: ['GET', 'POST'] },
			],
		});
		assert.deepEqual(Object.keys(result.body), ['expire', 'code', 'attributes']);
		assert.ok(!('type' in result.body) && !('version' in result.body));
	});

	it('lower-cases referrers for a browser token and ignores the hidden IP field', () => {
		const result = validateTokenRequest(
			input({ context: 'browser', allowedIps: '1.1.1.1', allowedReferrers: 'https://Apps.Example.org/Dash/\nhttp://example.com/' }),
			MODERN, NOW,
		);
		assert.ok(result.ok);
		assert.deepEqual(result.body.attributes, [
			{ type: 'MethodAllowedList', allowedMethods: ['GET'] },
			{ type: 'RefererAllowedList', allowedReferrers: ['https://apps.example.org/dash/', 'http://example.com/'] },
		]);
	});

	it('omits code where the server does not store it, and says so', () => {
		const result = validateTokenRequest(input(), OLD, NOW);
		assert.ok(result.ok);
		assert.ok(!('code' in result.body));
		assert.match(result.warnings.find((w) => w.field === 'name')?.message ?? '', /does not store token names/);
	});

	it('omits code when no name was given', () => {
		const result = validateTokenRequest(input({ name: '   ' }), MODERN, NOW);
		assert.ok(result.ok && !('code' in result.body));
	});

	it('omits the IP attribute when no IPs are listed', () => {
		const result = validateTokenRequest(input({ allowedIps: '\n  \n' }), MODERN, NOW);
		assert.ok(result.ok);
		assert.deepEqual(result.body.attributes, [{ type: 'MethodAllowedList', allowedMethods: ['GET'] }]);
	});
});

describe('tokens: validation errors per field', () => {
	it('reports every bad IP line with its number, value and reason', () => {
		const result = validateTokenRequest(input({ allowedIps: '1.1.1.1\n10.0.0.0/8\n\nexample.org\n2.2.2.2' }), MODERN, NOW);
		assert.ok(!result.ok);
		const problem = result.errors.find((error) => error.field === 'allowedIps');
		assert.deepEqual(problem?.lines?.map(({ line, value }) => [line, value]), [[2, '10.0.0.0/8'], [4, 'example.org']]);
		assert.match(problem?.lines?.[0]?.reason ?? '', /CIDR/);
		assert.match(problem?.message ?? '', /^2 invalid IP addresses:\nLine 2 \("10\.0\.0\.0\/8"\)/);
	});

	it('reports bad referrer lines and hints about bare origins', () => {
		const result = validateTokenRequest(input({ context: 'browser', allowedReferrers: 'https://ok.example.org\nnot a url' }), MODERN, NOW);
		assert.ok(!result.ok);
		assert.deepEqual(result.errors.find((e) => e.field === 'allowedReferrers')?.lines?.map((l) => l.line), [2]);
		assert.deepEqual(result.warnings.find((w) => w.field === 'allowedReferrers')?.lines?.map((l) => l.line), [1]);
	});

	it('rejects a name longer than 50 characters', () => {
		const result = validateTokenRequest(input({ name: 'n'.repeat(51) }), MODERN, NOW);
		assert.ok(!result.ok);
		assert.match(result.errors[0]?.message ?? '', /at most 50 characters \(it has 51\)/);
		assert.ok(validateTokenRequest(input({ name: 'n'.repeat(50) }), MODERN, NOW).ok);
	});

	it('needs at least one method, because an empty list would allow every method', () => {
		const result = validateTokenRequest(input({ allowedMethods: [] }), MODERN, NOW);
		assert.ok(!result.ok);
		assert.deepEqual(result.errors.map((e) => e.field), ['allowedMethods']);
	});

	it('offers and accepts HEAD only where the server supports it', () => {
		assert.deepEqual(allowedMethodChoices(OLD), ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
		assert.deepEqual(allowedMethodChoices(MODERN), ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
		const old = validateTokenRequest(input({ allowedMethods: ['GET', 'HEAD'] }), OLD, NOW);
		assert.ok(!old.ok);
		assert.match(old.errors[0]?.message ?? '', /HEAD.*does not accept HEAD/);
		const modern = validateTokenRequest(input({ allowedMethods: ['HEAD', 'GET'] }), MODERN, NOW);
		assert.ok(modern.ok);
		assert.deepEqual(modern.body.attributes[0], { type: 'MethodAllowedList', allowedMethods: ['GET', 'HEAD'] });
	});

	it('rejects an unknown method', () => {
		const result = validateTokenRequest(input({ allowedMethods: ['GET', 'TRACE'] }), MODERN, NOW);
		assert.ok(!result.ok);
		assert.match(result.errors[0]?.message ?? '', /TRACE/);
	});

	it('collects problems on several fields at once', () => {
		const result = validateTokenRequest(
			input({ name: 'x'.repeat(60), expiry: { kind: 'custom', date: '2020-01-01' }, allowedIps: 'nope', allowedMethods: [] }),
			MODERN, NOW,
		);
		assert.ok(!result.ok);
		assert.deepEqual(result.errors.map((e) => e.field).sort(), ['allowedIps', 'allowedMethods', 'expiry', 'name']);
	});
});

describe('tokens: expiry', () => {
	it('turns presets into now + N days', () => {
		for (const days of [7, 30, 60, 90] as const) {
			assert.deepEqual(expiryToEpoch({ kind: 'preset', days }, NOW), { ok: true, expire: NOW + days * DAY_MS });
		}
		assert.equal(expiryToEpoch({ kind: 'preset', days: 14 as 7 }, NOW).ok, false);
	});

	it('reads a custom date as midnight UTC, like the User Profile app', () => {
		assert.deepEqual(expiryToEpoch({ kind: 'custom', date: '2026-12-04' }, NOW), { ok: true, expire: Date.UTC(2026, 11, 4) });
	});

	it('rejects past, today, malformed and impossible dates', () => {
		assert.match(failure(expiryToEpoch({ kind: 'custom', date: '2026-11-29' }, NOW)), /future/);
		assert.match(failure(expiryToEpoch({ kind: 'custom', date: '2025-01-01' }, NOW)), /future/);
		assert.match(failure(expiryToEpoch({ kind: 'custom', date: '04/12/2026' }, NOW)), /YYYY-MM-DD/);
		assert.match(failure(expiryToEpoch({ kind: 'custom', date: '2027-02-30' }, NOW)), /not a date/);
	});
});

describe('tokens: recreating a body from restrictions (rotation)', () => {
	it('keeps the restrictions and normalises case', () => {
		const body = buildCreateTokenBody(
			{ expire: 5, name: 'rotated', restrictions: { allowedIps: ['1.1.1.1'], allowedReferrers: ['HTTPS://A.EXAMPLE.ORG/'], allowedMethods: ['get', 'GET', 'post'] } },
			MODERN,
		);
		assert.deepEqual(body, {
			expire: 5,
			code: 'rotated',
			attributes: [
				{ type: 'IpAllowedList', allowedIps: ['1.1.1.1'] },
				{ type: 'MethodAllowedList', allowedMethods: ['GET', 'POST'] },
				{ type: 'RefererAllowedList', allowedReferrers: ['https://a.example.org/'] },
			],
		});
	});
});

function failure(result: ReturnType<typeof expiryToEpoch>): string {
	return result.ok ? '' : result.reason;
}
