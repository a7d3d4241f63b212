import { type Page } from 'playwright-core';

/**
 * A record of what the workbench did around one interaction (focus moves, the code action menu
 * appearing and going, editor messages such as "No code actions available"), for the error
 * message when that interaction fails. Reads class names and VS Code's own messages only.
 */
const INSTALL = `(() => {
	const events = [];
	const started = performance.now();
	const log = (text) => events.push(Math.round(performance.now() - started) + ' ms ' + text);
	let menuVisible = false;
	let lastMessage = '';
	const observer = new MutationObserver(() => {
		const menu = document.querySelector('.action-widget');
		const visible = menu !== null && menu.getClientRects().length > 0;
		if (visible !== menuVisible) {
			menuVisible = visible;
			log(visible ? 'code action menu shown: ' + menu.innerText.replace(/\\s+/g, ' ').slice(0, 120) : 'code action menu hidden');
		}
		const message = document.querySelector('.monaco-editor-overlaymessage');
		const text = message ? message.textContent : '';
		if (text && text !== lastMessage) log('editor message: ' + text);
		lastMessage = text || '';
	});
	observer.observe(document.body, { childList: true, subtree: true, attributes: true });
	const onFocus = (event) => log('focus ' + String(event.target.className || event.target.tagName).slice(0, 80));
	document.addEventListener('focusin', onFocus, true);
	globalThis.__e2eTrace = { events, stop: () => { observer.disconnect(); document.removeEventListener('focusin', onFocus, true); } };
})()`;

export interface UiTrace {
	/** What happened so far; the trace goes on. */
	read(): Promise<string[]>;
	/** What happened; the trace ends. */
	stop(): Promise<string[]>;
}

export async function startUiTrace(page: Page): Promise<UiTrace> {
	await page.evaluate(INSTALL);
	return {
		read: () => page.evaluate<string[]>('globalThis.__e2eTrace.events.slice()'),
		stop: () => page.evaluate<string[]>('(() => { const trace = globalThis.__e2eTrace; trace.stop(); return trace.events; })()'),
	};
}
