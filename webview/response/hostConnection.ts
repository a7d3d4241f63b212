import { type ResponseWebviewMessage } from '../../core/protocol/responseView';

/** What VS Code injects into a webview. It may be called once per page load. */
declare function acquireVsCodeApi(): {
	postMessage(message: unknown): void;
	getState(): unknown;
	setState(state: unknown): unknown;
};

/** The response page's side of the host connection: only protocol messages go out. */
export interface ResponseHost {
	post(message: ResponseWebviewMessage): void;
	readState(): unknown;
	writeState(state: unknown): void;
}

export function connectToHost(): ResponseHost {
	const api = acquireVsCodeApi();
	return {
		post: (message) => api.postMessage(message),
		readState: () => api.getState(),
		writeState: (state) => {
			api.setState(state);
		},
	};
}
