import { spawnSync } from 'node:child_process';

/** Node has no mkfifo; the coreutils one will do. False where it is unavailable. */
export function mkfifoSync(path: string): boolean {
	const result = spawnSync('mkfifo', [path]);
	return result.status === 0;
}
