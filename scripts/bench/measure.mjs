// Timing and peak memory of child processes, and the statistics the report prints.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';

/**
 * How peak memory is measured, said once in the report. GNU time reports the child's ru_maxrss from
 * wait4(), exact and free; without it we poll the kernel's VmHWM (the peak RSS it keeps per process),
 * which misses only what a process allocates in its last few milliseconds.
 */
export const RSS_METHOD = existsSync(GNU_TIME)
	? 'peak RSS = ru_maxrss of the process tree leader via GNU time (/usr/bin/time -f %M)'
	: 'peak RSS = last VmHWM read from /proc/<pid>/status, polled every 5 ms';

/**
 * Runs `command` to completion and returns wall time (ms, measured here), CPU time (ms, GNU time only),
 * peak RSS (KiB), exit status and stdout. Synchronous on purpose: the benchmark process sits idle in
 * wait() instead of running an event loop that would compete for the machine's cores.
 */
export async function runMeasured(command, args, { cwd, env } = {}) {
	if (!existsSync(GNU_TIME)) return runPolled(command, args, { cwd, env });
	const dir = mkdtempSync(join(tmpdir(), 'dhis2-pat-bench-time-'));
	const timeFile = join(dir, 'time.txt');
	try {
		const started = process.hrtime.bigint();
		const result = spawnSync(GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, command, ...args], {
			cwd,
			env: env ?? process.env,
			maxBuffer: 512 * 1024 * 1024,
			encoding: 'utf8',
		});
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		if (result.error) throw result.error;
		// `time` writes "Command exited with non-zero status N" above its line when the command fails.
		const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
		const [user, system, maxRss] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
		return {
			wallMs,
			cpuMs: ((user ?? 0) + (system ?? 0)) * 1000,
			peakRssKiB: maxRss ?? NaN,
			status: result.status,
			stdout: result.stdout,
			stderr: result.stderr,
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function runPolled(command, args, { cwd, env }) {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(command, args, { cwd, env: env ?? process.env });
		let stdout = '';
		let stderr = '';
		let peakRssKiB = NaN;
		child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		const poll = setInterval(() => {
			const hwm = readStatusField(child.pid, 'VmHWM');
			if (hwm !== undefined) peakRssKiB = Number.isNaN(peakRssKiB) ? hwm : Math.max(peakRssKiB, hwm);
		}, 5);
		child.on('error', (error) => {
			clearInterval(poll);
			reject(error);
		});
		child.on('close', (status) => {
			clearInterval(poll);
			const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
			resolve({ wallMs, cpuMs: NaN, peakRssKiB, status, stdout, stderr });
		});
	});
}

/** A `kB` field of /proc/<pid>/status (VmRSS, VmHWM), or undefined once the process is gone. */
export function readStatusField(pid, field) {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

export function median(values) {
	return percentile(values, 50);
}

/** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
export function percentile(values, p) {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1];
}

export function machineInfo() {
	let cpuModel = 'unknown';
	let cores = 0;
	try {
		const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
		cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpuModel;
		cores = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
	} catch {
		// Not Linux: the report says "unknown" rather than guessing.
	}
	return { node: process.version, cpuModel, cores, platform: `${process.platform}-${process.arch}` };
}

/** The 1-minute load average: other work on the machine inflates every figure, so the report shows it. */
export function loadAverage() {
	try {
		return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
	} catch {
		return NaN;
	}
}

/**
 * What touching fresh memory costs here, against copying into memory already touched: a 10 MB copy
 * each way. Virtual machines often make first-touch page faults expensive, and both a 5 MB document
 * edit (V8 flattens the edited string into a new allocation) and reading a large file pay it.
 */
export function freshMemoryCost() {
	const size = 10_000_000;
	const source = Buffer.alloc(size, 1);
	const warm = Buffer.allocUnsafeSlow(size);
	source.copy(warm);
	const rounds = 10;
	let started = performance.now();
	for (let i = 0; i < rounds; i++) source.copy(Buffer.allocUnsafeSlow(size));
	const freshMs = (performance.now() - started) / rounds;
	started = performance.now();
	for (let i = 0; i < rounds; i++) source.copy(warm);
	const warmMs = (performance.now() - started) / rounds;
	return { bytes: size, freshMs, warmMs };
}

/** `rg --version`'s first line, or undefined when ripgrep is not on PATH. */
export function ripgrepVersion() {
	const result = spawnSync('rg', ['--version'], { encoding: 'utf8' });
	if (result.error || result.status !== 0) return undefined;
	return result.stdout.split('\n')[0];
}
