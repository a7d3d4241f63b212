import assert from 'node:assert/strict';
import { ipAddressProblem, isValidIpAddress, numberedLines, referrerHint, referrerProblem } from '../../core/dhis2/tokens';

describe('tokens: IP addresses (as DHIS2 validates IpAllowedList)', () => {
	const valid = [
		'1.2.3.4', '0.0.0.0', '255.255.255.255', '192.168.0.10',
		'::1', '::', '1::', '2001:db8::1', '2001:0db8:0000:0000:0000:ff00:0042:8329', 'fe80::1%eth0', '::ffff:192.0.2.128',
		'1:2:3:4:5:6:7:8', '1:2:3:4:5:6:1.2.3.4', 'ABCD:EF01:2345:6789:ABCD:EF01:2345:6789',
	];
	for (const ip of valid) {
		it(`accepts ${ip}`, () => assert.equal(ipAddressProblem(ip), undefined));
	}

	const invalid: ReadonlyArray<readonly [string, RegExp]> = [
		['10.0.0.0/8', /CIDR/],
		['2001:db8::/32', /CIDR/],
		['256.1.1.1', /out of range/],
		['01.2.3.4', /leading zero/],
		['1.2.3', /four numbers/],
		['1.2.3.4.5', /four numbers/],
		['example.org', /host names/],
		['localhost', /host names/],
		['[::1]', /brackets/],
		['1:2:3:4:5:6:7:8:9', /IPv6/],
		['1::2::3', /IPv6/],
		[':1:2:3:4:5:6:7', /IPv6/],
		['12345::1', /IPv6/],
		['1:2:3:4:5:6:7', /IPv6/],
		['::1.2.3.256', /IPv6/],
		['fe80::1%', /IPv6/],
		['1.2.3.4 ', /not an IPv4/],
		['*', /not an IPv4/],
	];
	for (const [ip, reason] of invalid) {
		it(`rejects ${JSON.stringify(ip)} with a reason`, () => {
			assert.match(ipAddressProblem(ip) ?? '', reason);
			assert.equal(isValidIpAddress(ip), false);
		});
	}
});

describe('tokens: referrers (as DHIS2 validates RefererAllowedList)', () => {
	for (const url of ['https://apps.example.org/', 'http://example.com', 'https://Example.ORG/app/index.html?x=1#top', 'ftp://files.example.net/', 'https://192.168.1.20:8443/dhis/', 'https://[2001:db8::1]/', 'https://user@example.org/']) {
		it(`accepts ${url}`, () => assert.equal(referrerProblem(url), undefined));
	}
	const invalid: ReadonlyArray<readonly [string, RegExp]> = [
		['example.org', /not a URL/],
		['mailto://x@example.org', /scheme/],
		['file:///etc/passwd', /no host name|scheme/],
		['https://localhost/', /localhost/],
		['https://intranet/', /full domain/],
		['https://exa mple.org/', /spaces/],
		['https://-bad-.org/', /domain name/],
		['https://example.123/', /top-level/],
		['https://example.org:99999/', /port/],
		['https://example.org/a//b', /path/],
		['https://example.org/../x', /\.\./],
		['https://999.1.1.1/', /IP address/],
	];
	for (const [url, reason] of invalid) {
		it(`rejects ${url}`, () => assert.match(referrerProblem(url) ?? '', reason));
	}

	it('hints that a bare origin will not match what browsers send', () => {
		assert.match(referrerHint('https://Apps.example.org') ?? '', /"https:\/\/apps\.example\.org\/"/);
		assert.equal(referrerHint('https://apps.example.org/'), undefined);
	});
});

describe('tokens: numbered lines', () => {
	it('numbers lines as the user sees them, skipping blanks and trimming', () => {
		assert.deepEqual(numberedLines('1.1.1.1\n\n  2.2.2.2  \r\n\r\n3.3.3.3\n'), [
			{ line: 1, value: '1.1.1.1' },
			{ line: 3, value: '2.2.2.2' },
			{ line: 5, value: '3.3.3.3' },
		]);
	});
});
