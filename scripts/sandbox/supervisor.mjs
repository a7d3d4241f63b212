// Everything `npm start` starts, so that Ctrl+C or SIGTERM stops all of it (exit 0) and a service that dies
// on its own stops the rest (exit 1). Children run in their own process groups: only this script decides
// when they stop, so a terminal's Ctrl+C can't kill the emulator before the script knows it is stopping,
// and killing a group also ends what the child started (npm's compilers, code-server's extension host).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { liveMembers } from './procfs.mjs';

const STOP_GRACE_MS = 10_000;
const REAP_TIMEOUT_MS = 5_000;

function killGroup(child, signal) {
	try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

/** The processes of these groups that may still hold files (ports): every thread counts, see procfs.mjs. */
function survivorsOf(pgids) {
	const existing = pgids.filter((pgid) => {
		try { process.kill(-pgid, 0); return true; } catch { return false; }
	});
	if (existing.length === 0) return [];
	return process.platform === 'linux' ? liveMembers(...existing) : existing;
}

/** Stops what this run launched should npm start be killed without running any of its own code (SIGKILL). */
function startReaper() {
	if (process.platform !== 'linux') return; // it finds the run's processes through /proc
	process.env.DHIS2_PAT_START_ID = randomUUID(); // inherited by everything this run launches
	const marker = `DHIS2_PAT_START_ID=${process.env.DHIS2_PAT_START_ID}`;
	const env = { ...process.env };
	delete env.DHIS2_PAT_START_ID;
	const reaper = spawn(process.execPath, [fileURLToPath(new URL('reaper.mjs', import.meta.url)), marker], {
		detached: true, stdio: ['pipe', 'ignore', 'ignore'], env,
	});
	reaper.unref();
	reaper.stdin.on('error', () => { /* the reaper is gone: nothing to report to */ });
}

function exited(child) {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

function describeExit(child) {
	return child.signalCode ? `killed by ${child.signalCode}` : `exit code ${child.exitCode}`;
}

export class Supervisor {
	stopping = false;
	#children = new Map();
	#cleanups = [];

	constructor() {
		const stop = () => (this.stopping ? this.#forceExit() : void this.shutdown(0, 'Stopping everything npm start started…'));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		process.on('SIGHUP', stop); // the terminal was closed
		// A crash must not leave detached children behind: kill synchronously on the way out.
		process.on('exit', () => { for (const child of this.#children.keys()) killGroup(child, 'SIGKILL'); });
		startReaper();
	}

	/** A child that runs until shutdown (`stop` defaults to SIGTERM to its group). */
	service(name, child, { stop, diagnose = () => '' } = {}) {
		this.#children.set(child, stop ?? (() => killGroup(child, 'SIGTERM')));
		void exited(child).then(() => {
			if (this.stopping) return;
			const details = diagnose();
			void this.shutdown(1, `The ${name} stopped unexpectedly (${describeExit(child)}), so npm start stops too.${details ? `\n${details}` : ''}`);
		});
	}

	/** A child of one step: the step judges its exit; shutdown only has to stop it. */
	step(child) {
		this.#children.set(child, () => killGroup(child, 'SIGTERM'));
		// Forgotten once done, so a later sweep can't hit a reused process id; during shutdown its group is still swept.
		child.once('exit', () => { if (!this.stopping) this.#children.delete(child); });
	}

	/** Runs at shutdown, e.g. to stop something whose start is still in progress. */
	onShutdown(cleanup) {
		this.#cleanups.push(cleanup);
	}

	async shutdown(code, message) {
		if (this.stopping) return;
		this.stopping = true;
		(code === 0 ? console.log : console.error)(`\n${code === 0 ? '■' : '✘'} ${message}`);
		for (const [child, stop] of this.#children) if (child.exitCode === null && child.signalCode === null) stop();
		const cleanups = Promise.allSettled(this.#cleanups.map((cleanup) => cleanup()));
		const all = Promise.all([cleanups, ...[...this.#children.keys()].map(exited)]);
		await Promise.race([all, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
		// Stopped means stopped: every process of every group gone (ports closed), not just the leaders.
		for (const child of this.#children.keys()) killGroup(child, 'SIGKILL');
		const deadline = Date.now() + REAP_TIMEOUT_MS;
		const survivors = () => survivorsOf([...this.#children.keys()].map((child) => child.pid));
		while (survivors().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
		const left = survivors();
		if (left.length > 0) {
			console.error(`✘ Processes ${left.join(', ')} were still running ${REAP_TIMEOUT_MS / 1000} s after SIGKILL; check them with: ps -o pid,stat,cmd -p ${left.join(',')}`);
			code = 1;
		}
		this.#forceExit(code);
	}

	#forceExit(code = 0) {
		// Also reaps what a group leader left behind when it exited first.
		for (const child of this.#children.keys()) killGroup(child, 'SIGKILL');
		process.exit(code);
	}
}
