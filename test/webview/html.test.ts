import assert from 'node:assert/strict';
import { createNonce, generateTokenHtml } from '../../client/webviews/generateTokenHtml';

const BASE = {
	cspSource: '\'self\' https://*.vscode-cdn.net',
	scriptUri: 'https://file%2B.vscode-resource.vscode-cdn.net/ext/dist/webview/generateToken.js',
	styleUri: 'https://file%2B.vscode-resource.vscode-cdn.net/ext/dist/webview/generateToken.css',
};

describe('generate-token page HTML', () => {
	it('declares the strict CSP with the nonce, and the one script carries it', () => {
		const nonce = createNonce();
		const html = generateTokenHtml({ ...BASE, nonce });
		const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
		assert.equal(csp, `default-src 'none'; style-src 'self' https://*.vscode-cdn.net; script-src 'nonce-${nonce}'; img-src 'self' https://*.vscode-cdn.net`.replace(/'/g, '&#39;'));
		const scripts = html.match(/<script\b[^>]*>/g) ?? [];
		assert.deepEqual(scripts, [`<script nonce="${nonce}" src="${BASE.scriptUri}">`]);
		assert.doesNotMatch(html, /<style\b|\sstyle="|\son[a-z]+="/i, 'nothing inline the CSP would have to allow');
	});

	it('uses a fresh 144-bit nonce from the OS generator every time', () => {
		const nonces = new Set(Array.from({ length: 200 }, () => createNonce()));
		assert.equal(nonces.size, 200);
		for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 18);
	});

	it('escapes the resource URIs and refuses a CSP source or nonce that could break out', () => {
		const html = generateTokenHtml({ ...BASE, nonce: createNonce(), styleUri: 'https://x.vscode-cdn.net/a"><script>alert(1)</script>.css' });
		assert.equal((html.match(/<script\b/g) ?? []).length, 1);
		assert.match(html, /a&quot;&gt;&lt;script&gt;/);
		assert.throws(() => generateTokenHtml({ ...BASE, nonce: createNonce(), cspSource: 'https://a; script-src *' }), /cspSource/);
		assert.throws(() => generateTokenHtml({ ...BASE, nonce: 'abc' }), /nonce/);
		assert.throws(() => generateTokenHtml({ ...BASE, nonce: `${createNonce()}" onload="x` }), /nonce/);
	});

	it('labels every form control', () => {
		const html = generateTokenHtml({ ...BASE, nonce: createNonce() });
		const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((match) => match[2]);
		assert.ok(controls.length >= 14, `found ${controls.length}`);
		for (const id of controls) assert.match(html, new RegExp(`<label for="${id}"`), `#${id} has a <label for>`);
	});
});
