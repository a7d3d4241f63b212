import { type Disposable, Uri, ViewColumn, type WebviewPanel, window } from 'vscode';
import {
	isResponseWebviewMessage, RESPONSE_VIEW_TYPE, type ResponseHostMessage, type ResponseViewModel, type ResponseWebviewMessage,
} from '../../core/protocol/responseView';
import { pageOptionsFor } from '../webviews/pageOptions';
import { responseHtml } from './responseHtml';

/** What the page's buttons do; each answers with a line for the page's status, or nothing. */
export interface ResponsePanelActions {
	handle(message: Exclude<ResponseWebviewMessage, { type: 'ready' }>): Promise<{ ok: boolean; message: string } | undefined>;
}

/**
 * The "DHIS2 Response" panel beside the request file: one for the window, showing the latest
 * response. No retained context: a hidden page is destroyed and, once shown again, says `ready`
 * and gets the current response again from `current`.
 */
export class ResponsePanel implements Disposable {
	private panel: WebviewPanel | undefined;
	private ready = false;
	private current: ResponseViewModel | undefined;
	private statusText = '';
	private readonly disposables: Disposable[] = [];

	constructor(
		private readonly extensionUri: Uri,
		private readonly actions: ResponsePanelActions,
		private readonly log: (line: string) => void,
	) {}

	/** Shows `model`, opening the panel beside the editor (without taking focus) if needed. */
	show(model: ResponseViewModel): void {
		this.current = model;
		this.statusText = '';
		this.open();
		this.post({ type: 'show', model });
	}

	/** "Sending…", "… failed", or '' to clear: an open panel says so; a closed one stays closed until a response. */
	status(text: string): void {
		this.statusText = text;
		this.post({ type: 'status', text });
	}

	get viewId(): number | undefined {
		return this.current?.viewId;
	}

	private open(): void {
		if (this.panel) {
			if (!this.panel.visible) this.panel.reveal(undefined, true);
			return;
		}
		const webviewRoot = Uri.joinPath(this.extensionUri, 'dist', 'webview');
		const panel = window.createWebviewPanel(RESPONSE_VIEW_TYPE, 'DHIS2 Response', { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
			enableScripts: true,
			retainContextWhenHidden: false,
			localResourceRoots: [webviewRoot],
		});
		this.panel = panel;
		this.ready = false;
		const { webview } = panel;
		webview.html = responseHtml(pageOptionsFor(webview, webviewRoot, 'response'));
		this.disposables.push(
			webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
			panel.onDidChangeViewState(({ webviewPanel }) => {
				if (!webviewPanel.visible) this.ready = false;
			}),
			panel.onDidDispose(() => {
				this.panel = undefined;
				this.ready = false;
				for (const disposable of this.disposables.splice(0)) disposable.dispose();
			}),
		);
	}

	private receive(message: unknown): void {
		if (!isResponseWebviewMessage(message)) {
			this.log('The response page sent a message that is not part of its protocol; dropped.');
			return;
		}
		if (message.type === 'ready') {
			this.ready = true;
			if (this.current) this.post({ type: 'show', model: this.current });
			if (this.statusText !== '') this.post({ type: 'status', text: this.statusText });
			return;
		}
		this.actions.handle(message).then(
			(result) => {
				if (result) this.post({ type: 'actionResult', ok: result.ok, message: result.message });
			},
			(error: unknown) => {
				this.log(`The response page's ${message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
				this.post({ type: 'actionResult', ok: false, message: 'That did not work; the output has the details.' });
			},
		);
	}

	/** Before `ready` nothing is posted: the page would lose it. `ready` replays the current state. */
	private post(message: ResponseHostMessage): void {
		if (!this.panel || !this.ready) return;
		void this.panel.webview.postMessage(message);
	}

	dispose(): void {
		this.panel?.dispose();
		this.panel = undefined;
	}
}
