import { type Evaluation, evaluated, failed } from './context';

const OFFSET_UNITS = ['ms', 's', 'm', 'h', 'd', 'w', 'M', 'y'] as const;
type OffsetUnit = (typeof OFFSET_UNITS)[number];

/** `now` moved by `amount` units (REST Client's `{{$timestamp -1 d}}`), in UTC so the result does not depend on the machine. */
export function shifted(now: Date, amount: number, unit: OffsetUnit): Date {
	const date = new Date(now.getTime());
	switch (unit) {
		case 'y': date.setUTCFullYear(date.getUTCFullYear() + amount); break;
		case 'M': date.setUTCMonth(date.getUTCMonth() + amount); break;
		case 'w': date.setTime(date.getTime() + amount * 604_800_000); break;
		case 'd': date.setTime(date.getTime() + amount * 86_400_000); break;
		case 'h': date.setTime(date.getTime() + amount * 3_600_000); break;
		case 'm': date.setTime(date.getTime() + amount * 60_000); break;
		case 's': date.setTime(date.getTime() + amount * 1000); break;
		case 'ms': date.setTime(date.getTime() + amount); break;
	}
	return date;
}

/** Applies an optional `<amount> <unit>` pair of arguments. */
export function withOffset(now: Date, args: readonly string[], variable: string): { ok: true; date: Date } | { ok: false; message: string } {
	if (args.length === 0) return { ok: true, date: now };
	const [amount = '', unit = ''] = args;
	if (args.length !== 2 || !/^[+-]?\d+$/.test(amount) || !(OFFSET_UNITS as readonly string[]).includes(unit)) {
		return { ok: false, message: `\`${variable}\` takes an optional offset such as \`-1 d\` (units: ${OFFSET_UNITS.join(', ')})` };
	}
	return { ok: true, date: shifted(now, Number(amount), unit as OffsetUnit) };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Day.js-style tokens REST Client documents for `{{$datetime "…"}}`; other letters stay as written. UTC. */
function formatCustom(date: Date, format: string): string {
	const tokens: Record<string, () => string> = {
		YYYY: () => pad(date.getUTCFullYear(), 4),
		YY: () => pad(date.getUTCFullYear() % 100),
		MM: () => pad(date.getUTCMonth() + 1),
		M: () => String(date.getUTCMonth() + 1),
		DD: () => pad(date.getUTCDate()),
		D: () => String(date.getUTCDate()),
		HH: () => pad(date.getUTCHours()),
		H: () => String(date.getUTCHours()),
		mm: () => pad(date.getUTCMinutes()),
		m: () => String(date.getUTCMinutes()),
		ss: () => pad(date.getUTCSeconds()),
		s: () => String(date.getUTCSeconds()),
		SSS: () => pad(date.getUTCMilliseconds(), 3),
		Z: () => '+00:00',
	};
	return format.replace(/YYYY|YY|SSS|MM|M|DD|D|HH|H|mm|m|ss|s|Z/g, (token) => tokens[token]?.() ?? token);
}

/** `{{$datetime iso8601|rfc1123|"format" [offset unit]}}`. */
export function formatDatetime(now: Date, args: readonly string[]): Evaluation {
	const [format, ...offset] = args;
	if (format === undefined) return failed('`$datetime` needs a format: `iso8601`, `rfc1123` or a quoted pattern such as "YYYY-MM-DD"');
	const date = withOffset(now, offset, '$datetime');
	if (!date.ok) return failed(date.message);
	if (format === 'iso8601') return evaluated(date.date.toISOString());
	if (format === 'rfc1123') return evaluated(date.date.toUTCString());
	const quoted = /^(["'])(.*)\1$/.exec(format);
	if (quoted) return evaluated(formatCustom(date.date, quoted[2] ?? ''));
	return failed(`Unknown \`$datetime\` format \`${format}\`: use iso8601, rfc1123 or a quoted pattern such as "YYYY-MM-DD"`);
}
