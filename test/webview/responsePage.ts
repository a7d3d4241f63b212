import assert from 'node:assert/strict';
import { type Page } from 'playwright-core';
import { responseHtml } from '../../client/http/responseHtml';
import { createNonce } from '../../client/webviews/webviewPage';
import { type ResponseHostMessage, type ResponseViewModel, type ResponseWebviewMessage } from '../../core/protocol/responseView';
import { bundleUris, CSP_SOURCE, type StubOptions, WebviewTab, WebviewTestPage } from './webviewHarness';

export { CSP_SOURCE };

/** The response page in Chromium, through the same webview harness as the generate-token page. */

const PAGE_URL = 'https://response.webview.test/index.html';

let tab: Promise<WebviewTab<ResponsePage>> | undefined;

export async function openResponsePage(options: StubOptions = {}): Promise<ResponsePage> {
	tab ??= WebviewTab.start<ResponsePage>(PAGE_URL, { width: 900, height: 1000 });
	const html = responseHtml({ cspSource: CSP_SOURCE, nonce: createNonce(), ...bundleUris('response') });
	return (await tab).open(html, options, (page: Page, pageHtml: string) => new ResponsePage(page, pageHtml));
}

export class ResponsePage extends WebviewTestPage<ResponseWebviewMessage, ResponseHostMessage> {
	/** The handshake, then `model`. */
	async show(model: ResponseViewModel): Promise<void> {
		await this.waitForPosted('ready');
		await this.dispatch({ type: 'show', model });
	}

	async text(selector: string): Promise<string> {
		return (await this.page.locator(selector).textContent()) ?? '';
	}

	/** The response page also never touches the clipboard. */
	override async assertClean(): Promise<void> {
		await super.assertClean();
		assert.deepEqual(await this.clipboardUse(), [], 'the page never touches the clipboard');
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
