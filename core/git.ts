import { execFile } from 'node:child_process';

/**
 * Asks git itself whether `path` is ignored (a tracked file never is) (nested .gitignore files, core.excludesFile, info/exclude
 * all count), rather than reading one .gitignore by hand. `undefined` when there is no git or no repository.
 */
export function isIgnoredByGit(cwd: string, path: string): Promise<boolean | undefined> {
	return new Promise((resolve) => {
		execFile('git', ['check-ignore', '--quiet', '--', path], { cwd, timeout: 5000 }, (error) => {
			if (!error) return resolve(true);
			// A finished git reports its exit status as a number; a missing git as the string 'ENOENT'.
			const status: unknown = (error as { code?: unknown }).code;
			resolve(status === 1 ? false : undefined);
		});
	});
}

/** True for `.env`, `.env.local`, `.env.production`…, which hold real values and must stay out of git. */
export function isPrivateEnvFileName(baseName: string): boolean {
	return /^\.env(\.[\w.-]+)?$/.test(baseName) && !/\.(example|sample|template|dist|defaults)$/i.test(baseName);
}

/**
 * Which of `paths` (relative to `cwd`) git ignores, asked in one `git check-ignore --stdin` process.
 * `undefined` when there is no git or no repository.
 */
export function ignoredByGit(cwd: string, paths: readonly string[]): Promise<Set<string> | undefined> {
	if (paths.length === 0) return Promise.resolve(new Set());
	return new Promise((resolve) => {
		const child = execFile('git', ['check-ignore', '-z', '--stdin'], { cwd, timeout: 10_000 }, (error, stdout) => {
			const status: unknown = (error as { code?: unknown } | null)?.code;
			if (error && status !== 1) return resolve(undefined);
			resolve(new Set(stdout.split('\0').filter((path) => path !== '')));
		});
		// git may exit before reading (no repository): the exit status answers, and a broken pipe must not crash the server.
		child.stdin?.on('error', () => undefined);
		child.stdin?.end(paths.join('\0') + '\0');
	});
}
