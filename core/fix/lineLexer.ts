/**
 * A one-line lexer: enough to tell whether a token sits in a string literal, a comment or bare code,
 * and where that literal's delimiters are. It starts every line in code, so a construct opened on an
 * earlier line (a triple-quoted string, a block comment) is not seen; limiting the damage of a misread
 * to one line is worth more here than full-file accuracy.
 */

/** How a string's body escapes its closing delimiter. */
export type Escape =
	/** `\"` (C family, Python, YAML double quotes). */
	| 'backslash'
	/** `''` (YAML and PowerShell single quotes, C# verbatim `@"…"`). */
	| 'doubled'
	/** Nothing escapes: raw strings, shell single quotes. */
	| 'none'
	/** PowerShell double quotes: `` `" `` and `""`. */
	| 'backtick';

export interface QuoteOpening {
	/** Letters or sigils before the delimiter: `f`, `rb`, `@`, `$`, `r#`. */
	readonly prefix: string;
	readonly open: string;
	readonly close: string;
	readonly escape: Escape;
	/** A character or regular-expression literal: never a value to move, but must be skipped over. */
	readonly opaque?: boolean;
	/** The whole literal's length, when the matcher already found its end (a regex's `/` inside `[…]`). */
	readonly length?: number;
}

/** Recognises a string opening at `index`, or returns `undefined`. */
export type QuoteMatcher = (line: string, index: number) => QuoteOpening | undefined;

export interface LineCommentRule {
	readonly marker: string;
	/** Shell and YAML: `#` opens a comment only at the start of a word. */
	readonly atWordStart?: boolean;
	/** `.http`: a comment only when it is the first thing on the line. */
	readonly atLineStart?: boolean;
	/** PHP: `#[` is an attribute, not a comment. */
	readonly notFollowedBy?: string;
}

export interface LexerSpec {
	readonly lineComments: readonly LineCommentRule[];
	readonly blockComments: readonly (readonly [open: string, close: string])[];
	readonly quotes: readonly QuoteMatcher[];
}

export interface StringLiteral {
	/** Where the prefix (or the opening delimiter, without one) starts. */
	readonly start: number;
	readonly contentStart: number;
	readonly contentEnd: number;
	/** After the closing delimiter; the line's end when the string runs on. */
	readonly end: number;
	readonly prefix: string;
	readonly open: string;
	readonly close: string;
	readonly escape: Escape;
	readonly terminated: boolean;
}

export interface LexedLine {
	readonly strings: readonly StringLiteral[];
	/** `[start, end)` of every comment on the line. */
	readonly comments: readonly (readonly [number, number])[];
	/** The line ends inside a string or block comment: text appended to it would not be code. */
	readonly endsInside: boolean;
}

const WORD_CHAR = /[\w$]/;

export function isWordChar(char: string | undefined): boolean {
	return char !== undefined && WORD_CHAR.test(char);
}

/** A matcher for `open`…`close` strings, optionally after one of `prefixes` (case-insensitive, at a word start). */
export function quote(
	open: string,
	escape: Escape,
	options: {
		prefixes?: readonly string[];
		/** Only with one of `prefixes` (shell `$'…'` escapes differently from `'…'`). */
		prefixRequired?: boolean;
		close?: string;
		/** Where a quote opens a string at all (YAML: only at the start of a value). */
		when?: (line: string, index: number) => boolean;
	} = {},
): QuoteMatcher {
	// Longest prefix first, so `rb"` is not read as `r` then `b"`.
	const prefixes = [...(options.prefixes ?? []), ...(options.prefixRequired ? [] : [''])].sort((a, b) => b.length - a.length);
	const close = options.close ?? open;
	// Most characters can start no string: one set lookup turns them away (a minified line is long).
	const firstChars = new Set(prefixes.map((prefix) => (prefix === '' ? open : prefix).charAt(0).toLowerCase()));
	return (line, index) => {
		if (!firstChars.has((line[index] ?? '').toLowerCase())) return undefined;
		if (options.when && !options.when(line, index)) return undefined;
		for (const prefix of prefixes) {
			if (line.slice(index, index + prefix.length).toLowerCase() !== prefix.toLowerCase()) continue;
			if (!line.startsWith(open, index + prefix.length)) continue;
			if (prefix !== '' && isWordChar(line[index - 1])) continue;
			return { prefix: line.slice(index, index + prefix.length), open, close, escape };
		}
		return undefined;
	};
}

/** `'a'`, `'\n'`, `'\u{1F600}'`; a lone `'` (a Rust lifetime) is not a literal. */
export const charLiteral: QuoteMatcher = (line, index) => {
	if (line[index] !== "'") return undefined;
	if (line[index + 1] === '\\') {
		const close = line.indexOf("'", index + 3);
		return close < 0 ? undefined : { prefix: '', open: "'", close: "'", escape: 'backslash', opaque: true };
	}
	if (line[index + 2] === "'") return { prefix: '', open: "'", close: "'", escape: 'none', opaque: true };
	// An astral character is two UTF-16 units.
	if (line[index + 3] === "'" && /[\uD800-\uDBFF]/.test(line[index + 1] ?? '')) {
		return { prefix: '', open: "'", close: "'", escape: 'none', opaque: true };
	}
	return undefined;
};

// After these (or at the line's start) a `/` starts a regular expression; elsewhere it divides.
const BEFORE_REGEX = /(?:^|[(,=:[!&|?{};]|\breturn|\btypeof)\s*$/;

/** A JavaScript regular-expression literal, so a quote inside one (`/"/`) is not read as a string. */
export const regexLiteral: QuoteMatcher = (line, index) => {
	if (line[index] !== '/' || line[index + 1] === '/' || line[index + 1] === '*') return undefined;
	if (!BEFORE_REGEX.test(line.slice(Math.max(0, index - 40), index))) return undefined;
	let inClass = false;
	for (let at = index + 1; at < line.length; at++) {
		const char = line[at];
		if (char === '\\') at += 1;
		else if (char === '[') inClass = true;
		else if (char === ']') inClass = false;
		else if (char === '/' && !inClass) return { prefix: '', open: '/', close: '/', escape: 'backslash', opaque: true, length: at + 1 - index };
	}
	return undefined;
};

function endOfString(line: string, from: number, opening: QuoteOpening): { contentEnd: number; end: number; terminated: boolean } {
	const { close, escape } = opening;
	let index = from;
	while (index < line.length) {
		const char = line[index];
		if (escape === 'backslash' && char === '\\') {
			index += 2;
			continue;
		}
		if (escape === 'backtick' && char === '`') {
			index += 2;
			continue;
		}
		if (line.startsWith(close, index)) {
			const doubles = escape === 'doubled' || escape === 'backtick';
			if (doubles && close.length === 1 && line[index + 1] === close) {
				index += 2;
				continue;
			}
			return { contentEnd: index, end: index + close.length, terminated: true };
		}
		index += 1;
	}
	return { contentEnd: line.length, end: line.length, terminated: false };
}

function opensLineComment(line: string, index: number, rule: LineCommentRule): boolean {
	if (!line.startsWith(rule.marker, index)) return false;
	if (rule.atWordStart && index > 0 && !/\s/.test(line[index - 1] ?? '')) return false;
	if (rule.atLineStart && line.slice(0, index).trim() !== '') return false;
	if (rule.notFollowedBy && line.startsWith(rule.notFollowedBy, index + rule.marker.length)) return false;
	return true;
}

export function lexLine(line: string, spec: LexerSpec): LexedLine {
	const strings: StringLiteral[] = [];
	const comments: [number, number][] = [];
	let index = 0;
	outer: while (index < line.length) {
		for (const rule of spec.lineComments) {
			if (opensLineComment(line, index, rule)) {
				comments.push([index, line.length]);
				return { strings, comments, endsInside: false };
			}
		}
		for (const [open, close] of spec.blockComments) {
			if (!line.startsWith(open, index)) continue;
			const closeAt = line.indexOf(close, index + open.length);
			if (closeAt < 0) {
				comments.push([index, line.length]);
				return { strings, comments, endsInside: true };
			}
			comments.push([index, closeAt + close.length]);
			index = closeAt + close.length;
			continue outer;
		}
		for (const matcher of spec.quotes) {
			const opening = matcher(line, index);
			if (!opening) continue;
			const contentStart = index + opening.prefix.length + opening.open.length;
			const { contentEnd, end, terminated } =
				opening.length === undefined
					? endOfString(line, contentStart, opening)
					: { contentEnd: index + opening.length - opening.close.length, end: index + opening.length, terminated: true };
			if (!opening.opaque) {
				strings.push({ start: index, contentStart, contentEnd, end, terminated, ...opening });
			}
			if (!terminated) return { strings, comments, endsInside: true };
			index = end;
			continue outer;
		}
		index += 1;
	}
	return { strings, comments, endsInside: false };
}

/** The closest non-blank character before `index` that is code (outside strings and comments), if any. */
export function codeCharBefore(line: string, lexed: LexedLine, index: number): string | undefined {
	for (let at = index - 1; at >= 0; at--) {
		const char = line[at] ?? '';
		if (/\s/.test(char)) continue;
		const literal = lexed.strings.find((s) => at >= s.start && at < s.end);
		if (literal) return line[literal.end - 1];
		return char;
	}
	return undefined;
}

/** The first non-blank character at or after `index`, if any. */
export function charAfter(line: string, index: number): string | undefined {
	const match = /\S/.exec(line.slice(index));
	return match?.[0];
}

/** How many `(`, `[` and `{` opened in code before `index` are still open there. */
export function openBracketsBefore(line: string, lexed: LexedLine, index: number): number {
	let depth = 0;
	for (let at = 0; at < index; at++) {
		const literal = lexed.strings.find((s) => at >= s.start && at < s.end);
		if (literal) {
			at = literal.end - 1;
			continue;
		}
		if (lexed.comments.some(([start, end]) => at >= start && at < end)) break;
		const char = line[at];
		if (char === '(' || char === '[' || char === '{') depth += 1;
		else if ((char === ')' || char === ']' || char === '}') && depth > 0) depth -= 1;
	}
	return depth;
}
