import { isHostToWebviewMessage } from '../../core/protocol/webview';
import { connectToHost } from '../shared/vscodeApi';
import { GenerateTokenApp } from './app';
import { pageElements } from './elements';

// Entry point of dist/webview/generateToken.js, loaded at the end of <body> with the page's nonce.
const app = new GenerateTokenApp(pageElements(), connectToHost());
window.addEventListener('message', (event: MessageEvent<unknown>) => {
	// Only the host posts into the page; anything that is not a protocol message is dropped unread.
	if (isHostToWebviewMessage(event.data)) app.receive(event.data);
});
app.start();
