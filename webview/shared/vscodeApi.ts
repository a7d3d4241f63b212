import { type WebviewToHostMessage } from '../../core/protocol/webview';

/** What VS Code injects into a webview. It may be called once per page load. */
declare function acquireVsCodeApi(): {
	postMessage(message: unknown): void;
	getState(): unknown;
	setState(state: unknown): unknown;
};

/**
 * The webview's side of the host connection, typed: only protocol messages go out. State is
 * `unknown` on the way in because it survives extension updates; callers check its shape.
 */
export interface HostConnection {
	post(message: WebviewToHostMessage): void;
	readState(): unknown;
	writeState(state: unknown): void;
}

export function connectToHost(): HostConnection {
	const api = acquireVsCodeApi();
	return {
		post: (message) => api.postMessage(message),
		readState: () => api.getState(),
		writeState: (state) => {
			api.setState(state);
		},
	};
}
