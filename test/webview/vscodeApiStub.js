/* global window, document, navigator, structuredClone, STUB_CONFIG */
// Init script for the webview tests: stands in for what VS Code provides around a webview page.
// Plain JavaScript read from disk, because functions compiled by tsx carry helpers (keepNames) that
// do not exist in the page. The harness prepends `const STUB_CONFIG = {...};`.
//
// - `acquireVsCodeApi()` like VS Code's: once per page; `postMessage` and `setState` structured-clone
//   their argument (so a non-cloneable message fails as it would in VS Code) and are recorded.
// - Messages also go to `window.__toHost` when the test exposed one (a host controller in Node).
// - CSP violations, clipboard use and theme variables, for the assertions and screenshots.
(function installVsCodeStub(config) {
	const record = { posted: [], states: [], violations: [], clipboard: [], acquired: 0 };
	Object.defineProperty(window, '__stub', { value: record });

	let state = config.initialState === undefined ? undefined : structuredClone(config.initialState);
	window.acquireVsCodeApi = function acquireVsCodeApi() {
		record.acquired += 1;
		if (record.acquired > 1) throw new Error('An instance of the VS Code API has already been acquired');
		return Object.freeze({
			postMessage(message) {
				const copy = structuredClone(message);
				record.posted.push(copy);
				if (typeof window.__toHost === 'function') void window.__toHost(copy);
			},
			getState() {
				return state === undefined ? undefined : structuredClone(state);
			},
			setState(next) {
				state = next === undefined ? undefined : structuredClone(next);
				record.states.push(next === undefined ? 'undefined' : JSON.stringify(next));
				return next;
			},
		});
	};

	document.addEventListener('securitypolicyviolation', (event) => {
		record.violations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
	});

	// The page must never touch the clipboard: the host copies the key from its own store.
	const clipboardUse = (what) => () => {
		record.clipboard.push(what);
		return Promise.reject(new Error('clipboard use is not allowed in this test'));
	};
	if (navigator.clipboard) {
		for (const method of ['writeText', 'write', 'readText', 'read']) {
			Object.defineProperty(navigator.clipboard, method, { value: clipboardUse(`navigator.clipboard.${method}`) });
		}
	}
	const execCommand = document.execCommand.bind(document);
	document.execCommand = (command, ...rest) => {
		if (/^(copy|cut|paste)$/i.test(command)) record.clipboard.push(`execCommand(${command})`);
		return execCommand(command, ...rest);
	};
	document.addEventListener('copy', () => record.clipboard.push('copy event'));

	// VS Code sets its theme as CSS variables on <html> and a class on <body>; do the same.
	const theme = config.theme;
	if (theme) {
		// At init-script time the parser has not created <html> yet.
		document.addEventListener('DOMContentLoaded', () => {
			for (const [name, value] of Object.entries(theme.variables)) document.documentElement.style.setProperty(name, value);
			document.body.classList.add(theme.bodyClass);
			document.body.dataset.vscodeThemeKind = theme.bodyClass;
		});
	}
})(STUB_CONFIG);
