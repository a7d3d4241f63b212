import { commands, type Disposable, StatusBarAlignment, type StatusBarItem, window } from 'vscode';
import { type SendProgress } from '../../core/http/send';
import { HTTP_SENDING_CONTEXT, HttpCommandIds } from './commandIds';
import { progressText } from './progressText';

/** The status bar redraws at most this often while a body streams in. */
const REDRAW_MS = 100;

/** One request (or Send All run) on its way: its cancel switch and what the status bar says about it. */
export interface SendingRun {
	readonly signal: AbortSignal;
	progress(method: string, progress: SendProgress | undefined, run?: { index: number; total: number }): void;
	end(): void;
}

/**
 * Requests on their way, shown in the status bar with a spinner; clicking it (or DHIS2: Cancel
 * Request, Ctrl+Alt+K) cancels all of them. Several may run at once, each with its own signal.
 */
export class SendingStatus implements Disposable {
	private readonly item: StatusBarItem;
	private readonly runs = new Set<AbortController>();
	private lastDraw = 0;

	constructor() {
		this.item = window.createStatusBarItem('dhis2.httpSending', StatusBarAlignment.Left, -2);
		this.item.name = 'DHIS2 .http Request';
		this.item.command = HttpCommandIds.cancelRequest;
		this.item.tooltip = 'Sending a .http request. Click to cancel.';
	}

	get busy(): boolean {
		return this.runs.size > 0;
	}

	start(): SendingRun {
		const controller = new AbortController();
		this.runs.add(controller);
		this.setContext();
		return {
			signal: controller.signal,
			progress: (method, progress, run) => {
				const now = Date.now();
				if (progress?.phase === 'receiving' && now - this.lastDraw < REDRAW_MS) return;
				this.lastDraw = now;
				this.item.text = progressText(method, progress, run);
				this.item.show();
			},
			end: () => {
				this.runs.delete(controller);
				this.setContext();
				if (this.runs.size === 0) this.item.hide();
			},
		};
	}

	cancelAll(): boolean {
		if (this.runs.size === 0) return false;
		for (const controller of this.runs) controller.abort();
		return true;
	}

	private setContext(): void {
		void commands.executeCommand('setContext', HTTP_SENDING_CONTEXT, this.runs.size > 0);
	}

	dispose(): void {
		this.cancelAll();
		this.item.dispose();
	}
}
