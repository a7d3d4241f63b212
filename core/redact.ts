import { scanText } from './scan/scanner';

/**
 * Replaces every token and lookalike in `text` with its masked form. Every log line passes through
 * this, so a key that reaches a message by accident (an error echoing a request, a file excerpt)
 * is still never written out.
 */
export function redactTokens(text: string): string {
	const findings = scanText(text, { includeLookalikes: true, honourInlineIgnores: false });
	if (findings.length === 0) return text;
	let result = '';
	let last = 0;
	for (const finding of findings) {
		result += text.slice(last, finding.start) + finding.masked;
		last = finding.end;
	}
	return result + text.slice(last);
}
