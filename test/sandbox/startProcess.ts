/**
 * `node scripts/start.mjs` as a newcomer runs it, in a sandbox folder of the test's own and on ports the
 * test picked, with its output collected so tests can wait for the printed URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface StartOptions {
	readonly sandboxDir: string;
	readonly emulatorPort: number;
	readonly vscodePort: number;
}

export interface Exit {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
}

export class StartRun {
	private text = '';
	private readonly exited: Promise<Exit>;

	private constructor(readonly child: ChildProcess) {
		child.stdout?.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
		this.exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
	}

	static launch(options: StartOptions): StartRun {
		return new StartRun(spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				...process.env,
				DHIS2_PAT_SANDBOX_DIR: options.sandboxDir,
				DHIS2_EMULATOR_PORT: String(options.emulatorPort),
				DHIS2_PAT_VSCODE_PORT: String(options.vscodePort),
			},
		}));
	}

	/** Everything printed so far, stdout and stderr interleaved. */
	get output(): string {
		return this.text;
	}

	async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const match = pattern.exec(this.text);
			if (match) return match;
			if (this.child.exitCode !== null || this.child.signalCode !== null) {
				throw new Error(`npm start exited (${this.child.exitCode ?? this.child.signalCode}) before printing ${pattern}:\n${this.text}`);
			}
			if (Date.now() > deadline) throw new Error(`npm start did not print ${pattern} within ${timeoutMs / 1000} s:\n${this.text}`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** Resolves with the exit, or rejects (after killing it) if it outlives `timeoutMs`. */
	async exit(timeoutMs: number): Promise<Exit> {
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => {
				this.child.kill('SIGKILL');
				reject(new Error(`npm start was still running ${timeoutMs / 1000} s later:\n${this.text}`));
			}, timeoutMs);
		});
		try {
			return await Promise.race([this.exited, timeout]);
		} finally {
			clearTimeout(timer);
		}
	}
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}
