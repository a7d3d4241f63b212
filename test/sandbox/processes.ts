/** What a start leaves behind: processes and listening ports. */
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

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

/** Polls until nothing mentions `marker` any more; returns what is left after `timeoutMs`. */
export async function leftovers(marker: string, timeoutMs: number): Promise<ProcessInfo[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const left = processesMentioning(marker);
		if (left.length === 0 || Date.now() > deadline) return left;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}
