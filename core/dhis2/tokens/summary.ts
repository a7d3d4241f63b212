import { type TokenRestrictions } from './attributes';
import { DAY_MS } from './expiry';

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** One line for a tree item or a status bar: "GET only · 2 IPs", "GET, POST · 1 referrer", "any method". */
export function summariseRestrictions(restrictions: TokenRestrictions): string {
	const methods = restrictions.allowedMethods;
	const parts = [methods.length === 0 ? 'any method' : methods.length === 1 ? `${methods[0] ?? ''} only` : methods.join(', ')];
	if (restrictions.allowedIps.length > 0) parts.push(plural(restrictions.allowedIps.length, 'IP'));
	if (restrictions.allowedReferrers.length > 0) parts.push(plural(restrictions.allowedReferrers.length, 'referrer'));
	return parts.join(' · ');
}

export interface DateFormatOptions {
	/** `local` (default) for people; `utc` for reproducible output (tests, logs). */
	readonly timeZone?: 'local' | 'utc';
}

/** `YYYY-MM-DD`, without depending on `Intl` locale data. */
export function formatDate(epochMs: number, options: DateFormatOptions = {}): string {
	const date = new Date(epochMs);
	const utc = options.timeZone === 'utc';
	const year = utc ? date.getUTCFullYear() : date.getFullYear();
	const month = (utc ? date.getUTCMonth() : date.getMonth()) + 1;
	const day = utc ? date.getUTCDate() : date.getDate();
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function relative(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	if (minutes < 60) return plural(Math.max(minutes, 1), 'minute');
	const hours = Math.round(ms / 3_600_000);
	if (hours < 24) return plural(hours, 'hour');
	return plural(Math.round(ms / DAY_MS), 'day');
}

/** "in 5 days (2026-12-04)", "expired 2 days ago (2026-11-27)". */
export function summariseExpiry(expire: number, now: number, options: DateFormatOptions = {}): string {
	const date = formatDate(expire, options);
	return expire > now ? `in ${relative(expire - now)} (${date})` : `expired ${relative(now - expire)} ago (${date})`;
}

export type ExpiryState = 'expired' | 'expiring-soon' | 'valid';

/** For icons and reminders: DHIS2 treats a token as expired once `expire <= now`. */
export function expiryState(expire: number, now: number, warningDays: number): ExpiryState {
	if (expire <= now) return 'expired';
	return expire - now <= warningDays * DAY_MS ? 'expiring-soon' : 'valid';
}
