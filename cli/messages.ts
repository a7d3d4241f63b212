import { redactTokens } from '../core/redact';

/**
 * Everything the CLI says besides its report goes to stderr, one line each, prefixed `dhis2-pat:`,
 * so stdout stays a clean JSON or SARIF document. Lines pass through `redactTokens`: a path or a
 * git message that happens to hold a token is still never printed raw.
 */
export class Messages {
	constructor(private readonly write: (line: string) => void = (line) => process.stderr.write(line)) {}

	skipped(path: string, reason: string): void {
		this.line(`skipped ${path}: ${reason}`);
	}

	note(path: string, text: string): void {
		this.line(`note ${path}: ${text}`);
	}

	warning(text: string): void {
		this.line(`warning ${text}`);
	}

	error(text: string): void {
		this.line(`error ${text}`);
	}

	plain(text: string): void {
		this.line(text);
	}

	private line(text: string): void {
		this.write(`dhis2-pat: ${redactTokens(text)}\n`);
	}
}
