import { isAbsolute, relative, sep } from 'node:path';

export function toPosix(path: string): string {
	return sep === '/' ? path : path.split(sep).join('/');
}

/** How a file found under a directory argument is shown: the argument as typed, then the walk's relative path. */
export function displayUnder(argument: string, relativePath: string): string {
	return displayPrefix(argument) + relativePath;
}

/** What `displayUnder` puts before the relative path: worked out once per argument, not once per file. */
export function displayPrefix(argument: string): string {
	const base = toPosix(argument).replace(/\/+$/, '');
	return base === '' || base === '.' ? '' : `${base}/`;
}

/** A path relative to the current directory when it lies below it, else absolute; `/`-separated. */
export function displayFromCwd(cwd: string, absolutePath: string): string {
	return relativeBelow(cwd, absolutePath) ?? toPosix(absolutePath);
}

/** `child` relative to `parent`, `/`-separated, or `undefined` when it does not lie strictly below. */
export function relativeBelow(parent: string, child: string): string | undefined {
	const path = relative(parent, child);
	if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return undefined;
	return toPosix(path);
}
