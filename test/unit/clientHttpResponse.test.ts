import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeSharedSenders, type HttpExchange, sendRequest } from '../../core/http/send';
import {
	formatBytes, formatDuration, isResponseHostMessage, isResponseWebviewMessage, type ResponseViewModel,
} from '../../core/protocol/responseView';
import { generateToken, mask, seededRandom } from '../../core/token';
import { suggestedFileName } from '../../client/http/bodyActions';
import { recordedResponseOf } from '../../client/http/chainedResponses';
import { responseContentSecurityPolicy, responseHtml } from '../../client/http/responseHtml';
import { bodyView, requestTitle, responseViewModel } from '../../client/http/responseModel';
import { ResponseStore } from '../../client/http/responseStore';
import { createNonce } from '../../client/webviews/generateTokenHtml';
import { prettyJson } from '../../webview/response/jsonFormat';
import { assertNoKey, type RecordingServer, resolvedRequest, startRecordingServer } from '../support/recordingServer';

const LIMIT = 5 * 1024 * 1024;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const memory = (content: Uint8Array) => ({ kind: 'memory' as const, bytes: content, size: content.length });
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe('client .http: how a body is shown', () => {
	const key = generateToken({ random: seededRandom(7) });

	it('JSON by content type, masked keys flagged, raw text kept for the page to indent', () => {
		const view = bodyView(memory(bytes(`{"id":12345678901234567890,"key":"${key}"}`)), 'application/json;charset=UTF-8', LIMIT);
		assert.equal(view.kind, 'json');
		assert.ok(view.kind === 'json' && view.masked);
		assert.equal(view.kind === 'json' ? view.text : '', `{"id":12345678901234567890,"key":"${mask(key)}"}`);
		assert.equal(bodyView(memory(bytes('{}')), 'application/vnd.api+json', LIMIT).kind, 'json');
	});

	it('text in its declared charset, images as base64, binary and empty bodies described', () => {
		const latin1 = bodyView(memory(Uint8Array.from([0x63, 0x61, 0x66, 0xe9])), 'text/plain; charset=ISO-8859-1', LIMIT);
		assert.deepEqual(latin1, { kind: 'text', text: 'café', masked: false });
		const image = bodyView(memory(PNG), 'image/png', LIMIT);
		assert.deepEqual(image, { kind: 'image', mime: 'image/png', base64: PNG.toString('base64'), size: PNG.length });
		assert.deepEqual(bodyView(memory(Uint8Array.from([0, 1, 2, 3])), 'application/octet-stream', LIMIT), { kind: 'binary', size: 4, contentType: 'application/octet-stream' });
		assert.deepEqual(bodyView(memory(bytes('%PDF-1.7')), 'application/pdf', LIMIT), { kind: 'binary', size: 8, contentType: 'application/pdf' });
		assert.deepEqual(bodyView(memory(new Uint8Array()), 'application/json', LIMIT), { kind: 'empty' });
		assert.equal(bodyView(memory(bytes('[1,2]')), '', LIMIT).kind, 'json', 'no type: sniffed');
		assert.equal(bodyView(memory(bytes('plain words')), '', LIMIT).kind, 'text');
		assert.deepEqual(bodyView({ kind: 'file', path: '/tmp/x', size: 9_000_000 }, 'application/json', LIMIT), { kind: 'file', size: 9_000_000, limitBytes: LIMIT });
	});

	it('titles, sizes and durations as the view prints them', () => {
		assert.equal(requestTitle('GET', 'https://a.example/api/me?fields=id'), 'GET /api/me?fields=id');
		assert.equal(requestTitle('GET', 'https://a.example/', 'login'), 'login');
		assert.deepEqual([formatBytes(0), formatBytes(1023), formatBytes(1536), formatBytes(5 * 1024 * 1024), formatBytes(150 * 1024 * 1024)], ['0 B', '1023 B', '1.5 KB', '5 MB', '150 MB']);
		assert.deepEqual([formatDuration(87.4), formatDuration(1234), formatDuration(12_345), formatDuration(125_000)], ['87 ms', '1.23 s', '12.3 s', '2 min 5 s']);
	});

	it('Save Body names: the server\'s, else the URL\'s last segment with an extension, never a path', () => {
		assert.equal(suggestedFileName('https://a.example/api/dataElements', 'application/json'), 'dataElements.json');
		assert.equal(suggestedFileName('https://a.example/api/documents/x/data', 'application/pdf', 'attachment; filename="../../report 2024.pdf"'), 'report_2024.pdf');
		assert.equal(suggestedFileName('https://a.example/', 'image/png'), 'response.png');
		assert.equal(suggestedFileName('https://a.example/files/export.csv', 'text/csv'), 'export.csv');
		assert.equal(suggestedFileName('https://a.example/x', 'application/zip', "attachment; filename*=UTF-8''d%C3%A9j%C3%A0.zip"), 'déjà.zip');
	});
});

describe('client .http: the view model of a real exchange', () => {
	let server: RecordingServer;
	const key = generateToken({ random: seededRandom(8) });
	const tempDir = mkdtempSync(join(tmpdir(), 'dhis2-pat-client-http-'));

	before(async () => {
		server = await startRecordingServer();
		server.route('/api/me', { status: 200, headers: { 'content-type': 'application/json', 'set-cookie': 'JSESSIONID=abc123; Path=/' }, body: `{"echo":"${key}"}` });
		server.route('/big', { stream: { totalBytes: 3 * 1024 * 1024, contentType: 'application/json' } });
		server.route('/logo.png', { status: 200, headers: { 'content-type': 'image/png' }, body: PNG });
	});
	after(async () => {
		await closeSharedSenders();
		await server.close();
		rmSync(tempDir, { recursive: true, force: true });
	});

	async function exchange(path: string, maxInMemoryBytes = LIMIT): Promise<HttpExchange> {
		return sendRequest(resolvedRequest('GET', `${server.url}${path}`), {
			injection: { servers: [{ baseUrl: server.url, token: () => Promise.resolve(key), label: 'local' }] },
			maxInMemoryBytes,
			tempDir,
		});
	}

	it('holds no key anywhere: request as sent masked, body echo masked, cookies masked', async () => {
		const result = await exchange('/api/me');
		const model = responseViewModel(result, { viewId: 3, limitBytes: LIMIT, environment: 'dev', canSendAgain: true });
		assert.equal(model.viewId, 3);
		assert.equal(model.status, 200);
		assert.equal(model.outcome, 'success');
		assert.equal(model.environment, 'dev');
		assert.equal(model.title, 'GET /api/me');
		assert.deepEqual(model.body, { kind: 'json', text: `{"echo":"${mask(key)}"}`, masked: true });
		assert.equal(model.headers.find((header) => header.name === 'set-cookie')?.value, 'JSESSIONID=********; Path=/');
		assert.equal(model.hops[0]?.headers.find((header) => header.name === 'Authorization')?.value, `ApiToken ${mask(key)}`);
		assert.ok(isResponseHostMessage({ type: 'show', model }), 'the page accepts it');
		assertNoKey(JSON.stringify(model), key, 'the response view model');
		// What the server really got: the key itself (so the masking above is the view's doing).
		assert.equal(server.requests.at(-1)?.headers.authorization, `ApiToken ${key}`);
	});

	it('a body over the limit is a temporary file the view offers to open, and the store deletes it when dropped', async () => {
		const result = await exchange('/big', 1024 * 1024);
		assert.equal(result.response.body.kind, 'file');
		const path = result.response.body.kind === 'file' ? result.response.body.path : '';
		assert.ok(existsSync(path));
		const model = responseViewModel(result, { viewId: 1, limitBytes: 1024 * 1024, canSendAgain: false });
		assert.deepEqual(model.body, { kind: 'file', size: 3 * 1024 * 1024, limitBytes: 1024 * 1024 });
		assert.ok(!JSON.stringify(model).includes(tempDir), 'the page is not told where the file is');

		const store = new ResponseStore((file) => rm(file, { force: true }), 2);
		store.add({ model, exchange: result });
		assert.deepEqual(store.files(), [path]);
		const small = await exchange('/api/me');
		store.add({ model: { ...model, viewId: 2 }, exchange: small });
		assert.ok(existsSync(path), 'still held');
		store.add({ model: { ...model, viewId: 3 }, exchange: small });
		await new Promise((resolve) => setTimeout(resolve, 20));
		assert.equal(existsSync(path), false, 'deleted once the response was dropped');
		assert.equal(store.get(1), undefined);
		assert.equal(store.latest()?.model.viewId, 3);
	});

	it('images come through as base64 of the exact bytes', async () => {
		const model = responseViewModel(await exchange('/logo.png'), { viewId: 1, limitBytes: LIMIT, canSendAgain: true });
		assert.ok(model.body.kind === 'image');
		assert.deepEqual(Buffer.from(model.body.kind === 'image' ? model.body.base64 : '', 'base64'), PNG);
	});

	it('records named responses for chaining: JSON parsed, headers by lower-case name', async () => {
		const recorded = recordedResponseOf(await exchange('/api/me'));
		assert.deepEqual(recorded.body, { echo: key });
		assert.equal(recorded.headers['content-type'], 'application/json');
		assert.equal(recorded.headers['set-cookie'], 'JSESSIONID=********; Path=/', 'cookies stay masked: they never flow into another request');
	});

	it('the store deletes every temporary file on dispose', async () => {
		const file = join(tempDir, 'dhis2-pat-response-x.json');
		writeFileSync(file, '{}');
		const base = await exchange('/api/me');
		const store = new ResponseStore((path) => rm(path, { force: true }));
		store.add({ model: { viewId: 9 } as ResponseViewModel, exchange: { ...base, response: { ...base.response, body: { kind: 'file', path: file, size: 2 } } } });
		assert.equal(readFileSync(file, 'utf8'), '{}');
		await store.dispose();
		assert.equal(existsSync(file), false);
	});
});

describe('client .http: response page protocol and HTML', () => {
	it('the host accepts only protocol messages from the page', () => {
		assert.ok(isResponseWebviewMessage({ type: 'ready' }));
		assert.ok(isResponseWebviewMessage({ type: 'copyCurl', viewId: 4 }));
		assert.ok(isResponseWebviewMessage({ type: 'runAction', viewId: 4, action: 'rotateToken' }));
		for (const junk of [null, 'ready', { type: 'copyCurl' }, { type: 'copyCurl', viewId: -1 }, { type: 'copyCurl', viewId: 1.5 }, { type: 'runAction', viewId: 1, action: 'deleteEverything' }, { type: 'eval', code: '1' }]) {
			assert.equal(isResponseWebviewMessage(junk), false, JSON.stringify(junk));
		}
		assert.equal(isResponseHostMessage({ type: 'show', model: { viewId: 1 } }), false);
		assert.ok(isResponseHostMessage({ type: 'status', text: '' }));
	});

	it('serves a strict CSP with a nonce, data: images only, and escapes what it interpolates', () => {
		const nonce = createNonce();
		const html = responseHtml({ cspSource: 'https://*.vscode-cdn.net', nonce, scriptUri: 'https://x/response.js?a="b"', styleUri: 'https://x/response.css' });
		assert.ok(html.includes(`content="default-src 'none'; style-src https://*.vscode-cdn.net; script-src 'nonce-${nonce}'; img-src https://*.vscode-cdn.net data:"`.replace(/'/g, '&#39;')));
		assert.equal(responseContentSecurityPolicy('s', 'n'), "default-src 'none'; style-src s; script-src 'nonce-n'; img-src s data:");
		assert.ok(html.includes('src="https://x/response.js?a=&quot;b&quot;"'));
		assert.equal((html.match(/<script/g) ?? []).length, 1);
		assert.throws(() => responseHtml({ cspSource: "x; script-src 'unsafe-inline'", nonce, scriptUri: '', styleUri: '' }), /cspSource/);
		assert.throws(() => responseHtml({ cspSource: 'x', nonce: 'short', scriptUri: '', styleUri: '' }), /nonce/);
	});
});

describe('client .http: JSON pretty-printing for the page', () => {
	const text = (pieces: ReturnType<typeof prettyJson>): string => (pieces ?? []).map((piece) => piece.text).join('');

	it('indents from the tokens, keeping every literal exactly as received', () => {
		const source = '{"id":12345678901234567890,"ratio":1.50e+3,"name":"a\\u00e9\\"b","tags":[],"nested":{"ok":true,"none":null},"list":[1,{}]}';
		const pieces = prettyJson(source);
		assert.equal(text(pieces), [
			'{',
			'  "id": 12345678901234567890,',
			'  "ratio": 1.50e+3,',
			'  "name": "a\\u00e9\\"b",',
			'  "tags": [],',
			'  "nested": {',
			'    "ok": true,',
			'    "none": null',
			'  },',
			'  "list": [',
			'    1,',
			'    {}',
			'  ]',
			'}',
		].join('\n'));
		assert.deepEqual(pieces?.filter((piece) => piece.kind === 'key').map((piece) => piece.text), ['"id"', '"ratio"', '"name"', '"tags"', '"nested"', '"ok"', '"none"', '"list"']);
		assert.deepEqual(pieces?.filter((piece) => piece.kind === 'string').map((piece) => piece.text), ['"a\\u00e9\\"b"']);
		assert.deepEqual(pieces?.filter((piece) => piece.kind === 'number').map((piece) => piece.text), ['12345678901234567890', '1.50e+3', '1']);
		assert.deepEqual(pieces?.filter((piece) => piece.kind === 'literal').map((piece) => piece.text), ['true', 'null']);
	});

	it('returns undefined for anything that is not JSON, and handles a BOM and bare values', () => {
		for (const bad of ['{', '{"a":1,}', "{'a':1}", 'NaN', '[1 2]', '']) assert.equal(prettyJson(bad), undefined, bad);
		assert.equal(text(prettyJson('\uFEFF[ "x" ]')), '[\n  "x"\n]');
		assert.equal(text(prettyJson(' 42 ')), '42');
	});
});
