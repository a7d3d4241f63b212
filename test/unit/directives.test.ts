import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALLOW_DIRECTIVE, ALLOW_NEXT_LINE_DIRECTIVE, isInlineIgnored, scanText } from '../../core/scan';
import { generateToken, seededRandom } from '../../core/token';

const TOKEN = generateToken({ random: seededRandom(99) });

/** Offsets of the tokens `scanText` reports in `lines` joined by `eol`, with and without honouring directives. */
function scan(lines: readonly string[], eol = '\n'): { honoured: number[]; all: number[] } {
	const text = lines.join(eol);
	return {
		honoured: scanText(text).map((f) => f.start),
		all: scanText(text, { honourInlineIgnores: false }).map((f) => f.start),
	};
}

function lineOffsets(lines: readonly string[], eol = '\n'): number[] {
	const text = lines.join(eol);
	const offsets: number[] = [];
	for (let at = text.indexOf(TOKEN); at >= 0; at = text.indexOf(TOKEN, at + 1)) offsets.push(at);
	return offsets;
}

describe('inline directives', () => {
	it('exports the directive spellings the quick fix inserts', () => {
		assert.equal(ALLOW_DIRECTIVE, 'dhis2-pat:allow');
		assert.equal(ALLOW_NEXT_LINE_DIRECTIVE, 'dhis2-pat:allow-next-line');
	});

	const sameLine: readonly [string, string][] = [
		['dhis2-pat:allow', `const t = '${TOKEN}'; // dhis2-pat:allow`],
		['dhis2-pat:allow before the token', `# dhis2-pat:allow\tt=${TOKEN}`],
		['gitleaks:allow', `t = "${TOKEN}" # gitleaks:allow`],
		['pragma: allowlist secret', `t = "${TOKEN}"  # pragma: allowlist secret`],
		['secretlint-disable-line', `const t = "${TOKEN}"; // secretlint-disable-line`],
	];
	for (const [name, line] of sameLine) {
		it(`${name} on the same line silences the token`, () => {
			const lines = ['before', line, `other = "${TOKEN}"`];
			const result = scan(lines);
			const offsets = lineOffsets(lines);
			assert.deepEqual(result.all, offsets, 'both tokens are there without directives');
			assert.deepEqual(result.honoured, [offsets[1]], 'only the undirected one is reported');
		});
	}

	const nextLine: readonly [string, string][] = [
		['dhis2-pat:allow-next-line', '// dhis2-pat:allow-next-line'],
		['secretlint-disable-next-line', '// secretlint-disable-next-line'],
		['pragma: allowlist nextline secret', '# pragma: allowlist nextline secret'],
	];
	for (const [name, directive] of nextLine) {
		it(`${name} on the previous line silences the token`, () => {
			const lines = [directive, `t = "${TOKEN}"`, `u = "${TOKEN}"`];
			assert.deepEqual(scan(lines).honoured, [lineOffsets(lines)[1]]);
		});

		it(`${name} two lines up does not`, () => {
			const lines = [directive, '', `t = "${TOKEN}"`];
			assert.deepEqual(scan(lines).honoured, lineOffsets(lines));
		});
	}

	it('allow-next-line on the token line itself is not a same-line allow', () => {
		const lines = [`t = "${TOKEN}" // dhis2-pat:allow-next-line`, `u = "${TOKEN}"`];
		assert.deepEqual(scan(lines).honoured, [lineOffsets(lines)[0]]);
	});

	it('a same-line allow on the previous line does not carry over', () => {
		const lines = ['x = 1 // dhis2-pat:allow', `t = "${TOKEN}"`];
		assert.deepEqual(scan(lines).honoured, lineOffsets(lines));
	});

	it('works in a CRLF file', () => {
		const lines = [`a = "${TOKEN}" // dhis2-pat:allow`, '// dhis2-pat:allow-next-line', `b = "${TOKEN}"`, `c = "${TOKEN}"`];
		const result = scan(lines, '\r\n');
		const offsets = lineOffsets(lines, '\r\n');
		assert.equal(offsets.length, 3);
		assert.deepEqual(result.all, offsets);
		assert.deepEqual(result.honoured, [offsets[2]]);
	});

	it('treats a lone CR as a line break, as LSP does', () => {
		const lines = ['x = 1 // dhis2-pat:allow', `a = "${TOKEN}"`, '// dhis2-pat:allow-next-line', `b = "${TOKEN}"`];
		const offsets = lineOffsets(lines, '\r');
		assert.deepEqual(scan(lines, '\r').honoured, [offsets[0]]);
	});

	it('honourInlineIgnores: false reports silenced tokens', () => {
		const lines = [`a = "${TOKEN}" // gitleaks:allow`, '// dhis2-pat:allow-next-line', `b = "${TOKEN}"`];
		assert.deepEqual(scan(lines).honoured, []);
		assert.deepEqual(scan(lines).all, lineOffsets(lines));
	});

	it('silences lookalikes too', () => {
		const lookalike = `${TOKEN.slice(0, -1)}${TOKEN.endsWith('a') ? 'b' : 'a'}`;
		const text = `x = "${lookalike}" // dhis2-pat:allow`;
		assert.deepEqual(scanText(text, { includeLookalikes: true }), []);
		assert.equal(scanText(text, { includeLookalikes: true, honourInlineIgnores: false }).length, 1);
	});

	describe('isInlineIgnored', () => {
		/** The rule, spelled out on split lines. */
		function reference(text: string, offset: number): boolean {
			const lines = text.split(/\r\n|\r|\n/);
			let index = 0;
			for (let at = 0, i = 0; i < lines.length; i++) {
				const end = at + (lines[i]?.length ?? 0);
				if (offset <= end) {
					index = i;
					break;
				}
				at = end + (text.startsWith('\r\n', end) ? 2 : 1);
			}
			const line = lines[index] ?? '';
			const previous = index > 0 ? (lines[index - 1] ?? '') : '';
			const sameLine = /dhis2-pat:allow(?!-next-line)|gitleaks:allow|pragma: allowlist secret|secretlint-disable-line/.test(line);
			return sameLine || /dhis2-pat:allow-next-line|secretlint-disable-next-line|pragma: allowlist nextline secret/.test(previous);
		}

		it('agrees with a line-splitting reference on random text with mixed line breaks', () => {
			const piece = fc.constantFrom('\n', '\r\n', '\r', ' ', 'x', '// dhis2-pat:allow', '# dhis2-pat:allow-next-line', 'gitleaks:allow', 'secretlint-disable-next-line', 'T');
			fc.assert(
				fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
					const text = pieces.join('');
					for (let offset = text.indexOf('T'); offset >= 0; offset = text.indexOf('T', offset + 1)) {
						assert.equal(isInlineIgnored(text, offset), reference(text, offset), JSON.stringify({ text, offset }));
					}
				}),
				{ numRuns: 1000 },
			);
		});

		it('answers for the first line, where there is no previous line', () => {
			assert.equal(isInlineIgnored(`${TOKEN} dhis2-pat:allow`, 0), true);
			assert.equal(isInlineIgnored(`${TOKEN}\n// dhis2-pat:allow`, 0), false);
		});

		it('answers for the last line without a trailing newline', () => {
			const text = `// dhis2-pat:allow-next-line\n${TOKEN}`;
			assert.equal(isInlineIgnored(text, text.indexOf(TOKEN)), true);
		});

		it('ignores a directive on the line after the token', () => {
			const text = `${TOKEN}\n// dhis2-pat:allow-next-line\n`;
			assert.equal(isInlineIgnored(text, 0), false);
		});

		it('reads a directive on an empty-looking previous line after a leading newline', () => {
			const text = `\n${TOKEN}`;
			assert.equal(isInlineIgnored(text, 1), false);
		});
	});
});
