import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { type Browser, chromium, type Page, type Route } from 'playwright-core';
import { createNonce, generateTokenHtml } from '../../client/webviews/generateTokenHtml';
import { type TokenFormCapabilities } from '../../core/dhis2/tokens';
import {
	type FormDefaults, type HostToWebviewMessage, type InitMessage, type ServerChoice, type WebviewToHostMessage,
} from '../../core/protocol/webview';
import { type WebviewTheme } from './themes';

/**
 * The generate-token page in Debian's Chromium, outside VS Code (shared/testing/real-vscode.md §8):
 * the exact HTML of `generateTokenHtml` and the real built bundle, served through request routing
 * at VS Code's own resource origin (so `cspSource` is VS Code's value and nothing in the CSP is
 * rewritten), with `acquireVsCodeApi` stubbed by an init script that records what the page posts
 * and stores.
 */

const ROOT = join(__dirname, '..', '..');
const WEBVIEW_DIR = join(ROOT, 'dist', 'webview');
const PAGE_URL = 'https://generate-token.webview.test/index.html';
/** What `webview.asWebviewUri` produces for a file, and what `webview.cspSource` allows. */
const RESOURCE_ORIGIN = 'https://file%2B.vscode-resource.vscode-cdn.net';
export const CSP_SOURCE = '\'self\' https://*.vscode-cdn.net';

const STUB_SCRIPT = readFileSync(join(__dirname, 'vscodeApiStub.js'), 'utf8');

const CONTENT_TYPES: Readonly<Record<string, string>> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

async function launchChromium(): Promise<Browser> {
	assert.ok(existsSync(join(WEBVIEW_DIR, 'generateToken.js')), 'dist/webview is missing: run `npm run build` first');
	// launch() gives the run a fresh temporary profile and removes it on close.
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

/** Serves the page and `dist/webview` only (the panel's `localResourceRoots`); everything else fails. */
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

export const SERVERS: readonly ServerChoice[] = [
	{ id: 'play', label: 'DHIS2 Play', url: 'https://play.example.org', production: false },
	{ id: 'prod', label: 'Ministry HMIS', url: 'https://hmis.example.org', production: true },
];

export const DEFAULTS: FormDefaults = { context: 'server', expiryDays: 30, allowedMethods: ['GET'] };

export const MODERN: TokenFormCapabilities = { supportsCode: true, supportsHead: true };
export const NO_HEAD: TokenFormCapabilities = { supportsCode: true, supportsHead: false };
export const OLD: TokenFormCapabilities = { supportsCode: false, supportsHead: false };

export interface OpenOptions {
	readonly theme?: WebviewTheme;
	/** What `getState()` returns at start, as after a reload. */
	readonly initialState?: unknown;
	/** A host in Node that receives every posted message; without it the test plays the host. */
	readonly toHost?: (message: unknown) => Promise<void> | void;
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

/**
 * One browser and one tab for the whole layer: opening a tab costs about half a second, a
 * navigation a tenth of that. Every `openForm` loads the page afresh (new document, new nonce, new
 * stub), so tests share nothing but the process.
 */
class Session {
	current: FormPage | undefined;
	private hostHandler: OpenOptions['toHost'];

	private constructor(private readonly browser: Browser, readonly page: Page) {}

	static async start(): Promise<Session> {
		const browser = await launchChromium();
		const context = await browser.newContext({ viewport: { width: 860, height: 1400 } });
		const page = await context.newPage();
		const session = new Session(browser, page);
		page.on('console', (message) => {
			if (message.type() === 'error') session.current?.problems.push(`console error: ${message.text()}`);
		});
		page.on('pageerror', (error) => session.current?.problems.push(`page error: ${error.message}`));
		page.on('requestfailed', (request) => session.current?.problems.push(`request failed: ${request.url()}`));
		await context.route('**/*', (route) => serve(route, session.current?.html ?? ''));
		await page.exposeFunction('__toHost', (message: unknown) => session.hostHandler?.(message));
		// The stub reads its configuration from the page address, so one init script serves every test.
		await page.addInitScript({ content: `{ const STUB_CONFIG = JSON.parse(new URLSearchParams(location.search).get('stub') || '{}');\n${STUB_SCRIPT}\n}` });
		return session;
	}

	async open(options: OpenOptions): Promise<FormPage> {
		this.hostHandler = options.toHost;
		const html = generateTokenHtml({
			cspSource: CSP_SOURCE,
			nonce: createNonce(),
			scriptUri: `${RESOURCE_ORIGIN}${WEBVIEW_DIR}/generateToken.js`,
			styleUri: `${RESOURCE_ORIGIN}${WEBVIEW_DIR}/generateToken.css`,
		});
		const form = new FormPage(this.page, html);
		this.current = form;
		const config = JSON.stringify({ initialState: options.initialState, theme: options.theme });
		await this.page.goto(`${PAGE_URL}?${new URLSearchParams({ stub: config }).toString()}`);
		return form;
	}

	async close(): Promise<void> {
		await this.browser.close();
	}
}

let session: Promise<Session> | undefined;

/** Loads the page in the shared tab. */
export async function openForm(options: OpenOptions = {}): Promise<FormPage> {
	session ??= Session.start();
	return (await session).open(options);
}

// A root-level hook (this module is loaded with the first spec file): the browser closes once,
// after every file of the layer has run.
after(async () => {
	if (session) await (await session).close();
});

export class FormPage {
	/** Console errors, uncaught page errors and failed requests: each test ends with none. */
	readonly problems: string[] = [];

	constructor(readonly page: Page, readonly html: string) {}

	private async record(): Promise<StubRecord> {
		return this.page.evaluate<StubRecord>('window.__stub');
	}

	async posted(): Promise<WebviewToHostMessage[]> {
		return (await this.record()).posted as WebviewToHostMessage[];
	}

	async postedOf<T extends WebviewToHostMessage['type']>(type: T): Promise<Extract<WebviewToHostMessage, { type: T }>[]> {
		return (await this.posted()).filter((message): message is Extract<WebviewToHostMessage, { type: T }> => message.type === type);
	}

	/** Waits until the page has posted `count` messages of this type, and returns the last. */
	async waitForPosted<T extends WebviewToHostMessage['type']>(type: T, count = 1): Promise<Extract<WebviewToHostMessage, { type: T }>> {
		await this.page.waitForFunction(
			([wanted, atLeast]) => (globalThis as unknown as { __stub: StubRecord }).__stub.posted
				.filter((message) => (message as { type: string }).type === wanted).length >= atLeast,
			[type, count] as const,
			{ timeout: 5000 },
		);
		const found = await this.postedOf(type);
		const last = found.at(-1);
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
	async dispatch(message: HostToWebviewMessage): Promise<void> {
		await this.page.evaluate((data) => new Promise<void>((resolve) => {
			const target = globalThis as unknown as PageWindow;
			target.addEventListener('message', () => resolve(), { once: true });
			target.postMessage(data, '*');
		}), message);
	}

	/** Plays the host's side of the handshake: init, then the capabilities of the chosen server. */
	async init(overrides: Partial<InitMessage> = {}, capabilities: TokenFormCapabilities = MODERN): Promise<void> {
		await this.waitForPosted('ready');
		const init: InitMessage = { type: 'init', servers: [SERVERS[0]!], defaults: DEFAULTS, ...overrides };
		await this.dispatch(init);
		const selected = await this.waitForPosted('selectServer');
		await this.dispatch({ type: 'capabilities', serverId: selected.serverId, state: { status: 'known', capabilities, version: '2.41.6' } });
	}

	/** Every value of every input and text area, as the DOM holds them now. */
	async fieldValues(): Promise<string[]> {
		return this.page.evaluate<string[]>('Array.from(document.querySelectorAll("input, textarea, select")).map((element) => element.value)');
	}

	/** What a screen reader would be told describes the control: the text of its aria-describedby targets. */
	async description(selector: string): Promise<string> {
		const ids = (await this.page.locator(selector).getAttribute('aria-describedby')) ?? '';
		const parts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => this.page.locator(`#${id}`).textContent()));
		return parts.join(' ');
	}

	async focusedId(): Promise<string> {
		return this.page.evaluate<string>('document.activeElement ? document.activeElement.id : ""');
	}

	/** No CSP violation, console error, page error or failed request happened. */
	async assertClean(): Promise<void> {
		assert.deepEqual(await this.violations(), [], 'CSP violations');
		assert.deepEqual(this.problems, [], 'console errors, page errors or failed requests');
	}
}
