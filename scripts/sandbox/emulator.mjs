// The DHIS2 emulator (dist/emulator.js) on 127.0.0.1, ready once it says it is listening.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SandboxError } from './errors.mjs';

const READY_TIMEOUT_MS = 30_000;

export async function startEmulator(supervisor, root, port) {
	const child = spawn(process.execPath, [join(root, 'dist', 'emulator.js'), '--host', '127.0.0.1', '--port', String(port)], {
		detached: true, stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const keep = (chunk) => { output = (output + chunk).slice(-4000); };
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	supervisor.service('DHIS2 emulator', child, { diagnose: () => `Its last output:\n${output.trimEnd()}` });
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (!output.includes('listening on')) {
		if (Date.now() > deadline) throw new SandboxError(`The DHIS2 emulator did not start within ${READY_TIMEOUT_MS / 1000} s. Its output:\n${output}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return `http://127.0.0.1:${port}`;
}
