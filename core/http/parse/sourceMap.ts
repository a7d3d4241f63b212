import { type ParsedRequest, type SourceRange } from '../model';

/**
 * Where the characters of a parsed string came from. Piece `i` covers the string's characters from `offset` up to the
 * next piece's offset; they sit contiguously on `line`, starting at `character`. A URL joined from continuation lines
 * has one piece per line, so a `{{…}}` in it can still be pointed at exactly.
 */
export interface Piece {
	readonly offset: number;
	readonly line: number;
	readonly character: number;
}

export function positionIn(pieces: readonly Piece[], offset: number): { line: number; character: number } {
	let chosen = pieces[0];
	for (const piece of pieces) {
		if (piece.offset > offset) break;
		chosen = piece;
	}
	if (!chosen) return { line: 0, character: offset };
	return { line: chosen.line, character: chosen.character + offset - chosen.offset };
}

/** A range over `[start, end)` of the string; `end` is placed as the position just after the last character. */
export function rangeIn(pieces: readonly Piece[], start: number, end: number): SourceRange {
	const last = Math.max(start, end - 1);
	const endPosition = positionIn(pieces, last);
	return { start: positionIn(pieces, start), end: { line: endPosition.line, character: endPosition.character + (end > start ? 1 : 0) } };
}

/** Pieces for a string copied verbatim from the source starting at `start`: one piece per line. */
export function piecesOfVerbatim(text: string, start: { line: number; character: number }): Piece[] {
	const pieces: Piece[] = [{ offset: 0, line: start.line, character: start.character }];
	let line = start.line;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === 13 && text.charCodeAt(index + 1) === 10) continue;
		if (code === 10 || code === 13) pieces.push({ offset: index + 1, line: ++line, character: 0 });
	}
	return pieces;
}

/** The origin of every string of a request that may hold `{{…}}`. */
export interface RequestOrigins {
	readonly url: readonly Piece[];
	readonly headers: readonly { readonly name: readonly Piece[]; readonly value: readonly Piece[] }[];
	readonly bodyPath?: readonly Piece[];
}

// Kept on the request under a hidden key rather than in the model, so the model stays the plain, JSON-friendly shape of
// the contract. (Not a WeakMap: ten thousand requests as weak keys made garbage collection a third of parse time.)
// A request that was copied or serialised loses its origins; ranges then fall back to the request line or header.
const ORIGINS = Symbol('dhis2-pat.requestOrigins');

export function recordOrigins(request: ParsedRequest, requestOrigins: RequestOrigins): void {
	Object.defineProperty(request, ORIGINS, { value: requestOrigins, enumerable: false });
}

export function originsOf(request: ParsedRequest): RequestOrigins | undefined {
	return (request as { [ORIGINS]?: RequestOrigins })[ORIGINS];
}
