/** Expiry choices of DHIS2's User Profile app: four presets or a custom date. */
export const EXPIRY_PRESET_DAYS = [7, 30, 60, 90] as const;
export type ExpiryPresetDays = (typeof EXPIRY_PRESET_DAYS)[number];
export const DEFAULT_EXPIRY_DAYS: ExpiryPresetDays = 30;

export type ExpiryChoice =
	| { readonly kind: 'preset'; readonly days: ExpiryPresetDays }
	/** `date` is `YYYY-MM-DD`, as an `<input type="date">` gives it. */
	| { readonly kind: 'custom'; readonly date: string };

export const DAY_MS = 24 * 60 * 60 * 1000;

export type ExpiryResult = { readonly ok: true; readonly expire: number } | { readonly ok: false; readonly reason: string };

/**
 * The `expire` value (epoch ms) to send. A custom date counts from midnight UTC at the start of that
 * day, exactly like the User Profile app (`new Date('YYYY-MM-DD')`), so the same date gives the same
 * token whichever tool created it.
 */
export function expiryToEpoch(choice: ExpiryChoice, now: number): ExpiryResult {
	if (choice.kind === 'preset') {
		if (!(EXPIRY_PRESET_DAYS as readonly number[]).includes(choice.days)) {
			return { ok: false, reason: `choose 7, 30, 60 or 90 days, or a custom date` };
		}
		return { ok: true, expire: now + choice.days * DAY_MS };
	}
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(choice.date.trim());
	if (!match) return { ok: false, reason: 'enter the date as YYYY-MM-DD' };
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const expire = Date.UTC(year, month - 1, day);
	const check = new Date(expire);
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
		return { ok: false, reason: `${choice.date.trim()} is not a date in the calendar` };
	}
	if (expire <= now) return { ok: false, reason: 'the expiry date must be in the future' };
	return { ok: true, expire };
}
