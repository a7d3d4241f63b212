/** One rejected line of a multi-line field (allowed IPs, allowed referrers). */
export interface LineError {
	/** 1-based, counting blank lines too, so it matches what the user sees in the text area. */
	readonly line: number;
	readonly value: string;
	readonly reason: string;
}

export interface NumberedLine {
	readonly line: number;
	readonly value: string;
}

/**
 * The non-blank lines of a text area, trimmed. DHIS2's own form only drops blank lines; we trim as
 * well because a stray space would make an IP or referrer never match, and the user can't see it.
 */
export function numberedLines(text: string): NumberedLine[] {
	const result: NumberedLine[] = [];
	text.split(/\r\n|\r|\n/).forEach((raw, index) => {
		const value = raw.trim();
		if (value !== '') result.push({ line: index + 1, value });
	});
	return result;
}

/** Applies `check` to every line; returns the accepted values and one error per rejected line. */
export function validateLines(
	text: string,
	check: (value: string) => string | undefined,
): { readonly values: string[]; readonly errors: LineError[] } {
	const values: string[] = [];
	const errors: LineError[] = [];
	for (const { line, value } of numberedLines(text)) {
		const reason = check(value);
		if (reason === undefined) values.push(value);
		else errors.push({ line, value, reason });
	}
	return { values, errors };
}

export function describeLineError(error: LineError): string {
	return `Line ${error.line} ("${error.value}"): ${error.reason}`;
}
