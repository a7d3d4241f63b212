import { type WebviewToHostMessage } from '../../core/protocol/webview';

/** What VS Code injects into a webview. It may be called once per page load. */
declare function acquireVsCodeApi(): {
	postMessage(message: unknown): void;
	getState(): unknown;
	setState(state: unknown): unknown;
};

/**
 * A webview's side of the host connection, typed by the messages that page may send: only protocol
 * messages go out. State is `unknown` on the way in because it survives extension updates; callers
 * check its shape.
 */
export interface HostConnection<Outgoing = WebviewToHostMessage> {
	post(message: Outgoing): void;
	readState(): unknown;
	writeState(state: unknown): void;
}

export function connectToHost<Outgoing = WebviewToHostMessage>(): HostConnection<Outgoing> {
	const api = acquireVsCodeApi();
	return {
		post: (message) => api.postMessage(message),
		readState: () => api.getState(),
		writeState: (state) => {
			api.setState(state);
		},
	};
}
