/**
 * Inline ignore comments. Our own directive, plus those of gitleaks, detect-secrets and secretlint,
 * so a repository that already silenced a fixture for another scanner needn't annotate it twice.
 */
const SAME_LINE = /dhis2-pat:allow(?!-next-line)|gitleaks:allow|pragma:\s*allowlist\s+secret|secretlint-disable-line/;
const NEXT_LINE = /dhis2-pat:allow-next-line|pragma:\s*allowlist\s+nextline\s+secret|secretlint-disable-next-line/;

export const ALLOW_DIRECTIVE = 'dhis2-pat:allow';
export const ALLOW_NEXT_LINE_DIRECTIVE = 'dhis2-pat:allow-next-line';

// Native indexOf/lastIndexOf rather than a character loop: a minified line can be megabytes long.
// A `\r` is searched for only within a `\n`-delimited line (a slice is a cheap view), never the whole text.

/** Start of the line holding `offset`. Line breaks are `\n`, `\r\n` and a lone `\r`, as in LineCursor and LSP. */
function lineStartOf(text: string, offset: number): number {
	if (offset === 0) return 0;
	const afterLf = text.lastIndexOf('\n', offset - 1) + 1;
	return afterLf + text.slice(afterLf, offset).lastIndexOf('\r') + 1;
}

function lineEndOf(text: string, offset: number): number {
	let lf = text.indexOf('\n', offset);
	if (lf < 0) lf = text.length;
	const cr = text.slice(offset, lf).indexOf('\r');
	return cr < 0 ? lf : offset + cr;
}

/** True when the line holding `offset`, or the line before it, carries an ignore directive. */
export function isInlineIgnored(text: string, offset: number): boolean {
	// Fast path: the `\n`-delimited lines contain the exact ones, so no directive there means none at all.
	const lfLineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
	let lfLineEnd = text.indexOf('\n', offset);
	if (lfLineEnd < 0) lfLineEnd = text.length;
	const previousLfLineStart = lfLineStart === 0 ? 0 : text.lastIndexOf('\n', lfLineStart - 2) + 1;
	const lfLine = text.slice(lfLineStart, lfLineEnd);
	const mayBeSameLine = SAME_LINE.test(lfLine);
	// With lone `\r`s, the line before may sit inside the same `\n`-delimited line.
	const mayBeNextLine = NEXT_LINE.test(text.slice(previousLfLineStart, lfLineStart)) || (lfLine.includes('\r') && NEXT_LINE.test(lfLine));
	if (!mayBeSameLine && !mayBeNextLine) return false;

	const lineStart = lineStartOf(text, offset);
	if (mayBeSameLine && SAME_LINE.test(text.slice(lineStart, lineEndOf(text, offset)))) return true;
	if (lineStart === 0) return false;
	const isCrLf = lineStart >= 2 && text.charCodeAt(lineStart - 2) === 13 && text.charCodeAt(lineStart - 1) === 10;
	const previousEnd = lineStart - (isCrLf ? 2 : 1);
	return NEXT_LINE.test(text.slice(lineStartOf(text, previousEnd), previousEnd));
}

/**
 * `isInlineIgnored` for many offsets of one text in ascending order. Tokens that share a `\n`-line
 * share its verdict, so a minified line holding thousands of tokens is read for directives once, not
 * once per token. Lines with a directive or a lone `\r` (several LSP lines in one) are decided per offset.
 */
export function inlineIgnoreCheck(text: string): (offset: number) => boolean {
	let cleanLineStart = -1;
	let cleanLineEnd = -1;
	return (offset) => {
		if (offset >= cleanLineStart && offset < cleanLineEnd) return false;
		const ignored = isInlineIgnored(text, offset);
		if (!ignored) {
			const lineStart = offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
			let lineEnd = text.indexOf('\n', offset);
			if (lineEnd < 0) lineEnd = text.length;
			if (!LONE_CR.test(text.slice(lineStart, lineEnd)) && !NEXT_LINE.test(text.slice(lineStart, lineEnd))) {
				cleanLineStart = lineStart;
				cleanLineEnd = lineEnd;
			}
		}
		return ignored;
	};
}

const LONE_CR = /\r(?!\n)/;
