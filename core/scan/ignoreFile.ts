import ignore, { type Ignore } from 'ignore';
import { scanText } from './scanner';

export const IGNORE_FILE_NAME = '.dhis2-pat-ignore';

/**
 * `.dhis2-pat-ignore`: one entry per line, `#` comments. A 64-hex-digit line (optionally `sha256:`)
 * is a token fingerprint, silenced wherever it appears; any other line is a gitignore-style glob,
 * relative to the file's folder. Raw tokens are refused: the file is committed, so a raw token there
 * would be the very leak it is meant to document.
 */
export interface IgnoreRules {
	readonly fingerprints: ReadonlySet<string>;
	/** Matches paths relative to the ignore file's folder, `/`-separated. */
	readonly paths: Ignore;
	/** 1-based lines holding a raw token; those lines are not used. */
	readonly rawTokenLines: readonly number[];
}

const FINGERPRINT = /^(?:sha256:)?([0-9a-f]{64})$/i;

export function parseIgnoreFile(content: string): IgnoreRules {
	const fingerprints = new Set<string>();
	const globs: string[] = [];
	const rawTokenLines: number[] = [];
	content.split(/\r\n|\r|\n/).forEach((rawLine, index) => {
		const line = rawLine.trim();
		// Checked before comments are skipped: a token in a comment leaks just the same.
		if (scanText(line, { includeLookalikes: true, honourInlineIgnores: false }).length > 0) {
			rawTokenLines.push(index + 1);
			return;
		}
		if (line === '' || line.startsWith('#')) return;
		const fingerprintMatch = FINGERPRINT.exec(line);
		if (fingerprintMatch?.[1]) fingerprints.add(fingerprintMatch[1].toLowerCase());
		else globs.push(line);
	});
	return { fingerprints, paths: ignore().add(globs), rawTokenLines };
}

export const EMPTY_IGNORE_RULES: IgnoreRules = { fingerprints: new Set(), paths: ignore(), rawTokenLines: [] };

export function ignoreEntryFor(fingerprintHex: string, comment: string): string {
	return `# ${comment}\nsha256:${fingerprintHex}\n`;
}
