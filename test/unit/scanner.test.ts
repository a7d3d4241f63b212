import assert from 'node:assert/strict';
import { type Finding, scanText } from '../../core/scan';
import { fingerprint, generateToken, mask, seededRandom, verifyToken } from '../../core/token';

const random = seededRandom(20240601);
const V2_TOKEN = generateToken({ version: 'v2', variant: 'padded', random });
const V1_PLAIN = generateToken({ version: 'v1', variant: 'plain', random });
const V1_PADDED = generateToken({ version: 'v1', variant: 'padded', random });
const V2_PLAIN = generateToken({ version: 'v2', variant: 'plain', random });
const TOKENS = [V2_TOKEN, V1_PLAIN, V1_PADDED, V2_PLAIN];

/** Same prefix and shape, checksum broken in its last character. */
function lookalikeOf(token: string): string {
	const last = token.at(-1) ?? '0';
	const replacement = /[0-9]/.test(last) ? String((Number(last) + 1) % 10) : last === 'a' ? 'b' : 'a';
	const broken = token.slice(0, -1) + replacement;
	assert.equal(verifyToken(broken), undefined, 'the lookalike must fail both checksum variants');
	return broken;
}

function onlyFinding(text: string, includeLookalikes = false): Finding {
	const findings = scanText(text, { includeLookalikes });
	assert.equal(findings.length, 1, `expected one finding, got ${findings.length}`);
	const [finding] = findings;
	assert.ok(finding);
	return finding;
}

describe('scanner: tokens and their metadata', () => {
	it('reports version, checksum variant, era, mask and fingerprint of each kind of token', () => {
		const expected = [
			{ token: V2_TOKEN, version: 'v2', checksum: 'padded', era: '2.41+' },
			{ token: V1_PLAIN, version: 'v1', checksum: 'plain', era: '2.37-2.40' },
			{ token: V1_PADDED, version: 'v1', checksum: 'padded', era: '2.41+' },
			{ token: V2_PLAIN, version: 'v2', checksum: 'plain', era: '2.37-2.40' },
		];
		for (const { token, version, checksum, era } of expected) {
			const finding = onlyFinding(`key = "${token}"`);
			assert.deepEqual(finding, {
				kind: 'token',
				version,
				checksum,
				era,
				start: 7,
				end: 7 + token.length,
				token,
				masked: mask(token),
				fingerprint: fingerprint(token),
			});
		}
	});

	it('finds several tokens in offset order, also when only a space or comma separates them', () => {
		const text = `${V2_TOKEN} ${V1_PLAIN},${V1_PADDED}\n${V2_PLAIN}`;
		const findings = scanText(text);
		assert.deepEqual(
			findings.map((f) => [f.start, f.token]),
			TOKENS.map((token) => [text.indexOf(token), token]),
		);
	});

	it('returns nothing for empty text and text without the prefix', () => {
		assert.deepEqual(scanText(''), []);
		assert.deepEqual(scanText('no tokens here, just d2 and p'), []);
	});
});

describe('scanner: lookalikes', () => {
	for (const token of TOKENS) {
		const lookalike = lookalikeOf(token);
		it(`reports a ${token.slice(0, 4)}… lookalike only with includeLookalikes`, () => {
			const text = `token: '${lookalike}'`;
			assert.deepEqual(scanText(text), []);
			assert.deepEqual(scanText(text, { includeLookalikes: false }), []);
			const finding = onlyFinding(text, true);
			assert.equal(finding.kind, 'lookalike');
			assert.equal(finding.start, 8);
			assert.equal(finding.end, 8 + lookalike.length);
			assert.equal(finding.checksum, undefined);
			assert.equal(finding.era, undefined);
			assert.equal(finding.masked, mask(lookalike));
			assert.equal(finding.fingerprint, fingerprint(lookalike));
		});
	}

	it('does not report full-length placeholders as lookalikes', () => {
		const placeholders = [
			`d2p_${'x'.repeat(50)}`,
			`d2p_${'X'.repeat(44)}000000`,
			`d2pat_${'x'.repeat(32)}0000000000`,
			`d2pat_${'0'.repeat(42)}`,
			`d2p_${'abcd'.repeat(11)}123456`,
		];
		for (const placeholder of placeholders) {
			assert.deepEqual(scanText(`token = "${placeholder}"`, { includeLookalikes: true }), [], placeholder);
		}
	});
});

describe('scanner: never reported, even with includeLookalikes', () => {
	const cases: readonly [string, string][] = [
		['docs ellipsis placeholder', 'token = "d2pat_..."'],
		['short placeholder', 'token = "d2p_xxx"'],
		['descriptive placeholder', 'token = "d2p_your_token_here"'],
		['short V1 placeholder', 'token = "d2pat_abc"'],
		['identifier with the V1 prefix', 'd2pat_make_node(x)'],
		['upper-case constant', 'const D2P_SEA = 1;'],
		['identifier with the V2 prefix', 'let d2p_price = 3;'],
		['wrong case V1 prefix of a valid token', `"d2pAT_${V1_PLAIN.slice(6)}"`],
		['upper-case V2 prefix of a valid token', `"D2P_${V2_TOKEN.slice(4)}"`],
		['upper-case V1 prefix of a valid token', `"D2PAT_${V1_PADDED.slice(6)}"`],
		['V2 token one character short, quoted', `"${V2_TOKEN.slice(0, -1)}"`],
		['V2 token one character short, end of text', `x=${V2_TOKEN.slice(0, -1)}`],
		['V1 token one character short, then a newline', `x=${V1_PLAIN.slice(0, -1)}\nmore`],
		['V1 token missing its first character', `"${V1_PLAIN.slice(1)}"`],
		['a valid token with a letter glued before', `x${V2_TOKEN}`],
		['a valid token with a digit glued before', `"7${V1_PLAIN}"`],
		['a valid token with a letter glued after', `"${V2_TOKEN}x"`],
		['a valid V1 token with a digit glued after', `"${V1_PADDED}0"`],
		['a valid token glued on both sides', `ab${V2_PLAIN}cd`],
		['a V1 body under the V2 prefix', `"d2p_${V1_PLAIN.slice(6)}"`],
		['a checksum with a non-alphanumeric', `"${V2_TOKEN.slice(0, -2)}-${V2_TOKEN.slice(-1)}"`],
	];
	for (const [name, text] of cases) {
		it(name, () => {
			assert.deepEqual(scanText(text, { includeLookalikes: true }), []);
		});
	}

	it('a glued lookalike is not reported either', () => {
		assert.deepEqual(scanText(`x${lookalikeOf(V2_TOKEN)}`, { includeLookalikes: true }), []);
		assert.deepEqual(scanText(`${lookalikeOf(V2_TOKEN)}x`, { includeLookalikes: true }), []);
	});
});

describe('scanner: found wherever they hide, at the exact offset', () => {
	// `TOKEN` marks where the token goes; its index in the template is the expected offset.
	const minifiedFiller = 'var a=1,b=function(c){return c+1};'.repeat(1500);
	const templates: readonly [string, string][] = [
		['alone', 'TOKEN'],
		['single quotes', "const token = 'TOKEN';"],
		['double quotes', 'token = "TOKEN"'],
		['back quotes', 'const headers = { Authorization: `TOKEN` };'],
		['after ApiToken in a header', 'Authorization: ApiToken TOKEN'],
		['in a curl command', 'curl -H "Authorization: ApiToken TOKEN" https://play.dhis2.org/api/me'],
		['in a query string', 'https://dhis2.example.org/api/me?api_token=TOKEN&x=1'],
		['as URL user info', 'https://u:TOKEN@dhis2.example.org/api'],
		['in a JSON string', '{"name":"ci","token":"TOKEN"}'],
		['in escaped JSON inside a notebook', '  "source": ["token = \\"TOKEN\\"\\n"]'],
		['after a literal \\n escape', '  "source": ["import os\\nTOKEN\\n"]'],
		['after a literal \\t escape', '"a\\tTOKEN"'],
		['in YAML', 'dhis2:\n  url: https://x\n  token: TOKEN\n'],
		['in quoted YAML', 'env:\n  DHIS2_TOKEN: "TOKEN"\n'],
		['in a YAML block scalar', 'token: |\n  TOKEN\n'],
		['in .properties with =', 'dhis2.token=TOKEN\n'],
		['in .properties with :', 'dhis2.token:TOKEN\n'],
		['in .env', 'export DHIS2_TOKEN="TOKEN"\n'],
		['in a // comment', 'int x = 1; // TOKEN\n'],
		['in a # comment', '# old key: TOKEN\n'],
		['in a /* */ comment', '/* TOKEN */'],
		['in an HTML comment', '<!-- TOKEN -->'],
		['in an SQL comment', 'SELECT 1; --TOKEN'],
		['in an ini comment', ';TOKEN'],
		['in a Markdown code span', 'Use `TOKEN` as the key.'],
		['in a Markdown code block', '```http\nGET /api/me\nAuthorization: ApiToken TOKEN\n```\n'],
		['in an XML element', '<token>TOKEN</token>'],
		['after a tab', 'KEY\tTOKEN\t1'],
		['after an underscore', 'SECRET_TOKEN'],
		['percent-encoded in a query string', 'next=https%3A%2F%2Fh%2Fapi%3Fapi_token%3DTOKEN%26x%3D1'],
		['between percent-encoded quotes', 'q=%22TOKEN%22'],
		['after a percent-encoded space', 'Authorization=ApiToken%20TOKEN'],
		['between \\u0027 escapes', '{"html":"\\u003ca data-key=\\u0027TOKEN\\u0027\\u003e"}'],
		['between \\x27 escapes', "s = '\\x27TOKEN\\x27'"],
		['between HTML entities', '<pre>&quot;TOKEN&quot;</pre>'],
		['in the middle of a 100 KB minified line', `${minifiedFiller};var a="TOKEN";${minifiedFiller}`],
	];
	for (const [name, template] of templates) {
		it(name, () => {
			const offset = template.indexOf('TOKEN');
			for (const token of TOKENS) {
				const text = template.replace('TOKEN', token);
				const finding = onlyFinding(text);
				assert.equal(finding.kind, 'token');
				assert.equal(finding.start, offset);
				assert.equal(finding.end, offset + token.length);
				assert.equal(finding.token, token);
			}
		});
	}

	it('the minified line really is a single 100 KB line', () => {
		const template = templates.at(-1)?.[1] ?? '';
		assert.ok(template.length > 100_000);
		assert.ok(!template.includes('\n'));
	});

	it('finds lookalikes in escaped contexts too, at the exact offset', () => {
		const lookalike = lookalikeOf(V2_TOKEN);
		for (const template of ['"a\\nTOKEN"', 'q=%22TOKEN%22', '\\u0027TOKEN\\u0027']) {
			const text = template.replace('TOKEN', lookalike);
			const finding = onlyFinding(text, true);
			assert.equal(finding.kind, 'lookalike');
			assert.equal(finding.start, template.indexOf('TOKEN'));
		}
	});

	it('does not take an alphanumeric run that merely ends in hex digits for a percent escape', () => {
		assert.deepEqual(scanText(`x%2${V2_TOKEN}`), [], 'only one hex digit after %');
		assert.deepEqual(scanText(`%zz${V2_TOKEN}`), [], 'not hex digits');
		assert.deepEqual(scanText(`\\u00g7${V2_TOKEN}`), [], 'not a \\u escape');
	});
});
