import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineCursor, scanText } from '../../core/scan';
import { generateToken, seededRandom } from '../../core/token';
import { LineDocument } from '../../server/lineDocument';

const token = generateToken({ random: seededRandom(7) });
const legacy = generateToken({ version: 'v1', variant: 'plain', random: seededRandom(8) });

// Pieces that exercise every line-break kind, directives and tokens, so random edits create and split them.
const pieces = ['a', 'bc', ' ', '\n', '\r', '\r\n', 'é', '😀', token, legacy, 'd2p', '// dhis2-pat:allow', '# dhis2-pat:allow-next-line\n', '"'];

const textArbitrary = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));

function expectedFindings(text: string) {
	const cursor = new LineCursor(text);
	return scanText(text, { includeLookalikes: true }).map((finding) => {
		const position = cursor.at(finding.start);
		return { fingerprint: finding.fingerprint, line: position.line, character: position.character };
	});
}

function actualFindings(document: LineDocument) {
	return document.findings({ includeLookalikes: true }).map((item) => ({ fingerprint: item.finding.fingerprint, line: item.line, character: item.character }));
}

describe('LineDocument (the server\'s line-array document model)', () => {
	it('matches vscode-languageserver-textdocument and a whole-text scan after random incremental edits', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map((parts) => parts.join('')),
				fc.array(fc.record({ a: fc.nat(), b: fc.nat(), text: textArbitrary }), { maxLength: 8 }),
				(initial, edits) => {
					let reference = TextDocument.create('file:///x', 'plaintext', 1, initial);
					const document = LineDocument.create('file:///x', 'plaintext', 1, initial);
					assert.deepEqual(actualFindings(document), expectedFindings(initial));
					for (const edit of edits) {
						const length = reference.getText().length;
						const [from, to] = [edit.a % (length + 1), edit.b % (length + 1)].sort((x, y) => x - y) as [number, number];
						// Positions inside a \r\n pair are not valid LSP positions; VS Code never sends them.
						const range = { start: reference.positionAt(from), end: reference.positionAt(to) };
						reference = TextDocument.update(reference, [{ range, text: edit.text }], reference.version + 1);
						LineDocument.update(document, [{ range, text: edit.text }], reference.version);
						const text = reference.getText();
						assert.equal(document.length, text.length);
						assert.equal(document.lineCount, reference.lineCount);
						assert.deepEqual(actualFindings(document), expectedFindings(text));
						assert.equal(document.getText(), text);
						for (let offset = 0; offset <= text.length; offset += 3) {
							assert.deepEqual(document.positionAt(offset), reference.positionAt(offset));
						}
						for (let line = 0; line < reference.lineCount; line++) {
							const position = { line, character: 2 };
							assert.equal(document.offsetAt(position), reference.offsetAt(position));
						}
					}
				},
			),
			{ numRuns: 300 },
		);
	});

	it('rescans only the lines an edit touched', () => {
		const lines = Array.from({ length: 1000 }, (_, index) => (index === 500 ? `key = "${token}"` : `line ${index}`));
		const document = LineDocument.create('file:///big', 'plaintext', 1, lines.join('\n'));
		assert.equal(document.findings({}).length, 1);
		LineDocument.update(document, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: `x = "${legacy}"\n` }], 2);
		const after = document.findings({});
		assert.deepEqual(after.map((item) => item.line), [10, 501]);
		LineDocument.update(document, [{ range: { start: { line: 501, character: 0 }, end: { line: 501, character: 0 } }, text: '// dhis2-pat:allow-next-line\n' }], 3);
		assert.deepEqual(document.findings({}).map((item) => item.line), [10], 'a directive added above silences the token below');
	});

	it('takes a full-text replacement', () => {
		const document = LineDocument.create('file:///r', 'plaintext', 1, 'nothing');
		LineDocument.update(document, [{ text: `a\r\nb ${token}` }], 2);
		assert.deepEqual(actualFindings(document), expectedFindings(`a\r\nb ${token}`));
	});
});
