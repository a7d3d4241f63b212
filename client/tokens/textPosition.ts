/** A zero-based line and UTF-16 character, as `vscode.Position` takes them. */
export interface LineCharacter {
	readonly line: number;
	readonly character: number;
}

/**
 * The position of a UTF-16 offset in `text`, counting `\r\n`, `\n` and `\r` as one line break each,
 * as VS Code does; for turning the planner's offset edits into ranges of a document not yet open.
 */
export function positionAt(text: string, offset: number): LineCharacter {
	const end = Math.max(0, Math.min(offset, text.length));
	let line = 0;
	let lineStart = 0;
	for (let index = 0; index < end; index++) {
		const char = text.charCodeAt(index);
		if (char === 10 /* \n */) {
			line++;
			lineStart = index + 1;
		} else if (char === 13 /* \r */) {
			// `\r\n` breaks once, after the `\n`.
			if (text.charCodeAt(index + 1) === 10) continue;
			line++;
			lineStart = index + 1;
		}
	}
	// VS Code puts an offset between `\r` and `\n` at the end of the line, before the `\r`.
	const insideBreak = end > 0 && text.charCodeAt(end - 1) === 13 && text.charCodeAt(end) === 10;
	return { line, character: end - lineStart - (insideBreak ? 1 : 0) };
}
