import { type Disposable, type Event, Uri, ViewColumn, type WebviewPanel, window } from 'vscode';
import { type CreatedTokenSummary, GENERATE_TOKEN_VIEW_TYPE } from '../../core/protocol/webview';
import { GenerateTokenController, type GenerateTokenOptions } from './generateTokenController';
import { generateTokenHtml } from './generateTokenHtml';
import { pageOptionsFor } from './pageOptions';

export interface GenerateTokenPanelHooks {
	/** Dropped-message notes for the output channel; never carries message content. */
	readonly log?: (line: string) => void;
}

/**
 * The "Generate DHIS2 Token" editor panel: one at a time (showing it again reveals the open one),
 * scripts from `dist/webview` only, and no retained context, so a hidden panel keeps nothing of
 * the page — the key included — in memory. The behaviour lives in `GenerateTokenController`.
 */
export class GenerateTokenPanel {
	static readonly viewType = GENERATE_TOKEN_VIEW_TYPE;
	private static current: GenerateTokenPanel | undefined;

	private readonly disposables: Disposable[] = [];
	private readonly controller: GenerateTokenController;
	private disposed = false;

	/**
	 * Opens the form, or reveals it if it is already open (the open one keeps its own options: it
	 * may be half filled in or showing a result).
	 */
	static show(extensionUri: Uri, options: GenerateTokenOptions, hooks: GenerateTokenPanelHooks = {}): GenerateTokenPanel {
		const open = GenerateTokenPanel.current;
		if (open !== undefined) {
			open.panel.reveal();
			return open;
		}
		const webviewRoot = Uri.joinPath(extensionUri, 'dist', 'webview');
		const panel = window.createWebviewPanel(GenerateTokenPanel.viewType, 'Generate DHIS2 Token', ViewColumn.Active, {
			enableScripts: true,
			retainContextWhenHidden: false,
			localResourceRoots: [webviewRoot],
		});
		GenerateTokenPanel.current = new GenerateTokenPanel(panel, webviewRoot, options, hooks);
		return GenerateTokenPanel.current;
	}

	/** Fires once when the panel closes (Done, Cancel, or the editor tab closed). */
	get onDidDispose(): Event<void> {
		return this.panel.onDidDispose;
	}

	/** The open panel, if any (for commands that want to close or inspect it). */
	static get currentPanel(): GenerateTokenPanel | undefined {
		return GenerateTokenPanel.current;
	}

	private constructor(private readonly panel: WebviewPanel, webviewRoot: Uri, options: GenerateTokenOptions, hooks: GenerateTokenPanelHooks) {
		this.controller = new GenerateTokenController(panel.webview, options, {
			close: () => this.dispose(),
			createdUnseen: (token) => this.announceUnseen(token),
			...(hooks.log === undefined ? {} : { log: hooks.log }),
		});
		const { webview } = panel;
		webview.html = generateTokenHtml(pageOptionsFor(webview, webviewRoot, 'generateToken'));
		this.disposables.push(
			webview.onDidReceiveMessage((message: unknown) => {
				this.controller.receive(message).catch((error: unknown) => {
					hooks.log?.(`The generate-token page's request failed: ${error instanceof Error ? error.name : 'unknown error'}.`);
				});
			}),
			// Without retained context a hidden page is destroyed; it says `ready` again once shown.
			panel.onDidChangeViewState(({ webviewPanel }) => {
				if (!webviewPanel.visible) this.controller.pageGone();
			}),
			panel.onDidDispose(() => this.dispose()),
		);
	}

	private announceUnseen(token: CreatedTokenSummary): void {
		const name = token.name === undefined ? token.tokenId : `"${token.name}"`;
		void window.showInformationMessage(
			`DHIS2: token ${name} was created on ${token.serverLabel} and its key stored in VS Code (${token.masked}). Copy it from the DHIS2 Tokens view.`,
		);
	}

	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		if (GenerateTokenPanel.current === this) GenerateTokenPanel.current = undefined;
		this.controller.dispose();
		// Disposing the panel fires onDidDispose, which lands back here and returns at the guard.
		this.panel.dispose();
		for (const disposable of this.disposables.splice(0)) disposable.dispose();
	}
}
