import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { type Browser, chromium, type Page, type Route } from 'playwright-core';
import { responseHtml } from '../../client/http/responseHtml';
import { createNonce } from '../../client/webviews/generateTokenHtml';
import { type ResponseHostMessage, type ResponseViewModel, type ResponseWebviewMessage } from '../../core/protocol/responseView';
import { type WebviewTheme } from './themes';

/**
 * The response page in Debian's Chromium, outside VS Code, the same way as the generate-token
 * page (formPage.ts): the exact HTML of `responseHtml` and the real built bundle, served at VS
 * Code's resource origin, with `acquireVsCodeApi` stubbed by the shared init script.
 */

const ROOT = join(__dirname, '..', '..');
const WEBVIEW_DIR = join(ROOT, 'dist', 'webview');
const PAGE_URL = 'https://response.webview.test/index.html';
const RESOURCE_ORIGIN = 'https://file%2B.vscode-resource.vscode-cdn.net';
export const CSP_SOURCE = '\'self\' https://*.vscode-cdn.net';
const STUB_SCRIPT = readFileSync(join(__dirname, 'vscodeApiStub.js'), 'utf8');
const CONTENT_TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

interface StubRecord {
	readonly posted: unknown[];
	readonly states: string[];
	readonly violations: string[];
	readonly clipboard: string[];
}

interface PageWindow {
	postMessage(message: unknown, targetOrigin: string): void;
	addEventListener(type: 'message', listener: () => void, options: { once: boolean }): void;
}

async function serve(route: Route, html: string): Promise<void> {
	const url = new URL(route.request().url());
	if (`${url.origin}${url.pathname}` === PAGE_URL) {
		await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
		return;
	}
	if (url.hostname.endsWith('.vscode-cdn.net')) {
		const path = normalize(decodeURIComponent(url.pathname));
		if (path.startsWith(WEBVIEW_DIR + sep) && existsSync(path)) {
			await route.fulfill({ status: 200, contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', body: readFileSync(path) });
			return;
		}
		await route.fulfill({ status: 404, body: 'outside localResourceRoots' });
		return;
	}
	await route.abort('blockedbyclient');
}

class Session {
	current: ResponsePage | undefined;

	private constructor(private readonly browser: Browser, readonly page: Page) {}

	static async start(): Promise<Session> {
		assert.ok(existsSync(join(WEBVIEW_DIR, 'response.js')), 'dist/webview/response.js is missing: run `npm run build` first');
		const browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		const context = await browser.newContext({ viewport: { width: 900, height: 1000 } });
		const page = await context.newPage();
		const session = new Session(browser, page);
		page.on('console', (message) => {
			if (message.type() === 'error') session.current?.problems.push(`console error: ${message.text()}`);
		});
		page.on('pageerror', (error) => session.current?.problems.push(`page error: ${error.message}`));
		page.on('requestfailed', (request) => session.current?.problems.push(`request failed: ${request.url()}`));
		await context.route('**/*', (route) => serve(route, session.current?.html ?? ''));
		await page.addInitScript({ content: `{ const STUB_CONFIG = JSON.parse(new URLSearchParams(location.search).get('stub') || '{}');\n${STUB_SCRIPT}\n}` });
		return session;
	}

	async open(options: { theme?: WebviewTheme; initialState?: unknown }): Promise<ResponsePage> {
		const html = responseHtml({
			cspSource: CSP_SOURCE,
			nonce: createNonce(),
			scriptUri: `${RESOURCE_ORIGIN}${WEBVIEW_DIR}/response.js`,
			styleUri: `${RESOURCE_ORIGIN}${WEBVIEW_DIR}/response.css`,
		});
		const view = new ResponsePage(this.page, html);
		this.current = view;
		await this.page.goto(`${PAGE_URL}?${new URLSearchParams({ stub: JSON.stringify({ initialState: options.initialState, theme: options.theme }) }).toString()}`);
		return view;
	}

	async close(): Promise<void> {
		await this.browser.close();
	}
}

let session: Promise<Session> | undefined;

export async function openResponsePage(options: { theme?: WebviewTheme; initialState?: unknown } = {}): Promise<ResponsePage> {
	session ??= Session.start();
	return (await session).open(options);
}

after(async () => {
	if (session) await (await session).close();
});

export class ResponsePage {
	readonly problems: string[] = [];

	constructor(readonly page: Page, readonly html: string) {}

	private async record(): Promise<StubRecord> {
		return this.page.evaluate<StubRecord>('window.__stub');
	}

	async posted(): Promise<ResponseWebviewMessage[]> {
		return (await this.record()).posted as ResponseWebviewMessage[];
	}

	async waitForPosted<T extends ResponseWebviewMessage['type']>(type: T, count = 1): Promise<Extract<ResponseWebviewMessage, { type: T }>> {
		await this.page.waitForFunction(
			([wanted, atLeast]) => (globalThis as unknown as { __stub: StubRecord }).__stub.posted
				.filter((message) => (message as { type: string }).type === wanted).length >= atLeast,
			[type, count] as const,
			{ timeout: 5000 },
		);
		const found = (await this.posted()).filter((message): message is Extract<ResponseWebviewMessage, { type: T }> => message.type === type);
		const last = found.at(-1);
		assert.ok(last);
		return last;
	}

	async dispatch(message: ResponseHostMessage): Promise<void> {
		await this.page.evaluate((data) => new Promise<void>((resolve) => {
			const target = globalThis as unknown as PageWindow;
			target.addEventListener('message', () => resolve(), { once: true });
			target.postMessage(data, '*');
		}), message);
	}

	/** The handshake, then `model`. */
	async show(model: ResponseViewModel): Promise<void> {
		await this.waitForPosted('ready');
		await this.dispatch({ type: 'show', model });
	}

	async text(selector: string): Promise<string> {
		return (await this.page.locator(selector).textContent()) ?? '';
	}

	async states(): Promise<string[]> {
		return (await this.record()).states;
	}

	async assertClean(): Promise<void> {
		const record = await this.record();
		assert.deepEqual(record.violations, [], 'CSP violations');
		assert.deepEqual(record.clipboard, [], 'the page never touches the clipboard');
		assert.deepEqual(this.problems, [], 'console errors, page errors or failed requests');
	}
}

/** A response as the host would post it; override what a test is about. */
export function model(overrides: Partial<ResponseViewModel> = {}): ResponseViewModel {
	return {
		viewId: 7,
		title: 'GET /api/me',
		method: 'GET',
		url: 'https://play.dhis2.org/40/api/me',
		finalUrl: 'https://play.dhis2.org/40/api/me',
		status: 200,
		statusText: 'OK',
		outcome: 'success',
		timeMs: 87,
		size: 1536,
		contentType: 'application/json',
		headers: [{ name: 'content-type', value: 'application/json' }, { name: 'set-cookie', value: 'JSESSIONID=********; Path=/' }],
		body: { kind: 'json', text: '{"id":12345678901234567890,"name":"Admin","ok":true,"none":null}', masked: false },
		hops: [{
			index: 0,
			method: 'GET',
			url: 'https://play.dhis2.org/40/api/me',
			headers: [{ name: 'Authorization', value: 'ApiToken d2p_v3aW…9OZl' }, { name: 'User-Agent', value: 'dhis2-pat' }],
			bodyBytes: 0,
			status: 200,
			statusText: 'OK',
			tokenSent: true,
			tokenDropped: false,
			credentials: 'Sending the token of play: https://play.dhis2.org/40/api/me lies under that server.',
			timeMs: 80,
		}],
		injection: 'Sending the token of play: https://play.dhis2.org/40/api/me lies under that server.',
		receivedAt: 0,
		canSaveBody: true,
		canSendAgain: true,
		...overrides,
	};
}
