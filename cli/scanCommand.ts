import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { IgnoreFileError, type IgnoreSet, loadIgnoreFiles } from './ignoreRules';
import { type CommandIo, DEFAULT_STDIN_NAME, STDIN_ARGUMENT, type ScanCommandOptions, UsageError } from './scanOptions';
import { ScanSession } from './scanSession';

/** Runs `dhis2-pat scan` and returns the exit code: 0 nothing found, 1 found, 2 usage error or nothing scannable. */
export async function runScan(paths: readonly string[], options: ScanCommandOptions, io: CommandIo): Promise<number> {
	const stdinCount = paths.filter((path) => path === STDIN_ARGUMENT).length;
	if (stdinCount > 1) throw new UsageError(`'${STDIN_ARGUMENT}' (standard input) can be given only once`);
	if (options.staged && stdinCount > 0) throw new UsageError(`--staged scans the git index; it cannot be combined with '${STDIN_ARGUMENT}'`);
	if (options.stdinFilename !== undefined && stdinCount === 0) throw new UsageError(`--stdin-filename needs '${STDIN_ARGUMENT}' among the paths`);
	const targets = paths.length > 0 || options.staged ? paths : ['.'];

	let ignores: IgnoreSet;
	try {
		ignores = loadIgnoreFiles(
			{ cwd: io.cwd, explicit: options.ignoreFile, folders: ['.', ...targets.filter((path) => path !== STDIN_ARGUMENT && isDirectory(resolve(io.cwd, path)))] },
			io.messages,
		);
	} catch (error) {
		if (error instanceof IgnoreFileError) throw new UsageError(error.message);
		throw error;
	}
	const session = new ScanSession(options, io, ignores, targets.length);

	if (options.staged) {
		session.scanStaged(targets);
	} else {
		for (const target of targets) {
			if (target === STDIN_ARGUMENT) session.scanStdin(await io.readStdin(), options.stdinFilename ?? DEFAULT_STDIN_NAME);
			else session.scanArgument(target);
		}
	}
	return session.finish();
}

function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}
