import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { responseContentSecurityPolicy } from '../../client/http/responseHtml';
import { CSP_SOURCE, model, openResponsePage, type ResponsePage } from './responsePage';
import { DARK, HIGH_CONTRAST, LIGHT, type WebviewTheme } from './themes';

/** A 2×1 PNG (red, blue). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DAwPAfAAcAAf9+CLHQAAAAAElFTkSuQmCC';

function rgb(hex: string): string {
	const value = hex.replace('#', '');
	const [r, g, b] = [0, 2, 4].map((start) => parseInt(value.slice(start, start + 2), 16));
	return `rgb(${r}, ${g}, ${b})`;
}

describe('response page: showing a response', function () {
	let view: ResponsePage;

	it('says ready, then shows status, time, size and type, and posts nothing else unasked', async () => {
		view = await openResponsePage();
		assert.equal(await view.text('#page-status'), 'Waiting for a response…');
		await view.show(model());
		assert.equal(await view.text('#title'), 'GET /api/me');
		assert.equal(await view.text('#status'), '200 OK');
		assert.equal(await view.page.getAttribute('#status', 'class'), 'status outcome-success');
		assert.equal(await view.text('#time'), '87 ms');
		assert.equal(await view.text('#size'), '1.5 KB');
		assert.equal(await view.text('#content-type'), 'application/json');
		assert.equal(await view.text('#page-status'), '');
		assert.deepEqual((await view.posted()).map((message) => message.type), ['ready']);
		await view.assertClean();
	});

	it('pretty-prints JSON with highlighted tokens, keeping a 20-digit id exact', async () => {
		view = await openResponsePage();
		await view.show(model());
		assert.equal(await view.text('#body pre.json'), '{\n  "id": 12345678901234567890,\n  "name": "Admin",\n  "ok": true,\n  "none": null\n}');
		const spans = await view.page.evaluate<string[][]>('Array.from(document.querySelectorAll("#body pre.json span")).map((span) => [span.className, span.textContent])');
		assert.deepEqual(spans, [
			['json-key', '"id"'], ['json-number', '12345678901234567890'], ['json-key', '"name"'], ['json-string', '"Admin"'],
			['json-key', '"ok"'], ['json-literal', 'true'], ['json-key', '"none"'], ['json-literal', 'null'],
		]);
		await view.assertClean();
	});

	it('shows markup in a body as text, never as elements', async () => {
		view = await openResponsePage();
		await view.show(model({ contentType: 'text/html', body: { kind: 'text', text: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>', masked: false } }));
		assert.equal(await view.text('#body pre.text'), '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>');
		assert.equal(await view.page.locator('#body img, #body script').count(), 0);
		assert.equal(await view.page.evaluate('window.__pwned === undefined'), true);
		await view.assertClean();
	});

	it('falls back to text for invalid JSON, and says when keys were masked', async () => {
		view = await openResponsePage();
		await view.show(model({ body: { kind: 'json', text: '{"key":"d2p_v3aW…9OZl",', masked: true } }));
		assert.equal(await view.text('#body pre.text'), '{"key":"d2p_v3aW…9OZl",');
		assert.match(await view.text('#body-note'), /DHIS2 tokens in this body are shown masked/);
		await view.assertClean();
	});

	it('shows an image body under the strict CSP (data: images only)', async () => {
		view = await openResponsePage();
		await view.show(model({ contentType: 'image/png', size: 70, body: { kind: 'image', mime: 'image/png', base64: PNG, size: 70 } }));
		await view.page.waitForFunction('document.querySelector("#body img.body-image")?.complete');
		const size = await view.page.evaluate<number[]>('(() => { const image = document.querySelector("#body img.body-image"); return [image.naturalWidth, image.naturalHeight]; })()');
		assert.deepEqual(size, [2, 1]);
		assert.match((await view.page.getAttribute('#body img', 'alt')) ?? '', /image\/png/);
		await view.assertClean();
	});

	it('a large body is "saved to a temporary file" with Open, which asks the host', async () => {
		view = await openResponsePage();
		await view.show(model({ size: 12 * 1024 * 1024, body: { kind: 'file', size: 12 * 1024 * 1024, limitBytes: 5 * 1024 * 1024 } }));
		assert.match(await view.text('#body .large-body'), /The body \(12 MB\) is larger than 5 MB, so it was saved to a temporary file/);
		await view.page.click('#open-body-file');
		assert.deepEqual(await view.waitForPosted('openBodyFile'), { type: 'openBodyFile', viewId: 7 });
		await view.assertClean();
	});

	it('Save Body, Copy as cURL and Send Again post their message with the view id; the host\'s answer is shown', async () => {
		view = await openResponsePage();
		await view.show(model({ viewId: 42 }));
		await view.page.click('#save-body');
		await view.page.click('#copy-curl');
		await view.page.click('#send-again');
		assert.deepEqual((await view.posted()).slice(1), [{ type: 'saveBody', viewId: 42 }, { type: 'copyCurl', viewId: 42 }, { type: 'sendAgain', viewId: 42 }]);
		await view.dispatch({ type: 'actionResult', ok: true, message: 'Copied as cURL. It reads the key from $DHIS2_TOKEN.' });
		assert.equal(await view.text('#action-status'), 'Copied as cURL. It reads the key from $DHIS2_TOKEN.');
		await view.show(model({ body: { kind: 'empty' }, canSendAgain: false }));
		assert.equal(await view.page.isDisabled('#save-body'), true, 'nothing to save');
		assert.equal(await view.page.isHidden('#send-again'), true);
		await view.assertClean();
	});

	it('explains a DHIS2 error with action buttons that post runAction', async () => {
		view = await openResponsePage();
		await view.show(model({
			status: 401, statusText: 'Unauthorized', outcome: 'client-error',
			explanation: { severity: 'error', title: 'Token "ci" (d2p_v3aW…9OZl) expired on 2026-11-04', detail: 'Rotate it.', actions: [{ id: 'rotateToken', label: 'Rotate Token…' }, { id: 'showTokenDetails', label: 'Show Token Details' }] },
		}));
		assert.equal(await view.text('#explanation-title'), 'Token "ci" (d2p_v3aW…9OZl) expired on 2026-11-04');
		assert.equal(await view.page.getAttribute('#explanation', 'role'), 'alert');
		await view.page.click('#explanation-actions button:has-text("Rotate Token…")');
		assert.deepEqual(await view.waitForPosted('runAction'), { type: 'runAction', viewId: 7, action: 'rotateToken' });
		await view.show(model());
		assert.equal(await view.page.isHidden('#explanation'), true, 'gone with the next response');
		await view.assertClean();
	});

	it('shows the request as sent with the Authorization value masked, hop by hop', async () => {
		view = await openResponsePage();
		await view.show(model({
			hops: [
				{ ...model().hops[0]!, status: 302, statusText: 'Found', redirect: { location: 'https://cdn.example/x', followed: true } },
				{ index: 1, method: 'GET', url: 'https://cdn.example/x', headers: [{ name: 'User-Agent', value: 'dhis2-pat' }], bodyBytes: 0, status: 200, statusText: 'OK', tokenSent: false, tokenDropped: true, credentials: 'Token dropped: the redirect leaves the server\'s origin.' },
			],
		}));
		await view.page.click('#tab-request');
		assert.equal(await view.page.getAttribute('#tab-request', 'aria-selected'), 'true');
		assert.equal(await view.page.isHidden('#panel-body'), true);
		const hops = view.page.locator('#hops .hop');
		assert.equal(await hops.count(), 2);
		assert.match(await hops.nth(0).textContent() ?? '', /Authorization\s*ApiToken d2p_v3aW…9OZl/);
		assert.match(await hops.nth(0).textContent() ?? '', /Redirect to https:\/\/cdn\.example\/x \(followed\)/);
		assert.equal(await hops.nth(1).locator('.credentials.token-dropped').count(), 1);
		assert.equal(await view.text('#hop-count'), '(2 hops)');
		await view.assertClean();
	});

	it('tabs work from the keyboard and the choice survives a reload', async () => {
		view = await openResponsePage();
		await view.show(model());
		await view.page.focus('#tab-body');
		await view.page.keyboard.press('ArrowRight');
		assert.equal(await view.page.evaluate('document.activeElement.id'), 'tab-headers');
		assert.equal(await view.page.isVisible('#panel-headers'), true);
		assert.equal(await view.text('#headers tr:nth-child(2) td'), 'JSESSIONID=********; Path=/');
		await view.page.keyboard.press('End');
		assert.equal(await view.page.evaluate('document.activeElement.id'), 'tab-request');
		const states = await view.states();
		assert.equal(states.at(-1), '{"tab":"request"}');

		view = await openResponsePage({ initialState: { tab: 'headers' } });
		await view.show(model());
		assert.equal(await view.page.getAttribute('#tab-headers', 'aria-selected'), 'true');
		await view.assertClean();
	});

	it('shows the host\'s status line and ignores messages that are not the host\'s protocol', async () => {
		view = await openResponsePage();
		await view.show(model());
		await view.dispatch({ type: 'status', text: 'Sending GET /api/system/info…' });
		assert.equal(await view.text('#page-status'), 'Sending GET /api/system/info…');
		await view.page.evaluate('window.postMessage({ type: "show", model: { viewId: 1 } }, "*")');
		await view.page.evaluate('window.postMessage({ type: "actionResult", ok: "yes", message: 1 }, "*")');
		await view.page.waitForTimeout(50);
		assert.equal(await view.text('#title'), 'GET /api/me', 'the malformed show was dropped');
		await view.assertClean();
	});
});

describe('response page: CSP and themes', function () {
	it('runs under the strict CSP with zero violations, and the CSP blocks what it should', async () => {
		const view = await openResponsePage();
		await view.show(model());
		const policy = await view.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
		const nonce = /'nonce-([^']+)'/.exec(policy ?? '')?.[1];
		assert.ok(nonce);
		assert.equal(policy, responseContentSecurityPolicy(CSP_SOURCE, nonce));
		await view.assertClean();
		await view.page.evaluate(`(() => {
			const script = document.createElement('script');
			script.textContent = 'window.__injected = true';
			document.body.append(script);
			const image = document.createElement('img');
			image.src = 'https://evil.example/pixel.png';
			document.body.append(image);
		})()`);
		await view.page.waitForFunction('window.__stub.violations.length >= 2');
		const violations = (await view.page.evaluate<{ violations: string[] }>('window.__stub')).violations;
		assert.ok(violations.some((line) => line.startsWith('script-src')), violations.join('\n'));
		assert.ok(violations.some((line) => line.startsWith('img-src') && line.includes('evil.example')), violations.join('\n'));
		assert.equal(await view.page.evaluate('window.__injected === true'), false);
		view.problems.length = 0;
	});

	for (const [name, theme] of [['light', LIGHT], ['dark', DARK], ['high-contrast', HIGH_CONTRAST]] as const satisfies readonly (readonly [string, WebviewTheme])[]) {
		it(`takes its colours from the ${name} theme (screenshot)`, async () => {
			const view = await openResponsePage({ theme });
			await view.show(model({
				status: 401, statusText: 'Unauthorized', outcome: 'client-error',
				explanation: { severity: 'error', title: 'Token expired', detail: 'Rotate it.', actions: [{ id: 'rotateToken', label: 'Rotate Token…' }] },
			}));
			const style = async (selector: string, property: string) => view.page.evaluate<string>(
				`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(property)})`,
			);
			const vars = theme.variables;
			assert.equal(await style('body', 'background-color'), rgb(vars['--vscode-editor-background']!));
			assert.equal(await style('body', 'color'), rgb(vars['--vscode-foreground']!));
			assert.equal(await style('#explanation-actions button', 'background-color'), rgb(vars['--vscode-button-secondaryBackground']!));
			const keep = process.env.DHIS2_PAT_SCREENSHOTS;
			const dir = keep ?? mkdtempSync(join(tmpdir(), 'dhis2-pat-webview-'));
			mkdirSync(dir, { recursive: true });
			const file = join(dir, `response-${name}.png`);
			await view.page.screenshot({ path: file, fullPage: true });
			const png = readFileSync(file);
			assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
			if (keep === undefined) rmSync(dir, { recursive: true, force: true });
			await view.assertClean();
		});
	}
});
