/**
 * Inline ignore comments. Our own directive, plus those of gitleaks, detect-secrets and secretlint,
 * so a repository that already silenced a fixture for another scanner needn't annotate it twice.
 */
const SAME_LINE = /dhis2-pat:allow(?!-next-line)|gitleaks:allow|pragma:\s*allowlist\s+secret|secretlint-disable-line/;
const NEXT_LINE = /dhis2-pat:allow-next-line|pragma:\s*allowlist\s+nextline\s+secret|secretlint-disable-next-line/;

export const ALLOW_DIRECTIVE = 'dhis2-pat:allow';
export const ALLOW_NEXT_LINE_DIRECTIVE = 'dhis2-pat:allow-next-line';

/** True when the line holding `offset`, or the line before it, carries an ignore directive. */
export function isInlineIgnored(text: string, offset: number): boolean {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	let lineEnd = text.indexOf('\n', offset);
	if (lineEnd < 0) lineEnd = text.length;
	if (SAME_LINE.test(text.slice(lineStart, lineEnd))) return true;
	if (lineStart === 0) return false;
	const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
	return NEXT_LINE.test(text.slice(previousStart, lineStart - 1));
}
