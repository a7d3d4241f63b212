/** What a start leaves behind: processes and listening ports. */
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** scripts/sandbox/procfs.mjs: how npm start itself decides that a process is gone. */
export interface Procfs {
	readonly threadStates: (pid: number) => string[];
	readonly isAlive: (pid: number) => boolean;
	readonly groupOf: (pid: number) => number | undefined;
	readonly liveMembers: (pgid: number) => number[];
	readonly listenersOf: (port: number) => number[];
}

export const procfs = (): Promise<Procfs> => import(pathToFileURL(join(__dirname, '..', '..', 'scripts', 'sandbox', 'procfs.mjs')).href) as Promise<Procfs>;

export interface ProcessInfo {
	readonly pid: number;
	readonly command: string;
}

function read(path: string): string {
	try {
		return readFileSync(path, 'utf8').replaceAll('\0', ' ');
	} catch {
		return ''; // gone meanwhile, or not ours to read
	}
}

/**
 * Live processes whose environment or command line mentions `marker`. The test hands the start its own
 * sandbox folder in DHIS2_PAT_SANDBOX_DIR, and everything it launches inherits it (code-server's extension
 * host and language server too, whose command lines don't name the run folder), so this finds them all.
 */
export function processesMentioning(marker: string): ProcessInfo[] {
	const found: ProcessInfo[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const command = read(`/proc/${entry}/cmdline`);
		if (command === '') continue; // zombies and kernel threads
		if (command.includes(marker) || read(`/proc/${entry}/environ`).includes(marker)) found.push({ pid: Number(entry), command });
	}
	return found;
}

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
	const { isAlive, threadStates } = await procfs();
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
