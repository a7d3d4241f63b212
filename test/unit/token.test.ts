import assert from 'node:assert/strict';
import {
	V1,
	V2,
	base62Pad6,
	expectedChecksum,
	fingerprint,
	generateToken,
	layoutOf,
	mask,
	matchChecksum,
	paddedCrc32,
	plainCrc32,
	seededRandom,
	tokenLength,
	verifyToken,
	type ChecksumVariant,
	type TokenLayout,
	type TokenVersion,
} from '../../core/token';

// The worked examples of shared/spec/dhis2-api-token.md §3. Published example keys, not secrets.
const DOCS_KEY = 'd2pat_5xVA12xyUbWNedQxy4ohH77WlxRGVvZZ1151814092'; // dhis2-pat:allow
const DOCS_KEY_PADDED = 'd2pat_5xVA12xyUbWNedQxy4ohH77WlxRGVvZZ0251491445'; // dhis2-pat:allow
const DOCS_BODY = '5xVA12xyUbWNedQxy4ohH77WlxRGVvZZ';
const V2_EXAMPLE = 'd2p_v3aWT110dy3OfDIIVdkjfVaWZHLoZdJxfzmPmBN8oKNk4G9OZl'; // dhis2-pat:allow
const V2_DHIS2_FIXTURE = 'd2p_lyt5j9WqXaVzJsUhvGJ1w0Ea5GL4jkszazPSWo5HWLFC1QnPCi'; // dhis2-pat:allow

function bodyOf(token: string): string {
	const layout = layoutOf(token);
	assert.ok(layout, 'test token has a known prefix');
	return token.slice(layout.prefix.length, layout.prefix.length + layout.bodyLength);
}

/** The token with its checksum replaced by the encoding of `crc`. */
function withCrc(token: string, crc: number): string {
	const layout = layoutOf(token);
	assert.ok(layout);
	const encoded = layout === V1 ? String(crc >>> 0).padStart(10, '0') : base62Pad6(crc >>> 0);
	return layout.prefix + bodyOf(token) + encoded;
}

describe('token model: spec §3 worked examples', () => {
	it('computes the plain and padded CRC32 of the docs key body', () => {
		assert.equal(plainCrc32(DOCS_BODY), 1151814092);
		assert.equal(paddedCrc32(DOCS_BODY), 251491445);
	});

	it('computes the padded CRC32 of the V2 example as 3903192129, encoded 4G9OZl', () => {
		assert.equal(paddedCrc32(bodyOf(V2_EXAMPLE)), 3903192129);
		assert.equal(base62Pad6(3903192129), '4G9OZl');
		assert.equal(expectedChecksum(V2, bodyOf(V2_EXAMPLE), 'padded'), '4G9OZl');
	});

	it('accepts the docs key with the plain rule (2.37–2.40) and not with the padded rule', () => {
		assert.deepEqual(verifyToken(DOCS_KEY), { variant: 'plain', era: '2.37-2.40' });
		assert.notEqual(expectedChecksum(V1, DOCS_BODY, 'padded'), '1151814092');
		assert.equal(expectedChecksum(V1, DOCS_BODY, 'padded'), '0251491445');
	});

	it('accepts the zero-padded 2.41+ form of the docs key with the padded rule', () => {
		assert.deepEqual(verifyToken(DOCS_KEY_PADDED), { variant: 'padded', era: '2.41+' });
		assert.notEqual(expectedChecksum(V1, DOCS_BODY, 'plain'), '0251491445');
	});

	it('accepts both V2 examples as 2.41+ tokens', () => {
		assert.deepEqual(verifyToken(V2_EXAMPLE), { variant: 'padded', era: '2.41+' });
		assert.deepEqual(verifyToken(V2_DHIS2_FIXTURE), { variant: 'padded', era: '2.41+' });
	});

	for (const [name, token, crc] of [
		['docs key (plain)', DOCS_KEY, 1151814092],
		['docs key (padded)', DOCS_KEY_PADDED, 251491445],
		['V2 example', V2_EXAMPLE, 3903192129],
		['V2 DHIS2 fixture', V2_DHIS2_FIXTURE, paddedCrc32(bodyOf(V2_DHIS2_FIXTURE))],
	] as const) {
		it(`rejects the ${name} with its CRC off by one in either direction`, () => {
			assert.ok(verifyToken(withCrc(token, crc)), 'the unmodified CRC re-encodes to a valid token');
			assert.equal(verifyToken(withCrc(token, crc + 1)), undefined);
			assert.equal(verifyToken(withCrc(token, crc - 1)), undefined);
		});
	}

	it('fingerprints a token as the SHA-256 hex DHIS2 stores', () => {
		assert.equal(fingerprint(DOCS_KEY), 'e9c2093319fc91eb328e72f26863d887cf8bd0264c6f2daee2338b105b93540e');
		assert.equal(fingerprint(V2_EXAMPLE), '296fb22c07bfe8de9a6e62138201e119f164fa197f923ea9afee15d43933b7cf');
	});

	it('masks a token as prefix, first four, ellipsis, last four', () => {
		assert.equal(mask(V2_EXAMPLE), 'd2p_v3aW…9OZl');
		assert.equal(mask(DOCS_KEY), 'd2pat_5xVA…4092');
	});

	it('masks short strings without revealing their characters', () => {
		assert.equal(mask('d2p_abcdefgh'), 'd2p_…');
		assert.equal(mask('d2pat_'), 'd2pat_…');
	});
});

describe('token model: base62 and layouts', () => {
	it('encodes most significant digit first, left-padded to six characters', () => {
		assert.equal(base62Pad6(0), '000000');
		assert.equal(base62Pad6(61), '00000z');
		assert.equal(base62Pad6(62), '000010');
		assert.equal(base62Pad6(62 * 62 + 10), '00010A');
		assert.equal(base62Pad6(0xffffffff), '4gfFC3');
	});

	it('treats its input as unsigned 32-bit', () => {
		assert.equal(base62Pad6(-1), base62Pad6(0xffffffff));
	});

	it('gives V1 a length of 48 and V2 a length of 54', () => {
		assert.equal(tokenLength(V1), 48);
		assert.equal(tokenLength(V2), 54);
	});

	it('pads the CRC input with 3 NUL bytes for a 32-char body and 4 for a 44-char body', () => {
		const v1Body = 'a'.repeat(32);
		const v2Body = 'b'.repeat(44);
		assert.equal(paddedCrc32(v1Body), plainCrc32(v1Body + '\0\0\0'));
		assert.equal(paddedCrc32(v2Body), plainCrc32(v2Body + '\0\0\0\0'));
		// Below ten characters the Java buffer has no slack, so both rules agree (spec: "checksum" → 3731873690).
		assert.equal(paddedCrc32('checksum'), 3731873690);
		assert.equal(plainCrc32('checksum'), 3731873690);
	});

	it('matchChecksum reports undefined for a wrong checksum and the variant for a right one', () => {
		assert.equal(matchChecksum(V2, bodyOf(V2_EXAMPLE), '4G9OZm'), undefined);
		assert.deepEqual(matchChecksum(V2, bodyOf(V2_EXAMPLE), '4G9OZl'), { variant: 'padded', era: '2.41+' });
	});
});

describe('token model: verifyToken rejects anything not exactly a token', () => {
	const cases: readonly [string, string][] = [
		['one character short', V2_EXAMPLE.slice(0, -1)],
		['one character long', `${V2_EXAMPLE}0`],
		['upper-case prefix', `D2P_${V2_EXAMPLE.slice(4)}`],
		['mixed-case V1 prefix', `d2pAT_${DOCS_KEY.slice(6)}`],
		['a non-alphanumeric in the body', `${V2_EXAMPLE.slice(0, 10)}-${V2_EXAMPLE.slice(11)}`],
		['a letter in the V1 checksum', `${DOCS_KEY.slice(0, -1)}a`],
		['the V2 body under the V1 prefix', `d2pat_${V2_EXAMPLE.slice(4)}`],
		['an empty string', ''],
		['a placeholder', 'd2p_your_token_here'],
	];
	for (const [name, value] of cases) {
		it(name, () => assert.equal(verifyToken(value), undefined));
	}
});

describe('token model: generation', () => {
	const layouts: Record<TokenVersion, TokenLayout> = { v1: V1, v2: V2 };
	for (const version of ['v1', 'v2'] as const) {
		for (const variant of ['plain', 'padded'] as const) {
			it(`generates ${version} ${variant} tokens that verify with exactly that variant`, () => {
				const random = seededRandom(version === 'v1' ? 11 : 22);
				for (let i = 0; i < 50; i++) {
					const token = generateToken({ version, variant, random });
					const layout = layouts[version];
					assert.equal(token.length, tokenLength(layout));
					assert.ok(token.startsWith(layout.prefix));
					assert.match(bodyOf(token), /^[A-Za-z][A-Za-z0-9]*$/);
					assert.equal(verifyToken(token)?.variant, variant);
					const other: ChecksumVariant = variant === 'plain' ? 'padded' : 'plain';
					assert.notEqual(expectedChecksum(layout, bodyOf(token), other), token.slice(layout.prefix.length + layout.bodyLength));
				}
			});
		}
	}

	it('defaults to a padded V2 token, as 2.41+ issues', () => {
		const token = generateToken();
		assert.equal(layoutOf(token), V2);
		assert.equal(verifyToken(token)?.variant, 'padded');
	});

	it('uses crypto randomness by default: two tokens differ', () => {
		assert.notEqual(generateToken(), generateToken());
	});

	it('seededRandom is deterministic per seed and differs between seeds', () => {
		const a = generateToken({ random: seededRandom(42) });
		const b = generateToken({ random: seededRandom(42) });
		const c = generateToken({ random: seededRandom(43) });
		assert.equal(a, b);
		assert.notEqual(a, c);
	});

	it('seededRandom stays within [0, bound) and covers the range', () => {
		const random = seededRandom(7);
		const seen = new Set<number>();
		for (let i = 0; i < 5000; i++) {
			const value = random(62);
			assert.ok(Number.isInteger(value) && value >= 0 && value < 62, `out of range: ${value}`);
			seen.add(value);
		}
		assert.equal(seen.size, 62);
	});
});
