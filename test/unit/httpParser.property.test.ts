import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ParsedFile, type SourceRange } from '../../core/http/model';
import { parseHttpFile } from '../../core/http/parse';
import { resolveRequest, type ResolveContext } from '../../core/http/variables';

/** Fragments that make up request files, so random input often looks almost right (the interesting case). */
const httpFragment = fc.constantFrom(
	'###', '### title', '\n', '\r\n', '\r', ' ', '\t', '#', '//', '# @name x', '# @timeout 5 s', '# @timeout', '# @note', '# @no-redirect',
	'@', '@v = 1', '@v = {{w}}', '@w = {{v}}', 'GET ', 'POST ', 'get ', 'FETCH ', 'https://', 'http://', 'example.org', ':80', ':x', '/', '/api',
	'?a=1', '&b=2', ' HTTP/1.1', ' HTTP/9', 'Host: h', 'Name: value', 'Name value', ':', '{{', '}}', '{{v}}', '{{$guid}}', '{{$dhis2.token}}',
	'Authorization: ApiToken {{$dhis2.token}}', '{{%v}}', '{{x.response.body.$.a}}', '< ./f', '<@ ./f', '<@latin1 ./f', '<@bad ./f', '> {%', '%}',
	'<> r.json', '>> out', '{', '}', '[', ']', '"', '\u00e9', '\ud83d\ude00', '\ud800',
);
const httpLikeText = fc.array(httpFragment, { maxLength: 80 }).map((parts) => parts.join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 400 });

function lineLengths(text: string): number[] {
	return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function assertInside(range: SourceRange, lengths: readonly number[], what: string): void {
	for (const position of [range.start, range.end]) {
		assert.ok(position.line >= 0 && position.line < lengths.length, `${what}: line ${position.line} outside the text`);
		assert.ok(position.character >= 0 && position.character <= (lengths[position.line] ?? 0), `${what}: character ${position.character} outside line ${position.line}`);
	}
	const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
	assert.ok(ordered, `${what}: range ends before it starts`);
}

function assertWellFormed(text: string, file: ParsedFile): void {
	const lengths = lineLengths(text);
	let previousEnd = -1;
	file.requests.forEach((request, index) => {
		assert.equal(request.index, index);
		assertInside(request.range, lengths, 'request');
		assertInside(request.requestLineRange, lengths, 'request line');
		assert.ok(request.range.start.line > previousEnd, 'requests overlap');
		assert.ok(request.requestLineRange.start.line >= request.range.start.line && request.requestLineRange.end.line <= request.range.end.line);
		previousEnd = request.range.end.line;
		for (const header of request.headers) assertInside(header.range, lengths, 'header');
		if (request.body) assertInside(request.body.range, lengths, 'body');
	});
	for (const problem of file.problems) assertInside(problem.range, lengths, `problem "${problem.message}"`);
	for (const [, variable] of file.fileVariables) assertInside(variable.range, lengths, 'variable');
}

const context: ResolveContext = {
	env: {},
	dotenv: () => undefined,
	environment: { v: '1' },
	readFile: () => new Uint8Array(),
	baseDir: '/',
	now: () => 0,
	random: () => 0.25,
	responses: () => ({ body: { a: 1 }, headers: {} }),
};

describe('http parser: properties', () => {
	it('never throws, and every range it reports lies inside the text (random binary text)', () => {
		fc.assert(fc.property(anyText, (text) => assertWellFormed(text, parseHttpFile(text))), { numRuns: 500 });
	});

	it('never throws, and every range it reports lies inside the text (random request-file fragments)', () => {
		fc.assert(fc.property(httpLikeText, (text) => assertWellFormed(text, parseHttpFile(text))), { numRuns: 1000 });
	});

	it('gives the same result for the same text', () => {
		fc.assert(fc.property(httpLikeText, (text) => assert.deepEqual(parseHttpFile(text), parseHttpFile(text))), { numRuns: 200 });
	});

	it('resolves or refuses every parsed request without throwing, and never outputs the token variable', async () => {
		await fc.assert(
			fc.asyncProperty(httpLikeText, async (text) => {
				const file = parseHttpFile(text);
				for (const request of file.requests) {
					const result = await resolveRequest(file, request, context);
					// Literal text such as an unclosed `{{$dhis2.token` in a body is harmless; a usable reference must never get through.
					if (result.ok) assert.doesNotMatch(JSON.stringify(result.request), /\{\{\s*\$dhis2\.token\s*\}\}/, 'the token variable must never reach the sender');
					else assert.ok(result.problems.length > 0);
				}
			}),
			{ numRuns: 500 },
		);
	});
});
