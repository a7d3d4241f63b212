import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsedFileToJson, parseHttpFile } from '../../core/http/parse';
import { scanText } from '../../core/scan';

// Goldens: test/fixtures/http/NAME.http → NAME.json, the parse result with every range written compactly as
// "line:character-line:character" (0-based, as in the model and LSP). `UPDATE_GOLDEN=1` rewrites them; review the diff.
const FIXTURES = join(__dirname, '..', 'fixtures', 'http');
const update = process.env.UPDATE_GOLDEN === '1';

function isRange(value: unknown): value is { start: { line: number; character: number }; end: { line: number; character: number } } {
	if (value === null || typeof value !== 'object') return false;
	const keys = Object.keys(value);
	return keys.length === 2 && keys.includes('start') && keys.includes('end');
}

function compact(value: unknown): unknown {
	if (isRange(value)) return `${value.start.line}:${value.start.character}-${value.end.line}:${value.end.character}`;
	if (Array.isArray(value)) return value.map(compact);
	if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compact(item)]));
	return value;
}

const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.http')).sort();

describe('http parser: golden files', () => {
	it('has the fixtures it is meant to check', () => {
		assert.deepEqual(fixtures, ['dhis2.http', 'empty-and-odd.http', 'errors.http', 'jetbrains-style.http', 'restclient-style.http']);
	});

	for (const fixture of fixtures) {
		it(`parses ${fixture} as recorded in its golden file`, () => {
			const text = readFileSync(join(FIXTURES, fixture), 'utf8');
			const actual = compact(parsedFileToJson(parseHttpFile(text)));
			const goldenPath = join(FIXTURES, fixture.replace(/\.http$/, '.json'));
			if (update) writeFileSync(goldenPath, `${JSON.stringify(actual, null, '\t')}\n`);
			assert.deepEqual(actual, JSON.parse(readFileSync(goldenPath, 'utf8')));
		});
	}

	it('parses CRLF and CR line endings exactly like LF', () => {
		for (const fixture of fixtures) {
			const text = readFileSync(join(FIXTURES, fixture), 'utf8');
			const lf = compact(parsedFileToJson(parseHttpFile(text))) as { requests: { body?: { text?: string } }[] };
			for (const lineBreak of ['\r\n', '\r']) {
				const other = compact(parsedFileToJson(parseHttpFile(text.replace(/\n/g, lineBreak)))) as typeof lf;
				// Inline bodies keep the file's own line breaks; everything else must be identical.
				other.requests.forEach((request) => {
					if (request.body?.text !== undefined) request.body.text = request.body.text.split(lineBreak).join('\n');
				});
				assert.deepEqual(other, lf, `${fixture} with ${JSON.stringify(lineBreak)}`);
			}
		}
	});

	it('keeps checksum-valid tokens out of every fixture', () => {
		for (const name of readdirSync(FIXTURES)) {
			const tokens = scanText(readFileSync(join(FIXTURES, name), 'utf8')).filter((finding) => finding.kind === 'token');
			assert.deepEqual(tokens.map((finding) => finding.masked), [], name);
		}
	});
});
