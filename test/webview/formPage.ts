import { type Page } from 'playwright-core';
import { createNonce, generateTokenHtml } from '../../client/webviews/generateTokenHtml';
import { type TokenFormCapabilities } from '../../core/dhis2/tokens';
import {
	type FormDefaults, type HostToWebviewMessage, type InitMessage, type ServerChoice, type WebviewToHostMessage,
} from '../../core/protocol/webview';
import { bundleUris, CSP_SOURCE, type StubOptions, WebviewTab, WebviewTestPage } from './webviewHarness';

export { CSP_SOURCE };

/** The generate-token page in Chromium, through the shared webview harness. */

const PAGE_URL = 'https://generate-token.webview.test/index.html';

export const SERVERS: readonly ServerChoice[] = [
	{ id: 'play', label: 'DHIS2 Play', url: 'https://play.example.org', production: false },
	{ id: 'prod', label: 'Ministry HMIS', url: 'https://hmis.example.org', production: true },
];

export const DEFAULTS: FormDefaults = { context: 'server', expiryDays: 30, allowedMethods: ['GET'] };

export const MODERN: TokenFormCapabilities = { supportsCode: true, supportsHead: true };
export const NO_HEAD: TokenFormCapabilities = { supportsCode: true, supportsHead: false };
export const OLD: TokenFormCapabilities = { supportsCode: false, supportsHead: false };

export interface OpenOptions extends StubOptions {
	/** A host in Node that receives every posted message; without it the test plays the host. */
	readonly toHost?: (message: unknown) => Promise<void> | void;
}

let tab: Promise<WebviewTab<FormPage>> | undefined;

/** Loads the page in the form's tab. */
export async function openForm(options: OpenOptions = {}): Promise<FormPage> {
	tab ??= WebviewTab.start<FormPage>(PAGE_URL, { width: 860, height: 1400 }, true);
	const html = generateTokenHtml({ cspSource: CSP_SOURCE, nonce: createNonce(), ...bundleUris('generateToken') });
	return (await tab).open(html, options, (page: Page, pageHtml: string) => new FormPage(page, pageHtml), options.toHost);
}

export class FormPage extends WebviewTestPage<WebviewToHostMessage, HostToWebviewMessage> {
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
}
