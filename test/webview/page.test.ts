import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentSecurityPolicy } from '../../client/webviews/generateTokenHtml';
import { CSP_SOURCE, type FormPage, openForm } from './formPage';
import { DARK, HIGH_CONTRAST, LIGHT, type WebviewTheme } from './themes';

function rgb(hex: string): string {
	const value = hex.replace('#', '');
	const [r, g, b] = [0, 2, 4].map((start) => parseInt(value.slice(start, start + 2), 16));
	return `rgb(${r}, ${g}, ${b})`;
}

/** The page as a whole: its CSP really applies, and it takes every colour from the theme. */
describe('generate-token page: CSP and themes', function () {
	let form: FormPage;

	it('runs under the strict CSP with zero violations, and the CSP does block what it should', async () => {
		form = await openForm();
		await form.init();
		const policy = await form.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
		const nonce = /'nonce-([^']+)'/.exec(policy ?? '')?.[1];
		assert.ok(nonce);
		assert.equal(policy, contentSecurityPolicy(CSP_SOURCE, nonce));
		await form.assertClean();

		// A script without the nonce, an inline style and a foreign image: each must be refused,
		// which shows the listener above would have seen a violation by the page itself.
		await form.page.evaluate(`(() => {
			const script = document.createElement('script');
			script.textContent = 'window.__injected = true';
			document.body.append(script);
			document.body.setAttribute('style', 'color: red');
			const image = document.createElement('img');
			image.src = 'https://evil.example/pixel.png';
			document.body.append(image);
		})()`);
		await form.page.waitForFunction('window.__stub.violations.length >= 3');
		const violations = await form.violations();
		assert.ok(violations.some((line) => line.startsWith('script-src')), violations.join('\n'));
		assert.ok(violations.some((line) => line.startsWith('style-src')), violations.join('\n'));
		assert.ok(violations.some((line) => line.startsWith('img-src') && line.includes('evil.example')), violations.join('\n'));
		assert.equal(await form.page.evaluate('window.__injected === true'), false);
		form.problems.length = 0;
	});

	for (const [name, theme] of [['light', LIGHT], ['dark', DARK], ['high-contrast', HIGH_CONTRAST]] as const satisfies readonly (readonly [string, WebviewTheme])[]) {
		it(`takes its colours from the ${name} theme variables (screenshot)`, async () => {
			form = await openForm({ theme });
			await form.init();
			await form.page.fill('#name', 'nightly-export');
			await form.page.fill('#allowed-ips', '192.0.2.10\n10.0.0.0/8');
			await form.page.press('#allowed-ips', 'Tab');
			const style = async (selector: string, property: string) => form.page.evaluate<string>(
				`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(property)})`,
			);
			const vars = theme.variables;
			assert.equal(await style('body', 'background-color'), rgb(vars['--vscode-editor-background']!));
			assert.equal(await style('body', 'color'), rgb(vars['--vscode-foreground']!));
			assert.equal(await style('#generate', 'background-color'), rgb(vars['--vscode-button-background']!));
			assert.equal(await style('#name', 'background-color'), rgb(vars['--vscode-input-background']!));
			assert.equal(await style('#allowed-ips', 'border-top-color'), rgb(vars['--vscode-inputValidation-errorBorder']!));
			if (theme === HIGH_CONTRAST) assert.equal(await style('#generate', 'border-top-color'), rgb(vars['--vscode-contrastBorder']!));

			await form.page.focus('#name');
			assert.equal(await style('#name', 'outline-color'), rgb(vars['--vscode-focusBorder']!), 'the focus ring uses focusBorder');

			const keep = process.env.DHIS2_PAT_SCREENSHOTS;
			const dir = keep ?? mkdtempSync(join(tmpdir(), 'dhis2-pat-webview-'));
			mkdirSync(dir, { recursive: true });
			const file = join(dir, `generate-token-${name}.png`);
			await form.page.screenshot({ path: file, fullPage: true });
			const png = readFileSync(file);
			assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
			assert.ok(png.readUInt32BE(16) >= 800 && png.readUInt32BE(20) >= 800, 'a full page, not an empty frame');
			if (keep === undefined) rmSync(dir, { recursive: true, force: true });
			await form.assertClean();
		});
	}
});
