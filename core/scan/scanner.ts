import { COMMON_PREFIX, type TokenLayout, V1, V2, fingerprint, mask, matchChecksum, tokenLength } from '../token';
import { inlineIgnoreCheck } from './directives';
import { type Finding } from './finding';

export interface ScanOptions {
	/** Report right-shaped strings whose checksum fails. Off by default: callers opt in. */
	readonly includeLookalikes?: boolean;
	/** Skip findings silenced by an inline directive (default true). */
	readonly honourInlineIgnores?: boolean;
}

// Fewer distinct characters than this in a lookalike's body means a placeholder (`d2p_xxxx…`, `d2p_0000…`),
// not a mistyped key: a random 32–44 character alphanumeric body has about 25–30.
const MIN_DISTINCT_BODY_CHARS = 10;

function isAlphanumeric(code: number): boolean {
	return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigit(code: number): boolean {
	return code >= 48 && code <= 57;
}

function allMatch(text: string, from: number, to: number, predicate: (code: number) => boolean): boolean {
	for (let i = from; i < to; i++) {
		if (!predicate(text.charCodeAt(i))) return false;
	}
	return true;
}

function isHexDigit(code: number): boolean {
	return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/**
 * True when the characters just before `end` are an escape sequence: `\n` (JSON, notebooks, logs),
 * `\x27`, `\u0027` (HTML-safe JSON encoders) or `%22` (percent-encoded URLs and form bodies). The escape
 * stands for a separator, but its last character is alphanumeric, so it would otherwise glue onto the token.
 */
function escapeEndsAt(text: string, end: number): boolean {
	const backslash = 92;
	const isHexRun = (from: number): boolean => allMatch(text, from, end, isHexDigit);
	if (end >= 2 && text.charCodeAt(end - 2) === backslash) return true;
	if (end >= 3 && text.charCodeAt(end - 3) === 37 /* % */ && isHexRun(end - 2)) return true;
	if (end >= 4 && text.charCodeAt(end - 4) === backslash && text.charCodeAt(end - 3) === 120 /* x */ && isHexRun(end - 2)) return true;
	return end >= 6 && text.charCodeAt(end - 6) === backslash && text.charCodeAt(end - 5) === 117 /* u */ && isHexRun(end - 4);
}

/** A token must not be the tail of a longer word, unless that "word" is an escape sequence standing for a separator. */
function hasLeftBoundary(text: string, start: number): boolean {
	if (start === 0) return true;
	if (!isAlphanumeric(text.charCodeAt(start - 1))) return true;
	return escapeEndsAt(text, start);
}

function distinctCount(text: string): number {
	return new Set(text).size;
}

function layoutAt(text: string, start: number): TokenLayout | undefined {
	// `d2p` is already matched; the fourth character tells the layouts apart.
	const fourth = text.charCodeAt(start + 3);
	if (fourth === 95 /* _ */) return V2;
	if (fourth === 97 /* a */ && text.startsWith('t_', start + 4)) return V1;
	return undefined;
}

function candidateAt(text: string, start: number, options: ScanOptions): Finding | undefined {
	const layout = layoutAt(text, start);
	if (!layout) return undefined;
	const end = start + tokenLength(layout);
	if (end > text.length) return undefined;
	if (end < text.length && isAlphanumeric(text.charCodeAt(end))) return undefined;
	const bodyStart = start + layout.prefix.length;
	const checksumStart = bodyStart + layout.bodyLength;
	if (!allMatch(text, bodyStart, checksumStart, isAlphanumeric)) return undefined;
	if (!allMatch(text, checksumStart, end, layout === V1 ? isDigit : isAlphanumeric)) return undefined;

	const body = text.slice(bodyStart, checksumStart);
	const match = matchChecksum(layout, body, text.slice(checksumStart, end));
	if (!match) {
		if (!options.includeLookalikes) return undefined;
		if (!hasLeftBoundary(text, start) || text.charCodeAt(start - 1) === 92) return undefined;
		if (distinctCount(body) < MIN_DISTINCT_BODY_CHARS) return undefined;
	} else if (!hasLeftBoundary(text, start)) {
		return undefined;
	}
	const token = text.slice(start, end);
	return {
		kind: match ? 'token' : 'lookalike',
		version: layout.version,
		...(match ? { checksum: match.variant, era: match.era } : {}),
		start,
		end,
		token,
		masked: mask(token),
		fingerprint: fingerprint(token),
	};
}

/**
 * Finds DHIS2 personal access tokens in `text`: a literal `d2p` prefilter (indexOf, no regex),
 * then shape, then checksum. Findings come back in offset order.
 */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
	const findings: Finding[] = [];
	const honourIgnores = options.honourInlineIgnores ?? true;
	const ignored = inlineIgnoreCheck(text);
	let from = 0;
	for (;;) {
		const start = text.indexOf(COMMON_PREFIX, from);
		if (start < 0) break;
		const finding = candidateAt(text, start, options);
		if (finding && !(honourIgnores && ignored(start))) {
			findings.push(finding);
			from = finding.end;
		} else {
			from = start + COMMON_PREFIX.length;
		}
	}
	return findings;
}
