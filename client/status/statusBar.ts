import { type Disposable, StatusBarAlignment, type StatusBarItem, ThemeColor, window } from 'vscode';
import { type TokenVault } from '../../core/vault';
import { type ServerRegistry } from '../servers/serverRegistry';
import { statusModel } from './statusModel';

/** Relative expiry ("in 5 hours") goes stale: redraw every few minutes. */
const REDRAW_EVERY_MS = 5 * 60 * 1000;

/** The active server and when its `.http` token expires; click → the Tokens view. */
export class TokenStatusBar implements Disposable {
	private readonly item: StatusBarItem;
	private readonly subscriptions: { dispose(): unknown }[];
	private readonly timer: ReturnType<typeof setInterval>;

	constructor(
		private readonly registry: ServerRegistry,
		private readonly vault: TokenVault,
		private readonly options: { now(): number; warningDays(): number; command: string },
	) {
		this.item = window.createStatusBarItem('dhis2.tokenStatus', StatusBarAlignment.Left, 0);
		this.item.name = 'DHIS2 Token';
		this.item.command = options.command;
		this.subscriptions = [registry.onDidChange(() => this.update()), vault.onDidChange(() => this.update())];
		this.timer = setInterval(() => this.update(), REDRAW_EVERY_MS);
		this.update();
	}

	update(): void {
		const servers = this.registry.list();
		const model = statusModel({
			servers,
			stored: this.vault.list(),
			activeIds: Object.fromEntries(servers.map((server) => [server.url, this.vault.activeId(server.url)])),
			now: this.options.now(),
			warningDays: this.options.warningDays(),
		});
		if (!model) {
			this.item.hide();
			return;
		}
		this.item.text = `$(key) ${model.text}`;
		this.item.tooltip = model.tooltip;
		this.item.backgroundColor = model.severity === 'normal' ? undefined : new ThemeColor(model.severity === 'error' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
		this.item.show();
	}

	dispose(): void {
		clearInterval(this.timer);
		for (const subscription of this.subscriptions) subscription.dispose();
		this.item.dispose();
	}
}
