import assert from 'node:assert/strict';
import { generateToken, seededRandom } from '../../core/token';
import { KNOWN_METHODS, parseHttpFile, parseTimeout, requestAtLine, requestFoldingRanges, requestProblems, syntheticHttpFile } from '../../core/http/parse';

const only = <T>(items: readonly T[]): T => {
	assert.equal(items.length, 1);
	const [item] = items;
	assert.ok(item !== undefined);
	return item;
};

describe('http parser', () => {
	it('reads the request line forms: method optional, version optional, every known method', () => {
		assert.deepEqual(
			parseHttpFile('https://example.org/a\n###\nhttps://example.org/b HTTP/1.1\n###\nDELETE https://example.org/c HTTP/2\n').requests.map((request) => [request.method, request.url, request.httpVersion]),
			[['GET', 'https://example.org/a', undefined], ['GET', 'https://example.org/b', 'HTTP/1.1'], ['DELETE', 'https://example.org/c', 'HTTP/2']],
		);
		for (const method of KNOWN_METHODS) assert.equal(only(parseHttpFile(`${method} https://example.org/`).requests).method, method);
	});

	it('keeps a {{ template }} with spaces as one URL', () => {
		const file = parseHttpFile('GET {{ base }}/api/me HTTP/1.1\n');
		assert.equal(only(file.requests).url, '{{ base }}/api/me');
		assert.deepEqual(file.problems, []);
	});

	it('joins ?, & and /path continuation lines but not a // comment', () => {
		const request = only(parseHttpFile('GET https://example.org\n  /api\n// a comment\n  ?a=1\n\t&b=2\nAccept: */*\n').requests);
		assert.equal(request.url, 'https://example.org/api?a=1&b=2');
		assert.deepEqual(request.headers.map((header) => header.name), ['Accept']);
	});

	it('trims blank lines around a body and stops it at the next separator', () => {
		const request = only(parseHttpFile('POST https://example.org/\n\n\n  line one\n\n  line two\n\n\n###\n').requests);
		assert.deepEqual(request.body, { kind: 'inline', text: '  line one\n\n  line two', range: { start: { line: 3, character: 0 }, end: { line: 5, character: 10 } } });
	});

	it('takes the name from # @name over the ### title, and // @name too', () => {
		const file = parseHttpFile('### Title\n# @name byDirective\nGET https://example.org/\n### Other title\n// @name slashes\nGET https://example.org/\n### Only title\nGET https://example.org/\n');
		assert.deepEqual(file.requests.map((request) => request.name), ['byDirective', 'slashes', 'Only title']);
	});

	it('accepts JetBrains and REST Client timeout forms', () => {
		assert.deepEqual(['5000', '5000 ms', '5 s', '5s', '1.5 s', '2 m', '2 min', '86400000'].map(parseTimeout), [5000, 5000, 5000, 5000, 1500, 120_000, 120_000, 86_400_000]);
		assert.deepEqual(['', '0', '-1', 'soon', '5 h', '86400001', '1e3'].map(parseTimeout), [undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
	});

	it('finds the request at a line and the problems that belong to it', () => {
		const file = parseHttpFile('GET https://example.org/a\n\n###\nFETCH https://example.org/b\nNo colon here\n\n###\nGET https://example.org/c\n');
		assert.equal(requestAtLine(file, 0)?.url, 'https://example.org/a');
		assert.equal(requestAtLine(file, 2)?.url, 'https://example.org/b');
		assert.equal(requestAtLine(file, 5)?.url, 'https://example.org/b');
		assert.equal(requestAtLine(file, 7)?.url, 'https://example.org/c');
		const [, second, third] = file.requests;
		assert.ok(second && third);
		assert.deepEqual(requestProblems(file, second).map((problem) => problem.range.start.line), [3, 4]);
		assert.deepEqual(requestProblems(file, third), []);
	});

	it('offers one fold per request block', () => {
		const file = parseHttpFile('GET https://example.org/a\nAccept: */*\n###\nGET https://example.org/b\n\n{\n}\n###\nGET https://example.org/c');
		assert.deepEqual(requestFoldingRanges(file), [{ startLine: 0, endLine: 1 }, { startLine: 2, endLine: 6 }, { startLine: 7, endLine: 8 }]);
	});

	it('counts lines and characters in UTF-16 code units, as LSP does', () => {
		const file = parseHttpFile('# 😀 ünïcode\r\nGET https://example.org/😀?q={{missing\r\n');
		const [problem] = file.problems;
		assert.deepEqual(problem?.range, { start: { line: 1, character: 29 }, end: { line: 1, character: 31 } });
	});

	it('never repeats a key written into a name, directive or title in its messages', () => {
		const key = generateToken({ random: seededRandom(4) });
		const file = parseHttpFile(`### ${key}\n\n###\n# @${key}\n@${key} = 1\n@${key} = 2\nGET https://example.org/{{$${key}}}\n`);
		assert.ok(file.problems.length >= 4, JSON.stringify(file.problems));
		assert.ok(!JSON.stringify(file.problems).includes(key));
		assert.ok(file.problems.some((problem) => problem.message.includes(key.slice(0, 4))), 'the masked form is still shown');
	});

	// Its speed is measured by `npm run bench` (a timed assertion here would only flake under load).
	it('parses a 10,000-request file: every request, no problems', function () {
		this.timeout(20_000);
		const file = parseHttpFile(syntheticHttpFile(10_000));
		assert.equal(file.requests.length, 10_000);
		assert.deepEqual(file.problems, []);
	});
});
