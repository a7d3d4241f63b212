import { Uri, type Webview } from 'vscode';
import { createNonce, type WebviewPageOptions } from './webviewPage';

/** A fresh nonce and the webview URIs of the page's bundle, `<bundle>.js` and `<bundle>.css` in `webviewRoot`. */
export function pageOptionsFor(webview: Webview, webviewRoot: Uri, bundle: string): WebviewPageOptions {
	return {
		cspSource: webview.cspSource,
		nonce: createNonce(),
		scriptUri: webview.asWebviewUri(Uri.joinPath(webviewRoot, `${bundle}.js`)).toString(),
		styleUri: webview.asWebviewUri(Uri.joinPath(webviewRoot, `${bundle}.css`)).toString(),
	};
}
