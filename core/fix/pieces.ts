import { type StringLiteral } from './lineLexer';

/** A string literal's content cut at its tokens: source text (still escaped as written) and env lookups. */
export type Piece = { readonly kind: 'text'; readonly raw: string } | { readonly kind: 'env'; readonly name: string };

/** Cuts `literal`'s content at `tokens` (line-relative `[from, to)` ranges, ascending, inside the content). */
export function piecesOf(line: string, literal: StringLiteral, tokens: readonly { from: number; to: number; name: string }[]): Piece[] {
	const pieces: Piece[] = [];
	let at = literal.contentStart;
	for (const token of tokens) {
		if (token.from > at) pieces.push({ kind: 'text', raw: line.slice(at, token.from) });
		pieces.push({ kind: 'env', name: token.name });
		at = token.to;
	}
	if (literal.contentEnd > at) pieces.push({ kind: 'text', raw: line.slice(at, literal.contentEnd) });
	return pieces;
}

/** The literal was exactly one token: the quotes go too. */
export function wholeName(pieces: readonly Piece[]): string | undefined {
	const [only, ...rest] = pieces;
	return only?.kind === 'env' && rest.length === 0 ? only.name : undefined;
}

/** Joins pieces, rendering each kind with its own function. */
export function joinPieces(pieces: readonly Piece[], text: (raw: string) => string, env: (name: string) => string): string {
	return pieces.map((piece) => (piece.kind === 'text' ? text(piece.raw) : env(piece.name))).join('');
}
