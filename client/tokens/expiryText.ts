import { formatDate, summariseExpiry } from '../../core/dhis2/tokens';

export interface ExpiryText {
	/** `in 5 days`, `expired 2 days ago`. */
	readonly relative: string;
	/** `2026-12-04`. */
	readonly date: string;
	readonly expired: boolean;
}

/** `summariseExpiry` split in its two halves, for places with room for only one of them. */
export function expiryText(expire: number, now: number, timeZone: 'local' | 'utc' = 'local'): ExpiryText {
	const date = formatDate(expire, { timeZone });
	const summary = summariseExpiry(expire, now, { timeZone });
	const suffix = ` (${date})`;
	const relative = summary.endsWith(suffix) ? summary.slice(0, -suffix.length) : summary;
	return { relative, date, expired: expire <= now };
}

/** `expires in 5 days` / `expired 2 days ago`: reads as a sentence after a subject. */
export function expiresPhrase(expire: number, now: number): string {
	const { relative, expired } = expiryText(expire, now);
	return expired ? relative : `expires ${relative}`;
}
