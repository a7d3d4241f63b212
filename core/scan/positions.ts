/** Zero-based line and UTF-16 column, as LSP counts them by default. */
export interface LineColumn {
	readonly line: number;
	readonly character: number;
}

const LF = 10;
const CR = 13;

/**
 * Converts ascending offsets to line/column by hopping between line breaks with indexOf, so a 5 MB
 * document with a handful of findings costs a memchr pass, not a per-character line table.
 * Line breaks are `\n`, `\r\n` and a lone `\r`, as LSP defines them (an editor showing an old Mac file
 * sends lone `\r`s). Offsets should be asked for in non-decreasing order; an earlier one restarts from the top.
 */
export class LineCursor {
	private line = 0;
	private lineStart = 0;
	// Next `\n` / `\r` at or after `lineStart` (-1: none left). Cached so a file without `\r` searches for one only once.
	private nextLf = -2;
	private nextCr = -2;

	constructor(private readonly text: string) {}

	at(offset: number): LineColumn {
		if (offset < this.lineStart) {
			this.line = 0;
			this.lineStart = 0;
			this.nextLf = -2;
			this.nextCr = -2;
		}
		for (;;) {
			const lineBreak = this.nextBreak();
			if (lineBreak < 0 || lineBreak >= offset) break;
			const isCrLf = this.text.charCodeAt(lineBreak) === CR && this.text.charCodeAt(lineBreak + 1) === LF;
			const nextLineStart = lineBreak + (isCrLf ? 2 : 1);
			if (nextLineStart > offset) {
				// Inside a `\r\n`: LSP's reference TextDocument places this before the `\r`, on the line the break ends.
				return { line: this.line, character: lineBreak - this.lineStart };
			}
			this.line += 1;
			this.lineStart = nextLineStart;
		}
		return { line: this.line, character: offset - this.lineStart };
	}

	private nextBreak(): number {
		if (this.nextLf !== -1 && this.nextLf < this.lineStart) this.nextLf = this.text.indexOf('\n', this.lineStart);
		if (this.nextCr !== -1 && this.nextCr < this.lineStart) this.nextCr = this.text.indexOf('\r', this.lineStart);
		if (this.nextLf < 0) return this.nextCr;
		if (this.nextCr < 0) return this.nextLf;
		return Math.min(this.nextLf, this.nextCr);
	}
}
