import { scanText } from './scan/scanner';
import { COMMON_PREFIX, layoutOf, mask, tokenLength, verifyToken } from './token';

interface Span {
	readonly start: number;
	readonly end: number;
	readonly masked: string;
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
		if (verifyToken(candidate)) spans.push({ start, end: start + candidate.length, masked: mask(candidate) });
	}
	return spans;
}

/**
 * Replaces every token and lookalike in `text` with its masked form. Every log line passes through
 * this, so a key that reaches a message by accident (an error echoing a request, a file excerpt)
 * is still never written out.
 */
export function redactTokens(text: string): string {
	if (!text.includes(COMMON_PREFIX)) return text;
	const spans: Span[] = [...scanText(text, { includeLookalikes: true, honourInlineIgnores: false }), ...gluedTokens(text)];
	spans.sort((a, b) => a.start - b.start);
	let result = '';
	let last = 0;
	for (const span of spans) {
		if (span.start < last) continue; // the same token found both ways
		result += text.slice(last, span.start) + span.masked;
		last = span.end;
	}
	return result + text.slice(last);
}
