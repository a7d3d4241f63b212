/** A `# @key value` or `// @key value` line, with offsets into the line. */
export interface DirectiveLine {
	readonly key: string;
	readonly keyStart: number;
	readonly keyEnd: number;
	readonly value: string;
	readonly valueStart: number;
	readonly valueEnd: number;
}

const DIRECTIVE = /^(\s*(?:#|\/\/)\s*)@([A-Za-z][\w-]*)/;

export function matchDirective(text: string): DirectiveLine | undefined {
	const match = DIRECTIVE.exec(text);
	if (!match) return undefined;
	const keyStart = (match[1] ?? '').length + 1;
	const key = match[2] ?? '';
	const keyEnd = keyStart + key.length;
	// JetBrains also writes `# @name = value`.
	const rest = /^(\s*(?:=\s*)?)(.*?)\s*$/.exec(text.slice(keyEnd));
	const valueStart = keyEnd + (rest?.[1] ?? '').length;
	const value = rest?.[2] ?? '';
	return { key, keyStart, keyEnd, value, valueStart, valueEnd: valueStart + value.length };
}

export const isCommentLine = (text: string): boolean => /^\s*(?:#|\/\/)/.test(text);

/** Directives other tools define that mean nothing here and are harmless to ignore. */
export const IGNORED_DIRECTIVES: readonly string[] = ['no-log'];
export const KNOWN_DIRECTIVES: readonly string[] = ['name', 'note', 'no-redirect', 'no-cookie-jar', 'timeout', ...IGNORED_DIRECTIVES];

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000 };
/** Longest timeout accepted: a day. Anything longer is almost certainly a typo. */
const MAX_TIMEOUT_MS = 86_400_000;

/** `5000`, `5000 ms`, `5 s`, `2 m`, `1.5s` → milliseconds; `undefined` when the text is not such a duration. */
export function parseTimeout(text: string): number | undefined {
	const match = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min)?$/.exec(text.trim());
	if (!match) return undefined;
	const ms = Math.round(Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1));
	return ms > 0 && ms <= MAX_TIMEOUT_MS ? ms : undefined;
}
