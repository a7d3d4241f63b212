import { randomBytes } from 'node:crypto';

/** What every webview page of this extension is rendered from; each value is checked or escaped. */
export interface WebviewPageOptions {
	/** `webview.cspSource`: where scripts, styles and images may come from. */
	readonly cspSource: string;
	/** From `createNonce()`, fresh for every render. */
	readonly nonce: string;
	/** `webview.asWebviewUri(...)` of the page's bundled script and stylesheet, as strings. */
	readonly scriptUri: string;
	readonly styleUri: string;
}

/** 144 bits from the OS generator: a nonce the page cannot guess is what makes `script-src` mean something. */
export function createNonce(): string {
	return randomBytes(18).toString('base64');
}

const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
/** A CSP source list: no directive separator, no quotes other than keyword quotes, no markup. */
const SOURCE_LIST = /^[^;,\r\n"<>`]+$/;

/** Refuses options that could break out of the CSP or the markup they are written into. */
export function checkPageOptions(options: WebviewPageOptions): void {
	if (!NONCE.test(options.nonce)) throw new Error('The webview nonce must be base64 from createNonce().');
	if (!SOURCE_LIST.test(options.cspSource)) throw new Error('The webview cspSource is not a CSP source list.');
}

export function escapeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The document up to `<body>`: the CSP meta tag first, so it governs everything after it. */
export function pageHead(options: WebviewPageOptions, contentSecurityPolicy: string, title: string): string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(options.styleUri)}">
<title>${escapeAttribute(title)}</title>
</head>`;
}
