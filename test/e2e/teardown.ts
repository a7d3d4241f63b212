import { type FlowState } from './state';

function exitOf(process: NonNullable<FlowState['server']>['process']): Promise<void> {
	if (process.exitCode !== null || process.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => process.once('exit', () => resolve()));
}

const within = (ms: number, promise: Promise<void>) => Promise.race([promise, new Promise<void>((resolve) => setTimeout(resolve, ms))]);

/**
 * Closes the browser (flushing its profile to disk), stops code-server's process group (SIGTERM
 * first, so logs are flushed, then `stop()`'s SIGKILL for anything left) and the emulator. Idempotent.
 */
export async function stopAll(state: FlowState): Promise<void> {
	state.stoppingAt ??= Date.now();
	const context = state.context;
	state.context = undefined;
	if (context) await context.close().catch(() => undefined);
	const server = state.server;
	state.server = undefined;
	if (server) {
		const exited = exitOf(server.process);
		const pid = server.process.pid;
		if (pid !== undefined) {
			try {
				process.kill(-pid, 'SIGTERM');
			} catch {
				// already gone
			}
		}
		await within(5_000, exited);
		server.stop();
		await within(5_000, exited);
	}
	const emulator = state.emulator;
	state.emulator = undefined;
	if (emulator) await emulator.close().catch(() => undefined);
}
