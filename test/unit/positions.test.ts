import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineCursor, scanText } from '../../core/scan';
import { generateToken, seededRandom } from '../../core/token';

const TOKEN = generateToken({ random: seededRandom(5) });

/** The LSP reference: vscode-languageserver-textdocument, which the server's documents are. */
function referencePosition(text: string, offset: number): { line: number; character: number } {
	return TextDocument.create('file:///x', 'plaintext', 1, text).positionAt(offset);
}

describe('LineCursor', () => {
	it('counts columns in UTF-16 code units: an emoji before a token shifts it by 2', () => {
		const plain = `x = "${TOKEN}"`;
		const withEmoji = `🔑 = "${TOKEN}"`;
		const [a] = scanText(plain);
		const [b] = scanText(withEmoji);
		assert.ok(a && b);
		assert.equal(b.start - a.start, 1, 'one character x replaced by a two-unit emoji');
		assert.deepEqual(new LineCursor(plain).at(a.start), { line: 0, character: 5 });
		assert.deepEqual(new LineCursor(withEmoji).at(b.start), { line: 0, character: 6 });
		assert.equal(withEmoji.slice(b.start, b.end), TOKEN, 'the column is a JS string offset');
	});

	it('gives the line and column of a token on a later line', () => {
		const text = `first\n  second 😀\n\tkey: ${TOKEN}\n`;
		const [finding] = scanText(text);
		assert.ok(finding);
		assert.deepEqual(new LineCursor(text).at(finding.start), { line: 2, character: 6 });
	});

	it('handles CRLF: the \\r belongs to the line it ends', () => {
		const text = 'a\r\nbb\r\nccc';
		const cursor = new LineCursor(text);
		assert.deepEqual(cursor.at(0), { line: 0, character: 0 });
		assert.deepEqual(cursor.at(1), { line: 0, character: 1 }, 'the \\r');
		assert.deepEqual(cursor.at(2), { line: 0, character: 1 }, 'between \\r and \\n: before the break, like TextDocument');
		assert.deepEqual(cursor.at(3), { line: 1, character: 0 });
		assert.deepEqual(cursor.at(8), { line: 2, character: 1 });
		assert.deepEqual(cursor.at(text.length), { line: 2, character: 3 });
	});

	it('handles a lone CR as a line break, as LSP does', () => {
		const text = 'a\rbb\rccc';
		const cursor = new LineCursor(text);
		assert.deepEqual(cursor.at(2), { line: 1, character: 0 });
		assert.deepEqual(cursor.at(6), { line: 2, character: 1 });
	});

	it('answers out-of-order queries correctly', () => {
		const text = 'zero\none\ntwo\nthree\n';
		const cursor = new LineCursor(text);
		assert.deepEqual(cursor.at(text.indexOf('three')), { line: 3, character: 0 });
		assert.deepEqual(cursor.at(text.indexOf('one') + 1), { line: 1, character: 1 });
		assert.deepEqual(cursor.at(text.indexOf('one') + 1), { line: 1, character: 1 }, 'same offset twice');
		assert.deepEqual(cursor.at(0), { line: 0, character: 0 });
		assert.deepEqual(cursor.at(text.indexOf('two') + 2), { line: 2, character: 2 });
	});

	it('agrees with vscode-languageserver-textdocument for random text and random query order', () => {
		const piece = fc.oneof(
			{ weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
			{ weight: 2, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '😀', 'é', '\n\n', '\r\r\n') },
		);
		const textAndOffsets = fc
			.array(piece, { maxLength: 40 })
			.map((pieces) => pieces.join(''))
			.chain((text) => fc.tuple(fc.constant(text), fc.array(fc.integer({ min: 0, max: text.length }), { minLength: 1, maxLength: 20 })));
		fc.assert(
			fc.property(textAndOffsets, ([text, offsets]) => {
				const cursor = new LineCursor(text);
				for (const offset of offsets) assert.deepEqual(cursor.at(offset), referencePosition(text, offset), `offset ${offset}`);
			}),
			{ numRuns: 500 },
		);
	});
});
