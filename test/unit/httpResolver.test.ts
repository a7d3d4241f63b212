import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ResolvedRequest, type ResolveProblem, type SourceRange } from '../../core/http/model';
import { parseHttpFile } from '../../core/http/parse';
import { generateToken, seededRandom } from '../../core/token';
import { dotenvLookup, environmentsFromJson, loadEnvironments, nodeResolveContext, resolveRequest, type ResolveContext } from '../../core/http/variables';

const NOW = new Date('2024-02-29T12:34:56.789Z');
const BASE_DIR = join('/', 'work', 'requests');

/** A context over fixed values: clock, random numbers, process env, .env, files and responses all supplied here. */
function contextWith(overrides: Partial<ResolveContext> = {}): ResolveContext {
	return {
		env: { HOME: '/home/alice', POINTER: 'HOME' },
		dotenv: (name) => ({ DHIS2_BASE_URL: 'https://dhis2.example.org', PASSWORD_VAR: 'SECRET_WORD', SECRET_WORD: 'swordfish' })[name],
		readFile: (path) => {
			throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
		},
		baseDir: BASE_DIR,
		now: () => NOW,
		random: () => 0.5,
		...overrides,
	};
}

async function resolveOne(text: string, context: ResolveContext = contextWith(), index = 0) {
	const file = parseHttpFile(text);
	const request = file.requests[index];
	assert.ok(request, `request ${index} parsed`);
	return resolveRequest(file, request, context);
}

async function resolved(text: string, context?: ResolveContext, index?: number): Promise<ResolvedRequest> {
	const result = await resolveOne(text, context, index);
	if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result.problems)}`);
	return result.request;
}

async function problems(text: string, context?: ResolveContext, index?: number): Promise<ResolveProblem[]> {
	const result = await resolveOne(text, context, index);
	assert.equal(result.ok, false, 'expected the request to be refused');
	return result.ok ? [] : result.problems;
}

const header = (request: ResolvedRequest, name: string): string | undefined =>
	request.headers.find((item) => item.name.toLowerCase() === name.toLowerCase())?.value;

const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): SourceRange => ({
	start: { line: startLine, character: startCharacter },
	end: { line: endLine, character: endCharacter },
});

describe('http resolver: variables', () => {
	it('resolves file variables that refer to other file variables', async () => {
		const request = await resolved('@host = example.org\n@base = https://{{host}}/api\n\nGET {{base}}/me\n');
		assert.equal(request.url, 'https://example.org/api/me');
	});

	it('takes environment variables, and lets a file variable of the same name win', async () => {
		const environment = { host: 'env.example.org', path: 'from-env' };
		const request = await resolved('@path = from-file\nGET https://{{host}}/{{path}}\n', contextWith({ environment }));
		assert.equal(request.url, 'https://env.example.org/from-file');
	});

	it('lets environment values refer to file variables and other environment values', async () => {
		const environment = { base: 'https://{{host}}{{suffix}}', host: 'example.org' };
		const request = await resolved('@suffix = /api\nGET {{base}}/me\n', contextWith({ environment }));
		assert.equal(request.url, 'https://example.org/api/me');
	});

	it('reports a circle of variables at the place it is used, naming every variable in it', async () => {
		const found = await problems('@a = x{{b}}\n@b = {{c}}\n@c = {{a}}\n\nGET https://example.org/{{a}}\n');
		assert.deepEqual(found, [{ message: 'Variables refer to each other in a circle: @a → @b → @c → @a', range: range(4, 24, 4, 29) }]);
	});

	it('reports a variable referring to itself', async () => {
		const found = await problems('@host = {{host}}\nGET https://{{host}}/\n');
		assert.equal(found[0]?.message, 'Variables refer to each other in a circle: @host → @host');
	});

	it('reports an undefined variable with the exact range of its {{…}}, also on continuation lines', async () => {
		const text = 'GET https://example.org/items\n    ?page={{page}}\n    &size={{ size }}\nX-Trace: a {{trace}}\n';
		const found = await problems(text);
		assert.deepEqual(
			found.map((problem) => [problem.message, problem.range]),
			[
				['`{{page}}` is not defined: not a file variable (`@page = …`) nor in the selected environment', range(1, 10, 1, 18)],
				['`{{size}}` is not defined: not a file variable (`@size = …`) nor in the selected environment', range(2, 10, 2, 20)],
				['`{{trace}}` is not defined: not a file variable (`@trace = …`) nor in the selected environment', range(3, 11, 3, 20)],
			],
		);
	});

	it('points into a multi-line inline body and a continued header value', async () => {
		const text = 'POST https://example.org/\nX-List: a,\n  b{{missingHeader}}\n\n{\n  "x": "{{missingBody}}"\n}\n';
		const found = await problems(text);
		assert.deepEqual(found.map((problem) => problem.range), [range(2, 3, 2, 20), range(5, 8, 5, 23)]);
	});

	it('reports where inside a file variable an undefined name sits', async () => {
		const found = await problems('@base = https://{{nowhere}}\nGET {{base}}/x\n');
		assert.equal(found[0]?.message, 'In `@base` (line 1): `{{nowhere}}` is not defined: not a file variable (`@nowhere = …`) nor in the selected environment');
		assert.deepEqual(found[0]?.range, range(1, 4, 1, 12));
	});

	it('percent-encodes with {{%name}}', async () => {
		const request = await resolved('@q = a b&c/d\nGET https://example.org/search?q={{%q}}\n');
		assert.equal(request.url, 'https://example.org/search?q=a%20b%26c%2Fd');
	});

	it('explains a URL broken by a substituted value and suggests percent-encoding', async () => {
		const found = await problems('@q = a b\nGET https://example.org/search?q={{q}}\n');
		assert.match(found[0]?.message ?? '', /cannot contain spaces.*`\{\{%name\}\}` percent-encodes/);
	});

	it('evaluates a variable once per request, so one @id = {{$guid}} stays the same', async () => {
		let calls = 0;
		const random = () => (calls++ % 7) / 7;
		const request = await resolved('@id = {{$guid}}\nGET https://example.org/{{id}}\nX-Id: {{id}}\n', contextWith({ random }));
		assert.equal(request.url, `https://example.org/${header(request, 'X-Id')}`);
	});
});

describe('http resolver: system variables', () => {
	it('makes version 4 UUIDs from the context random source for $guid, $uuid and $random.uuid', async () => {
		const request = await resolved('GET https://example.org/\nA: {{$guid}}\nB: {{$uuid}}\nC: {{$random.uuid}}\n');
		const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
		for (const name of ['A', 'B', 'C']) assert.match(header(request, name) ?? '', v4);
		assert.equal(header(request, 'A'), '80808080-8080-4080-8080-808080808080');
	});

	it('gives each {{$guid}} written in the request its own value', async () => {
		let next = 0;
		const request = await resolved('GET https://example.org/\nA: {{$guid}}\nB: {{$guid}}\n', contextWith({ random: () => (next++ % 256) / 256 }));
		assert.notEqual(header(request, 'A'), header(request, 'B'));
	});

	it('formats $timestamp in seconds, with an optional offset', async () => {
		const request = await resolved('GET https://example.org/\nA: {{$timestamp}}\nB: {{$timestamp -1 d}}\nC: {{$timestamp 2 h}}\n');
		const seconds = Math.floor(NOW.getTime() / 1000);
		assert.equal(header(request, 'A'), String(seconds));
		assert.equal(header(request, 'B'), String(seconds - 86_400));
		assert.equal(header(request, 'C'), String(seconds + 7200));
	});

	it('formats $datetime as iso8601, rfc1123 and quoted patterns, with offsets in months and years', async () => {
		const text = [
			'GET https://example.org/',
			'A: {{$datetime iso8601}}',
			'B: {{$datetime rfc1123}}',
			'C: {{$datetime "YYYY-MM-DD HH:mm:ss.SSS"}}',
			'D: {{$datetime iso8601 1 M}}',
			'E: {{$datetime "DD/MM/YY" -1 y}}',
			'F: {{$isoTimestamp}}',
			'',
		].join('\n');
		const request = await resolved(text);
		assert.equal(header(request, 'A'), '2024-02-29T12:34:56.789Z');
		assert.equal(header(request, 'B'), 'Thu, 29 Feb 2024 12:34:56 GMT');
		assert.equal(header(request, 'C'), '2024-02-29 12:34:56.789');
		assert.equal(header(request, 'D'), '2024-03-29T12:34:56.789Z');
		assert.equal(header(request, 'E'), '01/03/23');
		assert.equal(header(request, 'F'), '2024-02-29T12:34:56.789Z');
	});

	it('keeps $randomInt min max inside [min, max) and bare $randomInt inside 0…1000', async () => {
		for (const value of [0, 0.999999]) {
			const request = await resolved('GET https://example.org/\nA: {{$randomInt 5 10}}\nB: {{$randomInt}}\nC: {{$randomInt -3 -1}}\n', contextWith({ random: () => value }));
			assert.equal(header(request, 'A'), value === 0 ? '5' : '9');
			assert.equal(header(request, 'B'), value === 0 ? '0' : '1000');
			assert.equal(header(request, 'C'), value === 0 ? '-3' : '-2');
		}
	});

	it('reads $processEnv directly and through %indirection', async () => {
		const request = await resolved('@which = POINTER\nGET https://example.org/\nA: {{$processEnv HOME}}\nB: {{$processEnv %which}}\n', contextWith({ env: { HOME: '/home/alice', POINTER: 'x' } }));
		assert.equal(header(request, 'A'), '/home/alice');
		assert.equal(header(request, 'B'), 'x');
	});

	it('reads $dotenv directly and through %indirection', async () => {
		const request = await resolved('@which = PASSWORD_VAR\nGET {{$dotenv DHIS2_BASE_URL}}/api\nA: {{$dotenv %which}}\n');
		assert.equal(request.url, 'https://dhis2.example.org/api');
		assert.equal(header(request, 'A'), 'SECRET_WORD');
	});

	it('reports every malformed or missing system value', async () => {
		const text = [
			'GET https://example.org/',
			'A: {{$processEnv NOT_SET_ANYWHERE}}',
			'B: {{$dotenv MISSING}}',
			'C: {{$randomInt 10 1}}',
			'D: {{$timestamp soon}}',
			'E: {{$datetime}}',
			'F: {{$datetime yesterday}}',
			'G: {{$processEnv}}',
			'H: {{$whatever}}',
			'',
		].join('\n');
		const found = await problems(text);
		assert.deepEqual(found.map((problem) => problem.range?.start.line), [1, 2, 3, 4, 5, 6, 7, 8]);
		const messages = found.map((problem) => problem.message).join('\n');
		for (const expected of ['`NOT_SET_ANYWHERE` is not set', '`MISSING` is not in the .env file', 'two whole numbers', 'optional offset', 'needs a format', 'Unknown `$datetime` format', 'takes one name', 'Unknown system variable `$whatever`']) {
			assert.ok(messages.includes(expected), `missing: ${expected}\n${messages}`);
		}
	});
});

describe('http resolver: request chaining', () => {
	const chained = [
		'# @name login',
		'POST https://example.org/login',
		'',
		'###',
		'GET https://example.org/users/{{login.response.body.$.user.id}}',
		'X-First: {{login.response.body.$.items[0].name}}',
		'X-Quoted: {{login.response.body.$["odd key"]}}',
		'X-Header: {{login.response.headers.x-request-id}}',
		'X-Whole: {{login.response.body.*}}',
		'X-Object: {{login.response.body.$.user}}',
		'',
	].join('\n');

	it('reads JSONPath from the named response body and headers case-insensitively', async () => {
		const body = { user: { id: 'u1' }, items: [{ name: 'first' }], 'odd key': 7 };
		const responses = (name: string) => (name === 'login' ? { body, headers: { 'X-Request-Id': 'r-42' } } : undefined);
		const request = await resolved(chained, contextWith({ responses }), 1);
		assert.equal(request.url, 'https://example.org/users/u1');
		assert.equal(header(request, 'X-First'), 'first');
		assert.equal(header(request, 'X-Quoted'), '7');
		assert.equal(header(request, 'X-Header'), 'r-42');
		assert.equal(header(request, 'X-Whole'), JSON.stringify(body));
		assert.equal(header(request, 'X-Object'), '{"id":"u1"}');
	});

	it('parses a body recorded as text or bytes', async () => {
		for (const body of ['{"user":{"id":"t"}}', new TextEncoder().encode('{"user":{"id":"t"}}')]) {
			const responses = () => ({ body, headers: {} });
			const request = await resolved('# @name login\nGET https://example.org/\n\n###\nGET https://example.org/{{login.response.body.$.user.id}}\n', contextWith({ responses }), 1);
			assert.equal(request.url, 'https://example.org/t');
		}
	});

	it('says the named request has to be sent first', async () => {
		const found = await problems(chained, contextWith(), 1);
		assert.equal(found[0]?.message, 'The request `login` has no response yet: send it first');
		assert.deepEqual(found[0]?.range, range(4, 30, 4, 63));
	});

	it('explains missing values, non-JSON bodies, unsupported paths and unknown request names', async () => {
		const text = [
			'# @name login',
			'GET https://example.org/',
			'',
			'###',
			'GET https://example.org/',
			'A: {{login.response.body.$.nothing.here}}',
			'B: {{login.response.headers.X-Absent}}',
			'C: {{login.response.body.//user}}',
			'D: {{login.response.body.$..id}}',
			'E: {{logout.response.body.$.id}}',
			'F: {{login.request.body.*}}',
			'',
		].join('\n');
		const found = await problems(text, contextWith({ responses: () => ({ body: { a: 1 }, headers: {} }) }), 1);
		assert.deepEqual(found.map((problem) => problem.message), [
			'`$.nothing.here` matches nothing in the response of `login`',
			'The response of `login` has no `X-Absent` header',
			'Only simple JSONPath such as `$.user.id` or `$.items[0].name` is supported, not `//user`',
			'Only simple JSONPath such as `$.user.id` or `$.items[0].name` is supported, not `$..id`',
			'No request named `logout` in this file (name one with `# @name logout`)',
			'Only the response of another request can be referenced (`.response.body…` or `.response.headers…`)',
		]);
		const notJson = await problems('# @name login\nGET https://example.org/\n\n###\nGET https://example.org/{{login.response.body.$.a}}\n', contextWith({ responses: () => ({ body: '<html/>', headers: {} }) }), 1);
		assert.equal(notJson[0]?.message, 'The response of `login` is not JSON, so `$.a` cannot be read from it');
	});
});

describe('http resolver: URL, headers and bodies', () => {
	it('sends a bare host as http and normalises the URL', async () => {
		assert.equal((await problems('example.org:8080/a b\n'))[0]?.message, 'A URL cannot contain spaces: encode them as %20');
		assert.equal((await resolved('example.org:8080/path?x=1\n')).url, 'http://example.org:8080/path?x=1');
		assert.equal((await resolved('GET https://EXAMPLE.org\n')).url, 'https://example.org/');
	});

	it('builds the URL of an origin-form request from its Host header', async () => {
		const request = await resolved('@h = example.org:8443\nGET /api/me HTTP/1.1\nHost: {{h}}\n');
		assert.equal(request.url, 'http://example.org:8443/api/me');
	});

	it('keeps the method, directives, name and substituted headers', async () => {
		const request = await resolved('# @name it\n# @no-redirect\n# @timeout 3 s\n# @note careful\npatch https://example.org/\nX-{{kind}}: v-{{kind}}\n', contextWith({ environment: { kind: 'K' } }));
		assert.deepEqual(request, {
			name: 'it',
			method: 'PATCH',
			url: 'https://example.org/',
			headers: [{ name: 'X-K', value: 'v-K' }],
			directives: { noRedirect: true, noCookieJar: false, timeoutMs: 3000, note: 'careful' },
			wantsDhis2Token: false,
		});
	});

	it('substitutes an inline body and joins & lines of a form body', async () => {
		const json = await resolved('@id = 7\nPOST https://example.org/\nContent-Type: application/json\n\n{\n  "id": {{id}}\n}\n');
		assert.equal(json.body, '{\n  "id": 7\n}');
		const form = await resolved('POST https://example.org/\nContent-Type: application/x-www-form-urlencoded\n\nuser=alice\n    &password={{$dotenv SECRET_WORD}}\n&x=1\n');
		assert.equal(form.body, 'user=alice&password=swordfish&x=1');
	});

	it('reads a < file body as bytes, untouched, relative to the request file', async () => {
		const bytes = new Uint8Array([0, 1, 2, 123, 123, 120, 125, 125, 255]);
		const asked: string[] = [];
		const request = await resolved('POST https://example.org/\n\n< ./data/blob.bin\n', contextWith({ readFile: (path) => Promise.resolve((asked.push(path), bytes)) }));
		assert.deepEqual(asked, [join(BASE_DIR, 'data', 'blob.bin')]);
		assert.deepEqual(request.body, bytes);
	});

	it('substitutes variables in a <@ file body, and re-encodes a <@latin1 one as latin1', async () => {
		const files: Record<string, Uint8Array> = {
			[join(BASE_DIR, 'body.json')]: new TextEncoder().encode('{"who": "{{who}}"}'),
			[join(BASE_DIR, 'legacy.txt')]: Uint8Array.from(Buffer.from('café {{who}}', 'latin1')),
		};
		const context = contextWith({ environment: { who: 'zoë' }, readFile: (path) => files[path] ?? new Uint8Array() });
		assert.equal((await resolved('POST https://example.org/\n\n<@ ./body.json\n', context)).body, '{"who": "zoë"}');
		const legacy = await resolved('POST https://example.org/\n\n<@latin1 ./legacy.txt\n', context);
		assert.deepEqual(legacy.body, Uint8Array.from(Buffer.from('café zoë', 'latin1')));
	});

	it('names the missing body file and where it was looked for', async () => {
		const found = await problems('POST https://example.org/\n\n< ./nowhere/{{name}}.json\n', contextWith({ environment: { name: 'gone' } }));
		assert.deepEqual(found, [{ message: `Cannot read the body file \`./nowhere/gone.json\` (${join(BASE_DIR, 'nowhere', 'gone.json')}): no such file`, range: range(2, 0, 2, 25) }]);
	});

	it('reports undefined variables inside a <@ file with the file name, at the body line', async () => {
		const context = contextWith({ readFile: () => new TextEncoder().encode('{{a}} and {{b}}') });
		const found = await problems('@a = 1\nPOST https://example.org/\n\n<@ ./t.txt\n', context);
		assert.deepEqual(found, [{ message: 'In ./t.txt: `{{b}}` is not defined: not a file variable (`@b = …`) nor in the selected environment', range: range(3, 0, 3, 10) }]);
	});

	it('never repeats a key that reaches a message, e.g. pasted where a variable name goes', async () => {
		const key = generateToken({ random: seededRandom(9) });
		const found = await problems(`GET https://example.org/{{${key}}}\n\n< ./${key}.json\n`);
		assert.equal(found.length, 2);
		assert.ok(!JSON.stringify(found).includes(key));
	});

	it('refuses a request with parse errors, giving their ranges', async () => {
		const found = await problems('FETCH https://example.org/\n');
		assert.deepEqual(found.map((problem) => problem.range), [range(0, 0, 0, 5)]);
	});

	it('still points at the request line for a request copied out of its parse result', async () => {
		const file = parseHttpFile('GET https://example.org/\n    ?x={{nope}}\n');
		const [request] = file.requests;
		assert.ok(request);
		const result = await resolveRequest(file, { ...request }, contextWith());
		assert.equal(result.ok, false);
		assert.deepEqual(!result.ok && result.problems[0]?.range, request.requestLineRange);
	});
});

describe('http resolver: {{$dhis2.token}}', () => {
	it('leaves `Authorization: ApiToken {{$dhis2.token}}` out of the headers and flags the request instead', async () => {
		for (const line of ['Authorization: ApiToken {{$dhis2.token}}', 'authorization:   apitoken {{ $dhis2.token }}  ']) {
			const request = await resolved(`GET https://dhis2.example.org/api/me\n${line}\nAccept: application/json\n`);
			assert.equal(request.wantsDhis2Token, true);
			assert.deepEqual(request.headers, [{ name: 'Accept', value: 'application/json' }]);
		}
	});

	it('never gives the token variable a value: elsewhere it is a problem, at its exact place', async () => {
		const text = [
			'@token = {{$dhis2.token}}',
			'POST https://dhis2.example.org/api/x?t={{$dhis2.token}}',
			'Authorization: Bearer {{$dhis2.token}}',
			'X-Via-Variable: {{token}}',
			'',
			'{"t": "{{$dhis2.token}}"}',
			'',
		].join('\n');
		const found = await problems(text);
		const misplaced = 'The DHIS2 token can only be sent as an Authorization header, to its own server: write `Authorization: ApiToken {{$dhis2.token}}`';
		assert.deepEqual(found, [
			{ message: misplaced, range: range(0, 9, 0, 25) },
			{ message: misplaced, range: range(1, 39, 1, 55) },
			{ message: misplaced, range: range(2, 22, 2, 38) },
			{ message: `In \`@token\` (line 1): ${misplaced}`, range: range(3, 16, 3, 25) },
			{ message: misplaced, range: range(5, 7, 5, 23) },
		]);
	});

	it('refuses an ApiToken header built from a variable holding the token', async () => {
		const found = await problems('@t = {{$dhis2.token}}\nGET https://dhis2.example.org/api/me\nAuthorization: ApiToken {{t}}\n');
		assert.ok(found.some((problem) => problem.message.includes('only be sent as an Authorization header')));
	});

	it('refuses two Authorization headers', async () => {
		const found = await problems('GET https://dhis2.example.org/api/me\nAuthorization: ApiToken {{$dhis2.token}}\nAuthorization: Basic YTpi\n');
		assert.equal(found[0]?.message, 'Two Authorization headers: keep only `Authorization: ApiToken {{$dhis2.token}}`');
	});
});

describe('http environments', () => {
	it('merges $shared under each environment and the private file over the public one', () => {
		const environments = environmentsFromJson(
			JSON.stringify({ $shared: { api: '/api', host: 'shared.example.org' }, dev: { host: 'dev.example.org', port: 8080, debug: true, SSLConfiguration: { verifyHostCertificate: true } }, prod: { host: 'prod.example.org' } }),
			JSON.stringify({ $shared: { api: '/api/41' }, dev: { password: 'from-private' }, staging: { host: 'staging.example.org' } }),
		);
		assert.deepEqual(environments.names, ['dev', 'prod', 'staging']);
		assert.deepEqual(environments.get('dev'), { api: '/api/41', host: 'dev.example.org', port: '8080', debug: 'true', password: 'from-private' });
		assert.deepEqual(environments.get('prod'), { api: '/api/41', host: 'prod.example.org' });
		assert.deepEqual(environments.get('unknown'), { api: '/api/41', host: 'shared.example.org' });
		assert.deepEqual(environments.problems, []);
	});

	it('reports broken files with a position but without quoting them', () => {
		const environments = environmentsFromJson('["not", "an object"]', '{\n  "dev": { "password": "hunter2-secret" oops }\n}');
		assert.deepEqual(environments.names, []);
		assert.equal(environments.problems.length, 2);
		assert.equal(environments.problems[0]?.file, 'http-client.env.json');
		assert.equal(environments.problems[1]?.file, 'http-client.private.env.json');
		assert.match(environments.problems[1]?.message ?? '', /^not valid JSON/);
		assert.ok(!JSON.stringify(environments.problems).includes('hunter2'), 'a problem must not quote the private file');
	});
});

describe('http resolver: on the file system', () => {
	let dir = '';
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'dhis2-pat-http-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('loads both environment files from the request file\'s folder', () => {
		writeFileSync(join(dir, 'http-client.env.json'), JSON.stringify({ local: { baseUrl: 'http://localhost:8080' }, $shared: { api: 'api' } }));
		writeFileSync(join(dir, 'http-client.private.env.json'), JSON.stringify({ local: { user: 'admin' } }));
		const environments = loadEnvironments(dir);
		assert.deepEqual(environments.names, ['local']);
		assert.deepEqual(environments.get('local'), { api: 'api', baseUrl: 'http://localhost:8080', user: 'admin' });
		assert.deepEqual(loadEnvironments(join(dir, 'missing')).names, []);
	});

	it('prefers .env.<environment> over .env for $dotenv', () => {
		writeFileSync(join(dir, '.env'), 'A=plain\nB=only-plain\n');
		writeFileSync(join(dir, '.env.prod'), 'A=prod\n');
		assert.equal(dotenvLookup(dir, 'prod')('A'), 'prod');
		assert.equal(dotenvLookup(dir, 'prod')('B'), undefined);
		assert.equal(dotenvLookup(dir)('A'), 'plain');
		assert.equal(dotenvLookup(dir)('toString'), undefined);
	});

	it('resolves a request end to end with the node context', async () => {
		writeFileSync(join(dir, 'http-client.env.json'), JSON.stringify({ local: { baseUrl: 'http://localhost:8080' } }));
		writeFileSync(join(dir, '.env'), 'ORG_UNIT=ImspTQPwCqd\n');
		writeFileSync(join(dir, 'values.json'), '{"orgUnit": "{{$dotenv ORG_UNIT}}"}');
		const httpFile = join(dir, 'requests.http');
		const file = parseHttpFile('POST {{baseUrl}}/api/dataValueSets\nContent-Type: application/json\n\n<@ ./values.json\n');
		const { context } = nodeResolveContext({ httpFile, environmentName: 'local', env: {} });
		const [request] = file.requests;
		assert.ok(request);
		const result = await resolveRequest(file, request, context);
		assert.ok(result.ok);
		assert.equal(result.request.url, 'http://localhost:8080/api/dataValueSets');
		assert.equal(result.request.body, '{"orgUnit": "ImspTQPwCqd"}');
	});
});
