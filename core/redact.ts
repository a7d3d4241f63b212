import { scanText } from './scan/scanner';
import { COMMON_PREFIX, layoutOf, mask, tokenLength, verifyToken } from './token';

interface Span {
	readonly start: number;
	readonly end: number;
}

/**
 * Checksum-valid tokens glued to other word characters (`ApiTokend2p_…` from a header missing its space).
 * The scanner rightly skips those as not standing alone, but a log must not leak them either.
 */
function gluedTokens(text: string): Span[] {
	const spans: Span[] = [];
	for (let start = text.indexOf(COMMON_PREFIX); start >= 0; start = text.indexOf(COMMON_PREFIX, start + 1)) {
		const layout = layoutOf(text.slice(start, start + 6));
		if (!layout) continue;
		const candidate = text.slice(start, start + tokenLength(layout));
		if (verifyToken(candidate)) spans.push({ start, end: start + candidate.length });
	}
	return spans;
}

/** Sorted, with overlaps joined: a lookalike can run into a glued token (`d2p_…d2p` + `_…`), and both must go. */
function merge(spans: readonly Span[]): Span[] {
	const merged: { start: number; end: number }[] = [];
	for (const span of [...spans].sort((a, b) => a.start - b.start)) {
		const previous = merged.at(-1);
		if (previous && span.start < previous.end) previous.end = Math.max(previous.end, span.end);
		else merged.push({ start: span.start, end: span.end });
	}
	return merged;
}

/**
 * Replaces every token and lookalike in `text` with its masked form. Every log line passes through
 * this, so a key that reaches a message by accident (an error echoing a request, a file excerpt)
 * is still never written out.
 */
export function redactTokens(text: string): string {
	if (!text.includes(COMMON_PREFIX)) return text;
	const findings = scanText(text, { includeLookalikes: true, honourInlineIgnores: false });
	let result = '';
	let last = 0;
	for (const { start, end } of merge([...findings, ...gluedTokens(text)])) {
		result += text.slice(last, start) + mask(text.slice(start, end));
		last = end;
	}
	return result + text.slice(last);
}
