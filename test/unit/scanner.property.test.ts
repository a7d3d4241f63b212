import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanText } from '../../core/scan';
import { generateToken, seededRandom } from '../../core/token';

const token = fc
	.record({
		version: fc.constantFrom('v1' as const, 'v2' as const),
		variant: fc.constantFrom('plain' as const, 'padded' as const),
		seed: fc.integer(),
	})
	.map(({ version, variant, seed }) => ({ version, variant, value: generateToken({ version, variant, random: seededRandom(seed) }) }));

// Anything that is not [A-Za-z0-9], including escapes' backslash, quotes, whitespace and non-ASCII.
const separator = fc.oneof(
	fc.constantFrom(' ', '\t', '\n', '\r\n', '"', "'", '`', '=', ':', '/', '\\', '(', ')', ',', ';', '&', '?', '@', '#', '<', '>', '_', '-', '.'),
	fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !/[A-Za-z0-9]/.test(c)),
);

const anyText = fc.string({ unit: 'binary', maxLength: 300 });
// Heavy in the characters tokens are made of, so prefixes, near-misses and half-tokens come up often.
const prefixHeavyText = fc.string({
	unit: fc.oneof(
		{ weight: 6, arbitrary: fc.constantFrom('d', '2', 'p', '_', 'a', 't', 'd2p', 'd2p_', 'd2pat_') },
		{ weight: 2, arbitrary: fc.constantFrom('"', ' ', '\n', '\\', '%', '=') },
		{ weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
	),
	maxLength: 400,
});

/** Random text that cannot silence a finding by accident: directive words are stripped. */
function withoutDirectives(text: string): string {
	return text.replace(/allow|secretlint|pragma/gi, '');
}

describe('scanner: properties', () => {
	it('finds a generated token embedded in random text at its exact offset', () => {
		fc.assert(
			fc.property(anyText, separator, token, separator, anyText, (before, left, generated, right, after) => {
				const prefix = withoutDirectives(before) + left;
				const text = prefix + generated.value + right + withoutDirectives(after);
				const tokens = scanText(text).filter((f) => f.token === generated.value);
				assert.equal(tokens.length, 1);
				const [finding] = tokens;
				assert.equal(finding?.start, prefix.length);
				assert.equal(finding?.end, prefix.length + generated.value.length);
				assert.equal(finding?.kind, 'token');
				assert.equal(finding?.version, generated.version);
				assert.equal(finding?.checksum, generated.variant);
			}),
			{ numRuns: 1000 },
		);
	});

	it('finds a token between prefix-heavy noise at its exact offset', () => {
		fc.assert(
			fc.property(prefixHeavyText, separator, token, separator, prefixHeavyText, (before, left, generated, right, after) => {
				const prefix = withoutDirectives(before) + left;
				const text = prefix + generated.value + right + withoutDirectives(after);
				const findings = scanText(text);
				assert.deepEqual(
					findings.map((f) => [f.start, f.token]),
					[[prefix.length, generated.value]],
				);
			}),
			{ numRuns: 1000 },
		);
	});

	it('finds nothing in arbitrary text', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				assert.deepEqual(scanText(text, { includeLookalikes: false }), []);
			}),
			{ numRuns: 1000 },
		);
	});

	it('finds nothing in text built from prefix characters', () => {
		fc.assert(
			fc.property(prefixHeavyText, (text) => {
				assert.deepEqual(scanText(text, { includeLookalikes: false }), []);
			}),
			{ numRuns: 1000 },
		);
	});

	it('finds nothing in full-length token-shaped strings with random bodies (their checksums fail)', () => {
		const shaped = fc.oneof(
			fc.stringMatching(/^d2p_[A-Za-z0-9]{50}$/),
			fc.stringMatching(/^d2pat_[A-Za-z0-9]{32}[0-9]{10}$/),
		);
		fc.assert(
			fc.property(shaped, (candidate) => {
				assert.deepEqual(scanText(` ${candidate} `, { includeLookalikes: false }), []);
				// With lookalikes on it is reported once, as a lookalike: a random body never reads as a placeholder.
				const lookalikes = scanText(` ${candidate} `, { includeLookalikes: true });
				assert.deepEqual(
					lookalikes.map((f) => [f.kind, f.start, f.token]),
					[['lookalike', 1, candidate]],
				);
			}),
			{ numRuns: 300 },
		);
	});
});
