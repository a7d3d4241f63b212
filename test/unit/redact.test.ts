import assert from 'node:assert/strict';
import fc from 'fast-check';
import { redactTokens } from '../../core/redact';
import { generateToken, mask, seededRandom } from '../../core/token';

const random = seededRandom(8080);
const V2_TOKEN = generateToken({ random });
const V1_TOKEN = generateToken({ version: 'v1', variant: 'plain', random });
const LOOKALIKE = `${V2_TOKEN.slice(0, -1)}${V2_TOKEN.endsWith('a') ? 'b' : 'a'}`;

describe('redactTokens', () => {
	it('masks tokens and lookalikes and leaves the rest of the text as it was', () => {
		const text = `GET /api/me Authorization: ApiToken ${V2_TOKEN}\nold=${V1_TOKEN}; typo="${LOOKALIKE}" 🔑 done`;
		const expected = `GET /api/me Authorization: ApiToken ${mask(V2_TOKEN)}\nold=${mask(V1_TOKEN)}; typo="${mask(LOOKALIKE)}" 🔑 done`;
		assert.equal(redactTokens(text), expected);
	});

	it('masks even where an inline directive would silence a diagnostic', () => {
		const text = `${V2_TOKEN} // dhis2-pat:allow`;
		assert.equal(redactTokens(text), `${mask(V2_TOKEN)} // dhis2-pat:allow`);
	});

	it('masks a token glued to other word characters (a header missing its space)', () => {
		assert.equal(redactTokens(`Authorization: ApiToken${V2_TOKEN}`), `Authorization: ApiToken${mask(V2_TOKEN)}`);
		assert.equal(redactTokens(`x${V1_TOKEN}0`), `x${mask(V1_TOKEN)}0`);
	});

	it('hides a glued token that a lookalike runs into', () => {
		const lookalikeHead = `d2p_${'Qw3rTy9Zx0'.repeat(4)}abcdefg`;
		const text = `${lookalikeHead}${V2_TOKEN} tail`;
		const redacted = redactTokens(text);
		assert.ok(!redacted.includes(V2_TOKEN.slice(4, -4)), 'no part of the token body survives');
		assert.ok(redacted.endsWith(' tail'));
	});

	it('leaves placeholders and prefix-carrying identifiers alone', () => {
		const text = 'd2p_your_token_here d2pat_... d2pat_make_node D2P_SEA d2p_price ' + `d2p_${'x'.repeat(50)}`;
		assert.equal(redactTokens(text), text);
	});

	it('returns text without tokens unchanged', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
				assert.equal(redactTokens(text), text);
			}),
			{ numRuns: 300 },
		);
	});

	it('never lets a token through, wherever it sits', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 50 }), fc.integer(), (before, after, seed) => {
				const token = generateToken({ random: seededRandom(seed) });
				const redacted = redactTokens(before + token + after);
				assert.ok(!redacted.includes(token));
				assert.ok(redacted.includes(mask(token)));
			}),
			{ numRuns: 300 },
		);
	});
});
