/** What a start leaves behind: processes and listening ports. */
import { connect } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ProcessInfo {
	readonly pid: number;
	readonly command: string;
}

/** scripts/sandbox/procfs.mjs: how npm start itself finds its processes and decides that they are gone. */
export interface Procfs {
	readonly threadStates: (pid: number) => string[];
	readonly isAlive: (pid: number) => boolean;
	readonly liveMembers: (...pgids: number[]) => number[];
	readonly listenersOf: (port: number) => number[];
	/**
	 * Live processes whose environment or command line mentions `marker`. The test hands the start its own
	 * sandbox folder in DHIS2_PAT_SANDBOX_DIR, and everything it launches inherits it (code-server's extension
	 * host and language server too, whose command lines don't name the run folder), so this finds them all.
	 */
	readonly processesMentioning: (marker: string) => ProcessInfo[];
}

export const procfs = (): Promise<Procfs> => import(pathToFileURL(join(__dirname, '..', '..', 'scripts', 'sandbox', 'procfs.mjs')).href) as Promise<Procfs>;

export function isListening(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/**
 * Polls until nothing mentions `marker` and none of `known` (seen before the stop) has a running thread;
 * returns what is left after `timeoutMs`. Known processes are checked by id because a process whose main
 * thread has exited no longer shows its command line or environment while its other threads still run.
 */
export async function leftovers(marker: string, known: readonly ProcessInfo[], timeoutMs: number): Promise<string[]> {
	const { isAlive, threadStates, processesMentioning } = await procfs();
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const left = [
			...processesMentioning(marker).map((p) => `${p.pid}: ${p.command}`),
			...known.filter((p) => isAlive(p.pid)).map((p) => `${p.pid} (threads ${threadStates(p.pid).join('')}): ${p.command}`),
		];
		if (left.length === 0 || Date.now() > deadline) return [...new Set(left)];
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
