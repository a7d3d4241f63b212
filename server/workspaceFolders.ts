import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { EMPTY_IGNORE_RULES, IGNORE_FILE_NAME, type IgnoreRules, parseIgnoreFile } from '../core/scan';

/** A workspace folder on disk and its `.dhis2-pat-ignore` rules, read once and dropped when the file changes. */
export interface Folder {
	readonly uri: string;
	readonly path: string;
}

export class WorkspaceFolders {
	private folders: Folder[] = [];
	private readonly rules = new Map<string, IgnoreRules>();

	set(uris: readonly string[]): void {
		this.folders = uris
			.map((uri) => URI.parse(uri))
			.filter((uri) => uri.scheme === 'file')
			// Longest first, so a nested folder wins over its parent.
			.map((uri) => ({ uri: uri.toString(), path: uri.fsPath }))
			.sort((a, b) => b.path.length - a.path.length);
		this.rules.clear();
	}

	all(): readonly Folder[] {
		return this.folders;
	}

	folderOf(fsPath: string): Folder | undefined {
		return this.folders.find((folder) => fsPath === folder.path || fsPath.startsWith(folder.path + sep));
	}

	ignoreRules(folder: Folder): IgnoreRules {
		let rules = this.rules.get(folder.path);
		if (!rules) {
			try {
				rules = parseIgnoreFile(readFileSync(join(folder.path, IGNORE_FILE_NAME), 'utf8'));
			} catch {
				rules = EMPTY_IGNORE_RULES;
			}
			this.rules.set(folder.path, rules);
		}
		return rules;
	}

	forgetIgnoreRules(): void {
		this.rules.clear();
	}

	/** Whether `.dhis2-pat-ignore` of the enclosing folder silences this path as a whole. */
	isPathIgnored(fsPath: string): boolean {
		const folder = this.folderOf(fsPath);
		if (!folder) return false;
		const relativePath = relative(folder.path, fsPath).split(sep).join('/');
		return relativePath !== '' && this.ignoreRules(folder).paths.ignores(relativePath);
	}
}
