// What Linux's /proc says about processes npm start launched, for deciding when they are really gone.
// A process whose main thread has exited shows as a zombie in /proc/<pid>/stat while its other threads
// still run and hold its files (a listening socket too): after SIGKILL, a thread finishing disk I/O can keep
// code-server's port open for seconds behind a zombie leader. So liveness is judged per thread.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const DEAD_STATES = new Set(['Z', 'X', 'x']);

function read(path) {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return ''; // gone meanwhile, or not ours to read
	}
}

function list(path) {
	try {
		return readdirSync(path);
	} catch {
		return [];
	}
}

/** The fields of /proc/<pid>/stat after the command name (which may itself hold spaces and parentheses). */
function statFields(path) {
	const stat = read(path);
	return stat === '' ? [] : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function processIds() {
	return list('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
}

/** The states of a process's threads, e.g. `['Z', 'D']` for a zombie leader with a thread still exiting. */
export function threadStates(pid) {
	return list(`/proc/${pid}/task`).map((tid) => statFields(`/proc/${pid}/task/${tid}/stat`)[0]).filter(Boolean);
}

/** Whether any thread of `pid` still runs (and so may hold its files). */
export function isAlive(pid) {
	return threadStates(pid).some((state) => !DEAD_STATES.has(state));
}

/** The process group `pid` belongs to, or undefined once it is gone. */
export function groupOf(pid) {
	const group = statFields(`/proc/${pid}/stat`)[2];
	return group === undefined ? undefined : Number(group);
}

/** The processes of the groups `pgids` with a thread still running, found in one pass over /proc. */
export function liveMembers(...pgids) {
	const groups = new Set(pgids);
	return processIds().filter((pid) => groups.has(groupOf(pid)) && isAlive(pid));
}

function listeningSockets(port) {
	const portSuffix = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
	const sockets = new Set();
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		for (const line of read(table).split('\n').slice(1)) {
			const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
			if (state === '0A' && local?.endsWith(portSuffix)) sockets.add(`socket:[${inode}]`);
		}
	}
	return sockets;
}

/**
 * The processes holding a listening socket on `port`. Every thread's file table is read, because a zombie
 * leader's own /proc/<pid>/fd is empty while its threads still hold the socket.
 */
export function listenersOf(port) {
	const sockets = listeningSockets(port);
	if (sockets.size === 0) return [];
	return processIds().filter((pid) => list(`/proc/${pid}/task`).some((tid) => {
		const fdDir = `/proc/${pid}/task/${tid}/fd`;
		return list(fdDir).some((fd) => {
			try {
				return sockets.has(readlinkSync(`${fdDir}/${fd}`));
			} catch {
				return false;
			}
		});
	}));
}

/** Live processes whose command line or environment contains `marker` (a zombie leader shows neither). */
export function processesMentioning(marker) {
	const found = [];
	for (const pid of processIds()) {
		const command = read(`/proc/${pid}/cmdline`).replaceAll('\0', ' ');
		if (command === '') continue; // zombies and kernel threads
		if (command.includes(marker) || read(`/proc/${pid}/environ`).includes(marker)) found.push({ pid, command });
	}
	return found;
}
