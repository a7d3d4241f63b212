import { type StoredToken } from '../../core/vault';
import { expiryText } from './expiryText';
import { tokenKey } from './tokenRows';

/** globalState key of the ledger: shared by all windows, so two windows don't remind twice either. */
export const REMINDER_LEDGER_KEY = 'dhis2-pat.reminders';
export const EXPIRY_WARNING_DAYS_SETTING = 'dhis2.tokens.expiryWarningDays';
export const DEFAULT_EXPIRY_WARNING_DAYS = 7;

/** When each token was last reminded of (epoch ms), by `tokenKey`. */
export type ReminderLedger = Readonly<Record<string, number>>;

function localDay(epochMs: number): string {
	const date = new Date(epochMs);
	return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/**
 * Of the tokens about to expire (or expired), those to remind of now: at most once a calendar day
 * while the token is expiring, and once more after it expired — then never again, because a
 * reminder a day about a dead token is noise.
 */
export function dueReminders(expiring: readonly StoredToken[], ledger: ReminderLedger, now: number): StoredToken[] {
	return expiring.filter((token) => {
		const last = ledger[tokenKey(token.serverUrl, token.id)];
		if (last === undefined) return true;
		if (token.expire <= now) return last < token.expire;
		return localDay(last) !== localDay(now);
	});
}

/** The ledger after reminding of `reminded`, without entries of tokens no longer stored. */
export function updatedLedger(ledger: ReminderLedger, reminded: readonly StoredToken[], stored: readonly StoredToken[], now: number): Record<string, number> {
	const live = new Set(stored.map((token) => tokenKey(token.serverUrl, token.id)));
	const next: Record<string, number> = {};
	for (const [key, when] of Object.entries(ledger)) if (live.has(key)) next[key] = when;
	for (const token of reminded) next[tokenKey(token.serverUrl, token.id)] = now;
	return next;
}

export interface ReminderNotice {
	readonly message: string;
	/** The token "Rotate" acts on; absent when one notice covers several tokens. */
	readonly token?: StoredToken;
	readonly severity: 'warning' | 'error';
}

/** Up to this many tokens get a notice each (with its own Rotate); more share one summary. */
export const MAX_SEPARATE_NOTICES = 3;

/** The notifications for `due`: one per token with a Rotate button, or one summary when there are many. */
export function reminderNotices(due: readonly StoredToken[], labelOf: (serverUrl: string) => string, now: number): ReminderNotice[] {
	if (due.length > MAX_SEPARATE_NOTICES) {
		const expired = due.filter((token) => token.expire <= now).length;
		return [{
			message: `${due.length} DHIS2 tokens stored in VS Code ${expired === due.length ? 'have expired' : expired > 0 ? `expire soon or have expired (${expired})` : 'expire soon'}. Rotate them from the DHIS2 Tokens view.`,
			severity: expired > 0 ? 'error' : 'warning',
		}];
	}
	return due.map((token): ReminderNotice => {
		const { relative, date, expired } = expiryText(token.expire, now);
		const name = token.name ? `"${token.name}"` : token.idKnown ? token.id : token.masked;
		if (token.expireKnown === false) {
			// Only a lower bound is known (an unidentified import): say so rather than claim a date.
			const message = `DHIS2 token ${name} on ${labelOf(token.serverUrl)} may ${expired ? 'have expired' : `expire as early as ${date}`}; its exact expiry is unknown. Generate a replacement and forget this key when it stops working.`;
			return { message, severity: 'warning' };
		}
		const message = expired
			? `DHIS2 token ${name} on ${labelOf(token.serverUrl)} ${relative} (${date}). Rotate it to get a working one.`
			: `DHIS2 token ${name} on ${labelOf(token.serverUrl)} expires ${relative} (${date}). Rotate it before it stops working.`;
		return { message, token, severity: expired ? 'error' : 'warning' };
	});
}

/** The setting as the user may have typed it: a whole number of days from 0 (off) up. */
export function warningDaysFrom(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : DEFAULT_EXPIRY_WARNING_DAYS;
}
