import { type Page } from 'playwright-core';

/** Browser-side: whether an element is on screen (laid out and not hidden). */
export const IS_SHOWN = `(element) => element !== null && element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden'`;

/**
 * A record of what the workbench did around one interaction (focus moves, shortcut keys, the light bulb,
 * context menus and the code action menu appearing and going, editor messages such as "No code actions available"), for
 * the error message when that interaction fails. Reads class names, key names and VS Code's own messages only.
 */
const INSTALL = `(() => {
	const events = [];
	const started = performance.now();
	const log = (text) => events.push(Math.round(performance.now() - started) + ' ms ' + text);
	const isShown = ${IS_SHOWN};
	const shown = new Map();
	/** Logs when the element \`selector\` finds appears (described by \`describe\`) and when it goes. */
	const watch = (name, selector, describe = () => '') => {
		const element = document.querySelector(selector);
		const now = isShown(element);
		if (now === (shown.get(name) ?? false)) return;
		shown.set(name, now);
		log(name + (now ? ' shown' + describe(element) : ' hidden'));
	};
	const items = (element) => ': ' + element.innerText.replace(/\\s+/g, ' ').slice(0, 120);
	let lastMessage = '';
	const observer = new MutationObserver(() => {
		watch('code action menu', '.action-widget', items);
		// A context menu, e.g. the Problems view's own quick fixes, which Ctrl+. opens while that view has focus.
		watch('context menu', '.context-view .monaco-menu', items);
		// The light bulb: VS Code found code actions at the cursor (its own request, not the keypress's).
		watch('light bulb', '.editor-group-container.active .lightBulbWidget');
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
