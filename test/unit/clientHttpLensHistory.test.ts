import assert from 'node:assert/strict';
import { parseHttpFile, requestAtLine } from '../../core/http/parse';
import { generateToken, mask, seededRandom } from '../../core/token';
import { codeLensPlan } from '../../client/http/codeLensPlan';
import { writtenTitle } from '../../client/http/responseModel';
import { HttpCommandIds } from '../../client/http/commandIds';
import {
	historyEntry, historyOutcome, historySizeFrom, type HistoryState, historyUrl, readHistory, requestForEntry, RequestHistory, withEntry,
} from '../../client/http/history';

const FILE = [
	'@host = https://play.dhis2.org/40',            // 0
	'',                                             // 1
	'### Who am I',                                 // 2
	'# @name me',                                   // 3
	'GET {{host}}/api/me',                          // 4
	'Accept: application/json',                     // 5
	'',                                             // 6
	'###',                                          // 7
	'// create a data element',                     // 8
	'# @note this writes to the server',            // 9
	'POST {{host}}/api/dataElements',               // 10
	'Content-Type: application/json',               // 11
	'',                                             // 12
	'{"name": "x"}',                                // 13
	'',                                             // 14
	'###',                                          // 15
	'{{host}}/api/system/info',                     // 16
].join('\n');

describe('client .http: CodeLens placement from parse results', () => {
	const uri = 'file:///work/requests/demo.http';

	it('puts "Send Request" on every request line (after comments and directives) and "Send All" on the first', () => {
		const plan = codeLensPlan(parseHttpFile(FILE), uri);
		assert.deepEqual(plan.map((lens) => [lens.line, lens.title, lens.command]), [
			[4, 'Send Request', HttpCommandIds.sendRequest],
			[4, 'Send All (3)', HttpCommandIds.sendAllRequests],
			[10, 'Send Request', HttpCommandIds.sendRequest],
			[16, 'Send Request', HttpCommandIds.sendRequest],
		]);
		assert.deepEqual(plan[0]?.arguments, [uri, 4]);
		assert.deepEqual(plan[1]?.arguments, [uri]);
		assert.match(plan[2]?.tooltip ?? '', /asks first \(# @note\)/);
	});

	it('sends what the lens points at: the line it carries finds the same request again', () => {
		const file = parseHttpFile(FILE);
		for (const lens of codeLensPlan(file, uri).filter((candidate) => candidate.command === HttpCommandIds.sendRequest)) {
			const request = requestAtLine(file, lens.arguments[1] as number);
			assert.equal(request?.requestLineRange.start.line, lens.line);
		}
	});

	it('titles requests from what the file wrote: name, else method and path with templates, keys masked', () => {
		const file = parseHttpFile(FILE);
		assert.deepEqual(file.requests.map(writtenTitle), ['me', 'POST {{host}}/api/dataElements', 'GET {{host}}/api/system/info']);
		const key = generateToken({ random: seededRandom(5) });
		const literal = parseHttpFile(`GET https://a.example/api/me?api_token=${key}`);
		const title = literal.requests[0] ? writtenTitle(literal.requests[0]) : '';
		assert.equal(title, `GET /api/me?api_token=${mask(key)}`);
	});

	it('no "Send All" for a single request, nothing for an empty file, and problems counted on the lens', () => {
		assert.deepEqual(codeLensPlan(parseHttpFile('GET https://a.example/'), uri).map((lens) => lens.title), ['Send Request']);
		assert.deepEqual(codeLensPlan(parseHttpFile('# only a comment\n'), uri), []);
		const broken = parseHttpFile('GET https://a.example/{{unclosed\n');
		const errors = broken.problems.filter((problem) => problem.severity === 'error').length;
		assert.ok(errors > 0, 'the parser reports the unclosed template');
		assert.equal(codeLensPlan(broken, uri)[0]?.title, `Send Request (${errors} problem${errors === 1 ? '' : 's'})`);
	});
});

class MemoryState implements HistoryState {
	readonly values = new Map<string, unknown>();
	get<T>(key: string): T | undefined {
		return this.values.get(key) as T | undefined;
	}
	update(key: string, value: unknown): Promise<void> {
		// Like VS Code's Memento: stored as JSON.
		if (value === undefined) this.values.delete(key);
		else this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
		return Promise.resolve();
	}
}

describe('client .http: history entries', () => {
	const key = generateToken({ random: seededRandom(41) });

	it('keeps the query but masks keys, user info and credential-like values', () => {
		assert.equal(historyUrl('https://a.example/api/x?fields=id&paging=false'), 'https://a.example/api/x?fields=id&paging=false');
		assert.equal(historyUrl(`https://a.example/api/me?api_token=${key}&fields=id`), `https://a.example/api/me?api_token=********&fields=id`);
		assert.equal(historyUrl(`https://a.example/api/me?q=${key}`), `https://a.example/api/me?q=${mask(key)}`);
		assert.equal(historyUrl('https://user:pw@a.example/x?password=hunter2&access_token=abc&client_secret=s&filter=name:eq:x'), 'https://********:********@a.example/x?password=********&access_token=********&client_secret=********&filter=name:eq:x');
		assert.equal(historyUrl('not a url'), 'not a url');
	});

	it('stores only the known fields: never a header value or a body, whatever the input carried', () => {
		const input = { at: 5, method: 'post', url: 'https://a.example/api/x', status: 201, timeMs: 12.6, file: 'file:///a.http', name: 'create', line: 3, headers: [{ name: 'Authorization', value: `ApiToken ${key}` }], body: key };
		const entry = historyEntry(input);
		assert.deepEqual(entry, { at: 5, method: 'POST', url: 'https://a.example/api/x', status: 201, timeMs: 13, file: 'file:///a.http', name: 'create', line: 3 });
		assert.ok(!JSON.stringify(entry).includes(key));
		assert.equal(historyOutcome(entry), '201 · 13 ms');
		assert.equal(historyOutcome(historyEntry({ at: 1, method: 'GET', url: 'https://a.example/', failure: 'timeout' })), 'timeout');
	});

	it('reads what workspaceState holds, dropping junk and re-masking', () => {
		const read = readHistory([
			{ at: 1, method: 'GET', url: `https://a.example/?token=${key}` },
			{ at: 'x', method: 'GET', url: 'https://b.example/' },
			{ at: 2, method: 'GET' },
			{ at: 3, method: 'GET', url: 'https://c.example/', status: '200' },
			null,
			{ at: 4, method: 'GET', url: 'https://d.example/', secret: key },
		]);
		assert.deepEqual(read.map((entry) => entry.at), [1, 4]);
		assert.equal(read[0]?.url, 'https://a.example/?token=********');
		assert.ok(!JSON.stringify(read).includes(key));
		assert.deepEqual(readHistory({ not: 'a list' }), []);
	});

	it('keeps the newest first, up to historySize; 0 keeps nothing', async () => {
		assert.deepEqual(withEntry([historyEntry({ at: 1, method: 'GET', url: 'https://a/' })], historyEntry({ at: 2, method: 'GET', url: 'https://b/' }), 1).map((entry) => entry.at), [2]);
		assert.deepEqual([historySizeFrom(undefined), historySizeFrom(-3), historySizeFrom(20.7), historySizeFrom(10_000)], [50, 0, 20, 500]);
		const state = new MemoryState();
		let size = 3;
		const history = new RequestHistory(state, () => size);
		for (let at = 1; at <= 5; at++) await history.add({ at, method: 'GET', url: `https://a.example/${at}` });
		assert.deepEqual(history.list().map((entry) => entry.at), [5, 4, 3]);
		size = 2;
		assert.deepEqual(history.list().map((entry) => entry.at), [5, 4]);
		size = 0;
		await history.add({ at: 6, method: 'GET', url: 'https://a.example/6' });
		assert.deepEqual(history.list(), []);
		size = 5;
		await history.add({ at: 7, method: 'GET', url: 'https://a.example/7' });
		await history.clear();
		assert.equal(state.values.size, 0);
	});

	it('finds an entry\'s request in the file as it is now: by name, else by line with the same method', () => {
		const file = parseHttpFile(FILE);
		assert.equal(requestForEntry(file, historyEntry({ at: 1, method: 'GET', url: 'x', name: 'me', line: 99 }))?.requestLineRange.start.line, 4);
		assert.equal(requestForEntry(file, historyEntry({ at: 1, method: 'POST', url: 'x', line: 12 }))?.requestLineRange.start.line, 10);
		assert.equal(requestForEntry(file, historyEntry({ at: 1, method: 'DELETE', url: 'x', line: 12 })), undefined, 'the request there is another one now');
		assert.equal(requestForEntry(file, historyEntry({ at: 1, method: 'GET', url: 'x' })), undefined);
	});
});
