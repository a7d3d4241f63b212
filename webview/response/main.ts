import { isResponseHostMessage } from '../../core/protocol/responseView';
import { ResponseApp } from './app';
import { responseElements } from './elements';
import { connectToHost } from './hostConnection';

// Entry point of dist/webview/response.js, loaded at the end of <body> with the page's nonce.
const app = new ResponseApp(responseElements(), connectToHost());
window.addEventListener('message', (event: MessageEvent<unknown>) => {
	// Only the host posts into the page; anything that is not a protocol message is dropped unread.
	if (isResponseHostMessage(event.data)) app.receive(event.data);
});
app.start();
