// The steps of `npm start`: a heading each, children that Ctrl+C can stop, and output kept quiet unless
// a step fails.
import { spawn } from 'node:child_process';
import { SandboxError } from './errors.mjs';

export function step(title) {
	console.log(`\n▸ ${title}`);
}

export function elapsed(since) {
	const seconds = Math.round((Date.now() - since) / 1000);
	return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * Runs a command to completion in its own process group (so shutdown stops its whole tree) and resolves
 * with its exit code. `quiet` collects the output and returns it instead of streaming it.
 */
export function run(supervisor, command, args, { quiet = false, ...options } = {}) {
	const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'] });
	supervisor.step(child);
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	return new Promise((resolve, reject) => {
		child.once('error', (error) => reject(new SandboxError(`Could not run ${command}: ${error.message}`)));
		child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
	});
}

/** `run`, failing with `failure`, the collected output and `hint` (what to do about it) on a non-zero exit. */
export async function runOrFail(supervisor, command, args, { failure, hint, ...options }) {
	const { code, output } = await run(supervisor, command, args, options);
	if (code === 0) return output;
	const shown = output ? `\n${output.trimEnd()}` : ' Its output is above.';
	throw new SandboxError(`${failure} (exit code ${code}).${shown}${hint ? `\n${hint}` : ''}`);
}
