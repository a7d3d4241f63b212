import { type Page } from 'playwright-core';

/**
 * A record of what the workbench did around one interaction (focus moves, shortcut keys, the light bulb,
 * context menus and the code action menu appearing and going, editor messages such as "No code actions available"), for
 * the error message when that interaction fails. Reads class names, key names and VS Code's own messages only.
 */
const INSTALL = `(() => {
	const events = [];
	const started = performance.now();
	const log = (text) => events.push(Math.round(performance.now() - started) + ' ms ' + text);
	let menuVisible = false;
	let bulbVisible = false;
	let contextMenuVisible = false;
	let lastMessage = '';
	const observer = new MutationObserver(() => {
		const menu = document.querySelector('.action-widget');
		const visible = menu !== null && menu.getClientRects().length > 0;
		if (visible !== menuVisible) {
			menuVisible = visible;
			log(visible ? 'code action menu shown: ' + menu.innerText.replace(/\\s+/g, ' ').slice(0, 120) : 'code action menu hidden');
		}
		// A context menu, e.g. the Problems view's own quick fixes (its Ctrl+. while it still counts as focused).
		const contextMenu = document.querySelector('.context-view .monaco-menu');
		const contextMenuNow = contextMenu !== null && contextMenu.getClientRects().length > 0;
		if (contextMenuNow !== contextMenuVisible) {
			contextMenuVisible = contextMenuNow;
			log(contextMenuNow ? 'context menu shown: ' + contextMenu.innerText.replace(/\\s+/g, ' ').slice(0, 120) : 'context menu hidden');
		}
		// The light bulb: VS Code found code actions at the cursor (its own request, not the keypress's).
		const bulb = document.querySelector('.editor-group-container.active .lightBulbWidget');
		const bulbNow = bulb !== null && bulb.getClientRects().length > 0 && getComputedStyle(bulb).visibility !== 'hidden';
		if (bulbNow !== bulbVisible) {
			bulbVisible = bulbNow;
			log(bulbNow ? 'light bulb shown' : 'light bulb hidden');
		}
		const message = document.querySelector('.monaco-editor-overlaymessage');
		const text = message ? message.textContent : '';
		if (text && text !== lastMessage) log('editor message: ' + text);
		lastMessage = text || '';
	});
	observer.observe(document.body, { childList: true, subtree: true, attributes: true });
	const onFocus = (event) => {
		const inEditor = event.target.closest && event.target.closest('.editor-group-container.active .monaco-editor') !== null;
		log('focus ' + String(event.target.className || event.target.tagName).slice(0, 80) + (inEditor ? ' (active editor)' : ''));
	};
	// Shortcuts only (modifier combinations): typed text is never recorded.
	const onKey = (event) => {
		if (event.ctrlKey || event.metaKey || event.altKey) log('keydown ' + (event.ctrlKey ? 'Ctrl+' : '') + (event.shiftKey ? 'Shift+' : '') + event.key);
	};
	document.addEventListener('focusin', onFocus, true);
	document.addEventListener('keydown', onKey, true);
	globalThis.__e2eTrace = { events, stop: () => {
		observer.disconnect();
		document.removeEventListener('focusin', onFocus, true);
		document.removeEventListener('keydown', onKey, true);
	} };
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
