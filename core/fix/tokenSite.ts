import { type LanguageProfile } from './languages';
import { type LexedLine, type StringLiteral, lexLine } from './lineLexer';
import { type TextLine, lineAt } from './textLines';

/**
 * Where a token sits on its line. Offsets inside `lexed` and `literal` are relative to `line.start`.
 * - `literal`: inside a string literal's content.
 * - `bare`: outside quotes where the language takes unquoted values (YAML, shell, `.http`).
 * - `comment` / `code`: no value to move (a comment, or code the lexer cannot place).
 */
export type TokenSite =
	| { readonly kind: 'literal'; readonly line: TextLine; readonly lexed: LexedLine; readonly literal: StringLiteral }
	| { readonly kind: 'bare' | 'comment' | 'code'; readonly line: TextLine; readonly lexed: LexedLine };

const EMPTY_LEX: LexedLine = { strings: [], comments: [], endsInside: false };

export function locateToken(text: string, start: number, end: number, profile: LanguageProfile): TokenSite {
	return siteLocator(text, profile)(start, end);
}

/** `locateToken` for many tokens: a line holding several (a minified bundle) is lexed once. */
export function siteLocator(text: string, profile: LanguageProfile): (start: number, end: number) => TokenSite {
	let last: { line: TextLine; lexed: LexedLine } | undefined;
	return (start, end) => {
		if (!last || start < last.line.start || start > last.line.end) {
			const line = lineAt(text, start);
			last = { line, lexed: profile.lexer ? lexLine(line.text, profile.lexer) : EMPTY_LEX };
		}
		return siteIn(last.line, last.lexed, start, end, profile);
	};
}

function siteIn(line: TextLine, lexed: LexedLine, start: number, end: number, profile: LanguageProfile): TokenSite {
	if (!profile.lexer) return { kind: 'code', line, lexed };
	const from = start - line.start;
	const to = end - line.start;
	if (lexed.comments.some(([commentStart, commentEnd]) => from >= commentStart && from < commentEnd)) {
		return { kind: 'comment', line, lexed };
	}
	const literal = lexed.strings.find((s) => from >= s.contentStart && to <= s.contentEnd);
	if (literal) return { kind: 'literal', line, lexed, literal };
	return { kind: profile.bareTokens ? 'bare' : 'code', line, lexed };
}

/** An odd run of backslashes right before the token escapes its first character: its value is not the token. */
export function isEscapedInLiteral(lineText: string, literal: StringLiteral, from: number): boolean {
	if (literal.escape !== 'backslash') return false;
	let count = 0;
	for (let at = from - 1; at >= literal.contentStart && lineText[at] === '\\'; at--) count += 1;
	return count % 2 === 1;
}
