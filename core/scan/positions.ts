/** Zero-based line and UTF-16 column, as LSP counts them by default. */
export interface LineColumn {
	readonly line: number;
	readonly character: number;
}

/**
 * Converts ascending offsets to line/column by hopping between newlines with indexOf, so a 5 MB
 * document with a handful of findings costs a memchr pass, not a per-character line table.
 * Offsets must be asked for in non-decreasing order; an earlier one restarts from the top.
 */
export class LineCursor {
	private line = 0;
	private lineStart = 0;

	constructor(private readonly text: string) {}

	at(offset: number): LineColumn {
		if (offset < this.lineStart) {
			this.line = 0;
			this.lineStart = 0;
		}
		for (;;) {
			const newline = this.text.indexOf('\n', this.lineStart);
			if (newline < 0 || newline >= offset) break;
			this.line += 1;
			this.lineStart = newline + 1;
		}
		return { line: this.line, character: offset - this.lineStart };
	}
}
