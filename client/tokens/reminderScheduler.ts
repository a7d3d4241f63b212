import { commands, type Disposable, type Memento, window } from 'vscode';
import { expiringTokens } from '../../core/lifecycle';
import { type TokenVault } from '../../core/vault';
import { type Logger } from '../logger';
import { type ServerRegistry } from '../servers/serverRegistry';
import { dueReminders, REMINDER_LEDGER_KEY, type ReminderLedger, reminderNotices, updatedLedger } from './reminders';

/** Checked hourly; the ledger makes it at most one reminder per token per day, in every window together. */
const CHECK_EVERY_MS = 60 * 60 * 1000;
/** After activation, let the window settle before the first check. */
const FIRST_CHECK_AFTER_MS = 10_000;

export interface ReminderOptions {
	readonly warningDays: () => number;
	readonly now: () => number;
	readonly rotateCommand: string;
	readonly showTokensCommand: string;
}

/**
 * Expiry reminders for stored tokens, at activation and then through the day. Disposing stops
 * the timers (the extension's deactivation does that through `context.subscriptions`).
 */
export class ReminderScheduler implements Disposable {
	private readonly first: ReturnType<typeof setTimeout>;
	private readonly timer: ReturnType<typeof setInterval>;
	private running = false;

	constructor(
		private readonly vault: TokenVault,
		private readonly registry: ServerRegistry,
		private readonly globalState: Memento,
		private readonly logger: Logger,
		private readonly options: ReminderOptions,
	) {
		this.first = setTimeout(() => void this.check(), FIRST_CHECK_AFTER_MS);
		this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
	}

	async check(): Promise<void> {
		const days = this.options.warningDays();
		if (this.running || days <= 0) return;
		this.running = true;
		try {
			const now = this.options.now();
			const ledger = this.globalState.get<ReminderLedger>(REMINDER_LEDGER_KEY) ?? {};
			const due = dueReminders(expiringTokens(this.vault, days, now), ledger, now);
			// Written before showing: a second window checking meanwhile then finds them reminded.
			await this.globalState.update(REMINDER_LEDGER_KEY, updatedLedger(ledger, due, this.vault.list(), now));
			for (const notice of reminderNotices(due, (url) => this.registry.labelOf(url), now)) void this.show(notice);
		} catch (error) {
			this.logger.error('Checking token expiry failed', error);
		} finally {
			this.running = false;
		}
	}

	dispose(): void {
		clearTimeout(this.first);
		clearInterval(this.timer);
	}

	private async show(notice: ReturnType<typeof reminderNotices>[number]): Promise<void> {
		const rotate = 'Rotate';
		const show = 'Show Tokens';
		const canRotate = notice.token?.idKnown === true;
		const buttons = canRotate ? [rotate, show] : [show];
		const picked = notice.severity === 'error'
			? await window.showErrorMessage(notice.message, ...buttons)
			: await window.showWarningMessage(notice.message, ...buttons);
		if (picked === rotate && notice.token) {
			await commands.executeCommand(this.options.rotateCommand, { serverUrl: notice.token.serverUrl, id: notice.token.id });
		} else if (picked === show) {
			await commands.executeCommand(this.options.showTokensCommand);
		}
	}
}
