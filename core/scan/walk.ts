import { type Dirent, type Stats, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface WalkOptions {
	/** Default true: honour nested `.gitignore` files and `.git/info/exclude`. */
	readonly gitignore?: boolean;
	/** Extra excludes (VS Code `files.exclude`); `relativePath` is posix, relative to the walk root. */
	readonly exclude?: (relativePath: string, isDirectory: boolean) => boolean;
	/** Stops the walk at the next entry once aborted. */
	readonly signal?: AbortSignal;
}

export type WalkItem =
	/** `path` is absolute; `relativePath` is posix and relative to the walk root. */
	| { readonly kind: 'file'; readonly path: string; readonly relativePath: string }
	/** Something the walk could not enter or resolve: an unreadable directory, a broken symlink. */
	| { readonly kind: 'problem'; readonly path: string; readonly message: string };

/**
 * The rules of one `.gitignore` (or `info/exclude`). They match paths relative to their own folder:
 * a walk-relative path becomes `prepend + path.slice(strip.length)` for them.
 */
interface IgnoreLevel {
	readonly rules: Ignore;
	/** For folders above the walk root: the posix path from that folder down to the root, ending in `/`. */
	readonly prepend: string;
	/** For folders inside the walk: the folder's walk-relative prefix. */
	readonly strip: string;
}

interface PendingDirectory {
	readonly path: string;
	/** `path` ending in the separator: entries' paths are this plus their name (see `childPrefix`). */
	readonly childPrefix: string;
	/** `''` for the walk root, else posix and ending in `/`. */
	readonly relativePrefix: string;
	/** Outermost first; a deeper level overrides the ones before it, as in git. */
	readonly levels: readonly IgnoreLevel[];
}

/**
 * Files under `root`, depth first, in a stable order (entries sorted by name, a folder's files before
 * its subfolders). Never enters `.git/` or a symlinked folder (loops); a symlink to a file is a file.
 * Dotfiles are walked. `.env*` files are yielded even when gitignored, because a leaked `.env` is
 * exactly what a secret scan must catch; they are still subject to `exclude`.
 */
export function* walk(root: string, options: WalkOptions = {}): Generator<WalkItem> {
	const rootPath = resolve(root);
	const useGitignore = options.gitignore ?? true;
	const { exclude, signal } = options;

	const rootStat = statOrProblem(rootPath, false);
	if ('message' in rootStat) {
		yield rootStat;
		return;
	}
	if (!rootStat.isDirectory()) {
		if (rootStat.isFile()) yield { kind: 'file', path: rootPath, relativePath: basename(rootPath) };
		else yield { kind: 'problem', path: rootPath, message: 'not a regular file or directory' };
		return;
	}

	const stack: PendingDirectory[] = [
		{ path: rootPath, childPrefix: childPrefix(rootPath), relativePrefix: '', levels: useGitignore ? enclosingRepositoryLevels(rootPath) : [] },
	];
	for (;;) {
		const directory = stack.pop();
		if (!directory || signal?.aborted) return;
		let entries: Dirent[];
		try {
			entries = readdirSync(directory.path, { withFileTypes: true });
		} catch (error) {
			yield { kind: 'problem', path: directory.path, message: describeFsError(error) };
			continue;
		}
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

		let levels = directory.levels;
		if (useGitignore && entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory())) {
			const rules = readIgnoreRules(`${directory.childPrefix}.gitignore`);
			if (rules) levels = [...levels, { rules, prepend: '', strip: directory.relativePrefix }];
		}
		const subdirectories: PendingDirectory[] = [];
		for (const entry of entries) {
			if (signal?.aborted) return;
			const name = entry.name;
			// The repository's database (or, in a submodule or worktree, the file pointing at it).
			if (name === '.git') continue;
			const relativePath = directory.relativePrefix + name;
			const absolutePath = directory.childPrefix + name;
			let isDirectory = entry.isDirectory();
			let isFile = entry.isFile();
			if (entry.isSymbolicLink()) {
				const target = statOrProblem(absolutePath, true);
				if ('message' in target) {
					yield target;
					continue;
				}
				// A symlinked folder is never entered: following links is how walks loop forever.
				if (target.isDirectory()) continue;
				isFile = target.isFile();
				isDirectory = false;
			}
			if (isDirectory) {
				if (exclude?.(relativePath, true)) continue;
				if (isGitIgnored(levels, directory.relativePrefix, name, true)) continue;
				subdirectories.push({ path: absolutePath, childPrefix: absolutePath + sep, relativePrefix: `${relativePath}/`, levels });
				continue;
			}
			// FIFOs, sockets and devices: reading one could block forever or never end.
			if (!isFile) continue;
			if (exclude?.(relativePath, false)) continue;
			if (!name.startsWith('.env') && isGitIgnored(levels, directory.relativePrefix, name, false)) continue;
			yield { kind: 'file', path: absolutePath, relativePath };
		}
		for (let i = subdirectories.length - 1; i >= 0; i--) stack.push(subdirectories[i]!);
	}
}

/**
 * A folder's path ready for its entries' names to be appended. A walk makes one path per entry, and
 * `path.join` (which normalises every result) costs several times a concatenation of parts already normal.
 */
function childPrefix(folder: string): string {
	return folder.endsWith(sep) ? folder : folder + sep;
}

/**
 * Git's precedence: the deepest `.gitignore` with a rule matching the path decides, a negation
 * (`!keep.me`) included. Levels only ever hold folders the walk entered, so none of them is ignored.
 */
function isGitIgnored(levels: readonly IgnoreLevel[], relativePrefix: string, name: string, isDirectory: boolean): boolean {
	for (let i = levels.length - 1; i >= 0; i--) {
		const level = levels[i]!;
		const folder = level.prepend + relativePrefix.slice(level.strip.length);
		const result = level.rules.test(folder + name + (isDirectory ? '/' : ''));
		if (result.unignored) return false;
		if (result.ignored) {
			// `ignore` also reports a path as ignored when this level excludes its parent folder. We are inside
			// that folder all the same: a deeper level re-included it, or it is (below) the walk root the caller
			// named. Git would then only exclude the path for a rule matching it directly; err on scanning it.
			if (folder !== '' && level.rules.test(folder).ignored) continue;
			return true;
		}
	}
	return false;
}

/**
 * `.gitignore` files between the repository's top and the walk root, outermost first, and the
 * repository's `info/exclude` below them all: a scan of `repo/src` must still honour `repo/.gitignore`.
 */
function enclosingRepositoryLevels(rootPath: string): IgnoreLevel[] {
	const chain: string[] = [];
	let gitDirectory: string | undefined;
	for (let current = rootPath; ; ) {
		chain.push(current);
		gitDirectory = gitDirectoryOf(current);
		if (gitDirectory) break;
		const parent = dirname(current);
		if (parent === current) {
			// Not inside a repository: only the walk root's own `.gitignore` files apply.
			return [];
		}
		current = parent;
	}
	const levels: IgnoreLevel[] = [];
	const repositoryTop = chain[chain.length - 1]!;
	const toRoot = (folder: string): string => {
		const path = relative(folder, rootPath).split(sep).join('/');
		return path === '' ? '' : `${path}/`;
	};
	const exclude = readIgnoreRules(join(gitDirectory, 'info', 'exclude'));
	if (exclude) levels.push({ rules: exclude, prepend: toRoot(repositoryTop), strip: '' });
	// The walk root's own `.gitignore` is read when the walk lists it, like every other folder's.
	for (let i = chain.length - 1; i >= 1; i--) {
		const folder = chain[i]!;
		const rules = readIgnoreRules(join(folder, '.gitignore'));
		if (rules) levels.push({ rules, prepend: toRoot(folder), strip: '' });
	}
	return levels;
}

/** The git directory of a repository whose top is `folder`: `.git/`, or where a `.git` file (worktree, submodule) points. */
function gitDirectoryOf(folder: string): string | undefined {
	const dotGit = join(folder, '.git');
	try {
		const stat = statSync(dotGit);
		if (stat.isDirectory()) return dotGit;
		if (!stat.isFile()) return undefined;
		const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
		if (!pointer) return undefined;
		const gitDirectory = resolve(folder, pointer);
		// A linked worktree keeps `info/exclude` in the main repository's git directory.
		try {
			const common = readFileSync(join(gitDirectory, 'commondir'), 'utf8').trim();
			return resolve(gitDirectory, common);
		} catch {
			return gitDirectory;
		}
	} catch {
		return undefined;
	}
}

// Git's core.ignorecase default: on for the case-insensitive file systems of macOS and Windows, off
// elsewhere. Matching `Build/` against `build/` on Linux would hide files git itself would commit.
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';

function readIgnoreRules(path: string): Ignore | undefined {
	let content: string;
	try {
		content = readFileSync(path, 'utf8');
	} catch {
		// An unreadable ignore file hides nothing: scanning more is the safe failure.
		return undefined;
	}
	return ignore({ ignorecase: IGNORE_CASE }).add(content);
}

type Problem = Extract<WalkItem, { kind: 'problem' }>;

function statOrProblem(path: string, isSymlink: boolean): Stats | Problem {
	try {
		return statSync(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const message = isSymlink && code === 'ENOENT' ? 'broken symbolic link' : describeFsError(error);
		return { kind: 'problem', path, message };
	}
}

/** One short reason for a failed file-system call, without a stack or the path repeated. */
export function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ENOENT':
			return 'no such file or directory';
		case 'EACCES':
		case 'EPERM':
			return 'permission denied';
		case 'ELOOP':
			return 'too many levels of symbolic links';
		case 'ENOTDIR':
			return 'not a directory';
		case 'EISDIR':
			return 'is a directory';
		default:
			return error instanceof Error ? error.message : String(error);
	}
}
