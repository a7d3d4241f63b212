import { formatDate, TOKEN_NAME_MAX_LENGTH } from '../dhis2/tokens';

const ROTATED_SUFFIX = /\s*\(rotated \d{4}-\d{2}-\d{2}(?: #\d+)?\)$/;

/**
 * `<name> (rotated 2026-11-29)`, then `… #2`, `… #3` while taken. Names are unique on the server and
 * the old token still holds the original until it is revoked, so the new one needs another name.
 * An earlier rotation's suffix is replaced rather than stacked, and the name is cut to fit 50 chars.
 */
export function rotatedName(name: string, now: number, attempt = 1): string {
	const base = name.replace(ROTATED_SUFFIX, '').trim();
	const suffix = ` (rotated ${formatDate(now, { timeZone: 'utc' })}${attempt > 1 ? ` #${attempt}` : ''})`;
	return `${base.slice(0, Math.max(TOKEN_NAME_MAX_LENGTH - suffix.length, 0)).trimEnd()}${suffix}`;
}
