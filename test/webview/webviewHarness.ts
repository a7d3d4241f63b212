import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { type Browser, chromium, type Page, type Route } from 'playwright-core';
import { type WebviewTheme } from './themes';

/**
 * Webview pages in Debian's Chromium, outside VS Code (shared/testing/real-vscode.md §8): the exact
 * HTML a panel serves and the real built bundle, served through request routing at VS Code's own
 * resource origin (so `cspSource` is VS Code's value and nothing in the CSP is rewritten), with
 * `acquireVsCodeApi` stubbed by an init script that records what the page posts and stores.
 * One browser serves the whole layer; each kind of page gets its own tab.
 */

const ROOT = join(__dirname, '..', '..');
const WEBVIEW_DIR = join(ROOT, 'dist', 'webview');
/** What `webview.asWebviewUri` produces for a file, and what `webview.cspSource` allows. */
const RESOURCE_ORIGIN = 'https://file%2B.vscode-resource.vscode-cdn.net';
export const CSP_SOURCE = '\'self\' https://*.vscode-cdn.net';

const STUB_SCRIPT = readFileSync(join(__dirname, 'vscodeApiStub.js'), 'utf8');
const CONTENT_TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** The `scriptUri`/`styleUri` a panel would pass for `dist/webview/<bundle>.js` and `.css`. */
export function bundleUris(bundle: string): { scriptUri: string; styleUri: string } {
	assert.ok(existsSync(join(WEBVIEW_DIR, `${bundle}.js`)), `dist/webview/${bundle}.js is missing: run \`npm run build\` first`);
	return { scriptUri: `${RESOURCE_ORIGIN}${WEBVIEW_DIR}/${bundle}.js`, styleUri: `${RESOURCE_ORIGIN}${WEBVIEW_DIR}/${bundle}.css` };
}

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

let browser: Promise<Browser> | undefined;

function sharedBrowser(): Promise<Browser> {
	// launch() gives the run a fresh temporary profile and removes it on close.
	browser ??= chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	return browser;
}

// A root-level hook (this module is loaded with the first spec file): the browser closes once,
// after every file of the layer has run.
after(async () => {
	if (browser) await (await browser).close();
});

/** Serves the page and `dist/webview` only (the panel's `localResourceRoots`); everything else fails. */
async function serve(route: Route, pageUrl: string, html: string): Promise<void> {
	const url = new URL(route.request().url());
	if (`${url.origin}${url.pathname}` === pageUrl) {
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

export interface StubOptions {
	readonly theme?: WebviewTheme;
	/** What `getState()` returns at start, as after a reload. */
	readonly initialState?: unknown;
}

/**
 * One tab for one kind of page: opening a tab costs about half a second, a navigation a tenth of that.
 * Every `open` loads the page afresh (new document, new nonce, new stub), so tests share nothing but the process.
 */
export class WebviewTab<P extends WebviewTestPage<{ type: string }, unknown>> {
	private current: P | undefined;
	private hostHandler: ((message: unknown) => Promise<void> | void) | undefined;

	private constructor(private readonly page: Page, private readonly pageUrl: string) {}

	/** `exposeHost`: posted messages also reach the handler given to `open`, for a host controller in Node. */
	static async start<P extends WebviewTestPage<{ type: string }, unknown>>(
		pageUrl: string,
		viewport: { width: number; height: number },
		exposeHost = false,
	): Promise<WebviewTab<P>> {
		const context = await (await sharedBrowser()).newContext({ viewport });
		const page = await context.newPage();
		const tab = new WebviewTab<P>(page, pageUrl);
		page.on('console', (message) => {
			if (message.type() === 'error') tab.current?.problems.push(`console error: ${message.text()}`);
		});
		page.on('pageerror', (error) => tab.current?.problems.push(`page error: ${error.message}`));
		page.on('requestfailed', (request) => tab.current?.problems.push(`request failed: ${request.url()}`));
		await context.route('**/*', (route) => serve(route, pageUrl, tab.current?.html ?? ''));
		if (exposeHost) await page.exposeFunction('__toHost', (message: unknown) => tab.hostHandler?.(message));
		// The stub reads its configuration from the page address, so one init script serves every test.
		await page.addInitScript({ content: `{ const STUB_CONFIG = JSON.parse(new URLSearchParams(location.search).get('stub') || '{}');\n${STUB_SCRIPT}\n}` });
		return tab;
	}

	async open(
		html: string,
		options: StubOptions,
		create: (page: Page, html: string) => P,
		toHost?: (message: unknown) => Promise<void> | void,
	): Promise<P> {
		this.hostHandler = toHost;
		const view = create(this.page, html);
		this.current = view;
		const config = JSON.stringify({ initialState: options.initialState, theme: options.theme });
		await this.page.goto(`${this.pageUrl}?${new URLSearchParams({ stub: config }).toString()}`);
		return view;
	}
}

/** A loaded page, seen through the stub: what it posted and stored, and what went wrong. */
export class WebviewTestPage<Outgoing extends { type: string }, Incoming> {
	/** Console errors, uncaught page errors and failed requests: each test ends with none. */
	readonly problems: string[] = [];

	constructor(readonly page: Page, readonly html: string) {}

	private async record(): Promise<StubRecord> {
		return this.page.evaluate<StubRecord>('window.__stub');
	}

	async posted(): Promise<Outgoing[]> {
		return (await this.record()).posted as Outgoing[];
	}

	async postedOf<T extends Outgoing['type']>(type: T): Promise<Extract<Outgoing, { type: T }>[]> {
		return (await this.posted()).filter((message): message is Extract<Outgoing, { type: T }> => message.type === type);
	}

	/** Waits until the page has posted `count` messages of this type, and returns the last. */
	async waitForPosted<T extends Outgoing['type']>(type: T, count = 1): Promise<Extract<Outgoing, { type: T }>> {
		await this.page.waitForFunction(
			([wanted, atLeast]) => (globalThis as unknown as { __stub: StubRecord }).__stub.posted
				.filter((message) => (message as { type: string }).type === wanted).length >= atLeast,
			[type, count] as const,
			{ timeout: 5000 },
		);
		const last = (await this.postedOf(type)).at(-1);
		assert.ok(last);
		return last;
	}

	/** Every value passed to `setState`, as JSON. */
	async states(): Promise<string[]> {
		return (await this.record()).states;
	}

	async violations(): Promise<string[]> {
		return (await this.record()).violations;
	}

	async clipboardUse(): Promise<string[]> {
		return (await this.record()).clipboard;
	}

	/** Posts a host message into the page and resolves once the page's own listener has run. */
	async dispatch(message: Incoming): Promise<void> {
		await this.page.evaluate((data) => new Promise<void>((resolve) => {
			const target = globalThis as unknown as PageWindow;
			target.addEventListener('message', () => resolve(), { once: true });
			target.postMessage(data, '*');
		}), message);
	}

	/** No CSP violation, console error, page error or failed request happened. */
	async assertClean(): Promise<void> {
		assert.deepEqual(await this.violations(), [], 'CSP violations');
		assert.deepEqual(this.problems, [], 'console errors, page errors or failed requests');
	}
}
