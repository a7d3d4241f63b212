/** One line of the source, without its line break; `offset` is where it starts in the whole text. */
export interface SourceLine {
	readonly text: string;
	readonly line: number;
	readonly offset: number;
}

/** Lines as LSP counts them: `\r\n`, `\r` and `\n` each end one. */
export function splitSourceLines(text: string): SourceLine[] {
	const lines: SourceLine[] = [];
	let start = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code !== 10 && code !== 13) continue;
		lines.push({ text: text.slice(start, index), line: lines.length, offset: start });
		if (code === 13 && text.charCodeAt(index + 1) === 10) index++;
		start = index + 1;
	}
	lines.push({ text: text.slice(start), line: lines.length, offset: start });
	return lines;
}

export const isBlank = (text: string): boolean => text.trim() === '';

/** Number of leading whitespace characters. */
export const indentOf = (text: string): number => text.length - text.trimStart().length;
