// Where `npm start` keeps its demo workspace and VS Code profile: `.sandbox/` in the project, or
// DHIS2_PAT_SANDBOX_DIR (tests use their own so they never clobber a user's sandbox). A pid file keeps a
// second `npm start` from deleting the folders of one that is still running.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SandboxError } from './errors.mjs';

export function sandboxFolders(root) {
	const base = resolve(process.env.DHIS2_PAT_SANDBOX_DIR?.trim() || join(root, '.sandbox'));
	return { base, demo: join(base, 'demo'), vscode: join(base, 'vscode'), pidFile: join(base, 'start.pid') };
}

function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** Claims the sandbox for this process until it exits. */
export function claimSandbox(folders) {
	const previous = existsSync(folders.pidFile) ? Number(readFileSync(folders.pidFile, 'utf8')) : NaN;
	if (Number.isInteger(previous) && previous !== process.pid && isRunning(previous)) {
		throw new SandboxError(`Another npm start (pid ${previous}) is using ${folders.base}. Stop it with Ctrl+C in its `
			+ 'terminal, or give this one its own folder: DHIS2_PAT_SANDBOX_DIR=<dir> npm start');
	}
	mkdirSync(folders.base, { recursive: true });
	writeFileSync(folders.pidFile, `${process.pid}\n`);
	process.on('exit', () => rmSync(folders.pidFile, { force: true }));
}

/** Empties a folder of an earlier start: its profile and workspace would restore old editors and servers. */
export function fresh(dir) {
	rmSync(dir, { recursive: true, force: true });
	return dir;
}
