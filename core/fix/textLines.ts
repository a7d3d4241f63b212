/** Line arithmetic on raw text. Line breaks are `\n`, `\r\n` and a lone `\r`, as LSP counts them. */

export interface TextLine {
	/** Offset of the line's first character. */
	readonly start: number;
	/** Offset of its line break (or of the text's end). */
	readonly end: number;
	readonly text: string;
}

export function lineStartAt(text: string, offset: number): number {
	const afterLf = text.lastIndexOf('\n', offset - 1) + 1;
	const crAt = text.slice(afterLf, offset).lastIndexOf('\r');
	return crAt < 0 ? afterLf : afterLf + crAt + 1;
}

export function lineEndAt(text: string, offset: number): number {
	let lf = text.indexOf('\n', offset);
	if (lf < 0) lf = text.length;
	const cr = text.slice(offset, lf).indexOf('\r');
	return cr < 0 ? lf : offset + cr;
}

export function lineAt(text: string, offset: number): TextLine {
	const start = lineStartAt(text, offset);
	const end = lineEndAt(text, offset);
	return { start, end, text: text.slice(start, end) };
}

/** The line before `line`, if there is one. */
export function previousLine(text: string, line: TextLine): TextLine | undefined {
	if (line.start === 0) return undefined;
	const breakLength = line.start >= 2 && text.slice(line.start - 2, line.start) === '\r\n' ? 2 : 1;
	return lineAt(text, line.start - breakLength);
}

/** The document's line break, so inserted lines match the lines around them. */
export function eolOf(text: string): string {
	const lf = text.indexOf('\n');
	if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
	if (lf < 0 && text.includes('\r')) return '\r';
	return '\n';
}

export function indentationOf(line: string): string {
	return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Text to append a new last line: a line break first when the text does not end with one. */
export function appendLines(text: string, lines: readonly string[]): { start: number; end: number; newText: string } {
	const eol = eolOf(text);
	const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
	return { start: text.length, end: text.length, newText: (needsBreak ? eol : '') + lines.map((line) => line + eol).join('') };
}
