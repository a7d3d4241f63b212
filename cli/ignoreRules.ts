import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { IGNORE_FILE_NAME, type IgnoreRules, parseIgnoreFile, scanText } from '../core/scan';
import { type Messages } from './messages';
import { displayFromCwd, relativeBelow, toPosix } from './paths';

interface LoadedIgnoreFile {
	/** Absolute folder the file's globs are relative to. */
	readonly folder: string;
	readonly rules: IgnoreRules;
}

/** Every `.dhis2-pat-ignore` in force for one run: fingerprints apply anywhere, globs below their own folder. */
export class IgnoreSet {
	readonly fingerprints: ReadonlySet<string>;
	private readonly files: readonly LoadedIgnoreFile[];

	constructor(files: readonly LoadedIgnoreFile[]) {
		const fingerprints = new Set<string>();
		for (const file of files) for (const fingerprint of file.rules.fingerprints) fingerprints.add(fingerprint);
		this.fingerprints = fingerprints;
		// `ignore` exposes no rule count, so every file is consulted; a fingerprint-only file matches nothing.
		this.files = files;
	}

	/** Whether a glob silences this file (or folder) at an absolute path. */
	ignoresPath(absolutePath: string, isDirectory = false): boolean {
		for (const file of this.files) {
			const path = relativeBelow(file.folder, absolutePath);
			if (path !== undefined && file.rules.paths.ignores(isDirectory ? `${path}/` : path)) return true;
		}
		return false;
	}

	/**
	 * A matcher for walk's `exclude`, with each ignore file's position relative to the walk root worked
	 * out once, so the per-entry cost is a string concatenation and a rule lookup.
	 */
	excluderFor(root: string): ((relativePath: string, isDirectory: boolean) => boolean) | undefined {
		const matchers: ((relativePath: string) => boolean)[] = [];
		for (const file of this.files) {
			if (file.folder === root) {
				matchers.push((path) => file.rules.paths.ignores(path));
				continue;
			}
			const rootBelowFile = relativeBelow(file.folder, root);
			if (rootBelowFile !== undefined) {
				matchers.push((path) => file.rules.paths.ignores(`${rootBelowFile}/${path}`));
				continue;
			}
			const fileBelowRoot = relativeBelow(root, file.folder);
			if (fileBelowRoot !== undefined) {
				const prefix = `${fileBelowRoot}/`;
				matchers.push((path) => path.startsWith(prefix) && path.length > prefix.length && file.rules.paths.ignores(path.slice(prefix.length)));
			}
		}
		if (matchers.length === 0) return undefined;
		return (relativePath, isDirectory) => {
			const path = isDirectory ? `${relativePath}/` : relativePath;
			return matchers.some((matches) => matches(path));
		};
	}
}

export interface IgnoreFileRequest {
	readonly cwd: string;
	/** `--ignore-file`: the only file used, and an error when missing. */
	readonly explicit?: string;
	/** Folders whose own `.dhis2-pat-ignore` applies when present: the current one and each directory argument. */
	readonly folders: readonly string[];
}

export class IgnoreFileError extends Error {}

/**
 * Loads the ignore files in force. A line holding a raw token is refused with a warning (masked, with
 * its fingerprint, so the fix is a copy and paste): the file is committed, so the token would leak there.
 */
export function loadIgnoreFiles(request: IgnoreFileRequest, messages: Messages): IgnoreSet {
	const candidates = request.explicit
		? [resolve(request.cwd, request.explicit)]
		: [...new Set(request.folders.map((folder) => join(resolve(request.cwd, folder), IGNORE_FILE_NAME)))];
	const loaded: LoadedIgnoreFile[] = [];
	for (const path of candidates) {
		let content: string;
		try {
			content = readFileSync(path, 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			const shown = displayFromCwd(request.cwd, path);
			if (request.explicit) throw new IgnoreFileError(`cannot read ignore file ${shown}: ${code === 'ENOENT' ? 'no such file' : String(code)}`);
			if (code !== 'ENOENT' && code !== 'ENOTDIR') messages.warning(`cannot read ${shown}: ${String(code)}; its entries are not used`);
			continue;
		}
		const rules = parseIgnoreFile(content);
		warnAboutRawTokens(displayFromCwd(request.cwd, path), content, rules.rawTokenLines, messages);
		loaded.push({ folder: dirname(path), rules });
	}
	return new IgnoreSet(loaded);
}

function warnAboutRawTokens(shownPath: string, content: string, lines: readonly number[], messages: Messages): void {
	if (lines.length === 0) return;
	const allLines = content.split(/\r\n|\r|\n/);
	for (const lineNumber of lines) {
		const found = scanText(allLines[lineNumber - 1] ?? '', { includeLookalikes: true, honourInlineIgnores: false });
		for (const finding of found) {
			messages.warning(
				`${toPosix(shownPath)}:${lineNumber}: holds a raw token ${finding.masked}; the line is not used. ` +
					`List its fingerprint instead: sha256:${finding.fingerprint}`,
			);
		}
	}
}
