/**
 * Pretty-prints JSON for the response page from its own tokens, so every literal stays exactly as
 * the server wrote it: `JSON.parse` + `stringify` would round 64-bit ids (12345678901234567890 →
 * 12345678901234567000) and rewrite escapes. No DOM here, so unit tests can run it in Node.
 */

export type JsonPieceKind = 'key' | 'string' | 'number' | 'literal' | 'plain';

export interface JsonPiece {
	readonly kind: JsonPieceKind;
	readonly text: string;
}

const WHITESPACE = /[ \t\n\r]*/y;
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]+|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
	pattern.lastIndex = at;
	return pattern.exec(text)?.[0];
}

function skipSpace(text: string, at: number): number {
	WHITESPACE.lastIndex = at;
	WHITESPACE.test(text);
	return WHITESPACE.lastIndex;
}

/**
 * The pretty-printed pieces of `text` (indented by `indent`), with keys told apart from string
 * values; `undefined` when `text` is not valid JSON. Adjacent punctuation and white space are one
 * `plain` piece, so a page creates an element only for what it colours. One pass over the text:
 * a 6 MB export takes a few hundred milliseconds in the page.
 */
export function prettyJson(text: string, indent = '  '): JsonPiece[] | undefined {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	try {
		JSON.parse(source);
	} catch {
		return undefined;
	}
	const pieces: JsonPiece[] = [];
	const newlines: string[] = [];
	const newline = (depth: number): string => (newlines[depth] ??= `\n${indent.repeat(depth)}`);
	let plain = '';
	let depth = 0;
	let at = skipSpace(source, 0);
	while (at < source.length) {
		const code = source.charCodeAt(at);
		if (code === 0x7b || code === 0x5b) { // { [
			const next = skipSpace(source, at + 1);
			const close = code === 0x7b ? '}' : ']';
			if (source[next] === close) {
				plain += code === 0x7b ? '{}' : '[]';
				at = skipSpace(source, next + 1);
			} else {
				depth += 1;
				plain += (code === 0x7b ? '{' : '[') + newline(depth);
				at = next;
			}
			continue;
		}
		if (code === 0x7d || code === 0x5d) { // } ]
			depth -= 1;
			plain += newline(depth) + (code === 0x7d ? '}' : ']');
			at = skipSpace(source, at + 1);
			continue;
		}
		if (code === 0x2c) { // ,
			plain += `,${newline(depth)}`;
			at = skipSpace(source, at + 1);
			continue;
		}
		if (code === 0x3a) { // :
			plain += ': ';
			at = skipSpace(source, at + 1);
			continue;
		}
		const string = code === 0x22 ? matchAt(STRING, source, at) : undefined;
		const number = string === undefined && (code === 0x2d || (code >= 0x30 && code <= 0x39)) ? matchAt(NUMBER, source, at) : undefined;
		const lexeme = string ?? number ?? matchAt(LITERAL, source, at);
		// JSON.parse accepted the text, so this cannot happen; stop rather than loop.
		if (lexeme === undefined || lexeme === '') return undefined;
		at = skipSpace(source, at + lexeme.length);
		if (plain !== '') {
			pieces.push({ kind: 'plain', text: plain });
			plain = '';
		}
		const kind: JsonPieceKind = string !== undefined ? (source.charCodeAt(at) === 0x3a ? 'key' : 'string') : number !== undefined ? 'number' : 'literal';
		pieces.push({ kind, text: lexeme });
	}
	if (plain !== '') pieces.push({ kind: 'plain', text: plain });
	return pieces;
}
