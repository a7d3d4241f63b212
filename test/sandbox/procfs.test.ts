/**
 * How npm start decides its processes are gone, against a real process in the state that once left
 * code-server's port open after npm start had exited: its main thread has exited (the leader shows as a
 * zombie) while another thread still holds a listening socket.
 */
import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { isListening, procfs } from './processes';
import { poll } from '../support/poll';

// Debian's python3 (.ci/run installs it): Node can't end its main thread while other threads run.
const PYTHON = '/usr/bin/python3';
const ZOMBIE_LEADER = `
import ctypes, socket, threading, time
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen()
threading.Thread(target=lambda: time.sleep(600)).start()
print(server.getsockname()[1], flush=True)
ctypes.CDLL(None).pthread_exit(None)
`;

describe('sandbox: when a stopped process is gone (scripts/sandbox/procfs.mjs)', () => {
	let child: ChildProcess | undefined;
	afterEach(() => {
		if (child?.pid) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
	});

	async function startZombieLeader(): Promise<{ pid: number; port: number }> {
		child = spawn(PYTHON, ['-c', ZOMBIE_LEADER], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
		const [line] = (await once(child.stdout!, 'data')) as [Buffer];
		const pid = child.pid ?? 0;
		const { threadStates } = await procfs();
		await poll('the main thread to exit', () => (threadStates(pid)[0] === 'Z' ? true : undefined), 10_000);
		return { pid, port: Number(line.toString().trim()) };
	}

	it('counts a zombie leader whose other thread still runs as alive, holding its port', async () => {
		const { isAlive, liveMembers, listenersOf, threadStates } = await procfs();
		const { pid, port } = await startZombieLeader();
		assert.equal(threadStates(pid)[0], 'Z', 'the leader itself is a zombie');
		assert.equal(await isListening(port), true);
		assert.equal(isAlive(pid), true);
		assert.deepEqual(liveMembers(pid), [pid]);
		assert.deepEqual(listenersOf(port), [pid], 'found through its threads\' file tables');
	});

	it('counts it gone, port closed, once the whole group is killed', async () => {
		const { isAlive, liveMembers, listenersOf } = await procfs();
		const { pid, port } = await startZombieLeader();
		process.kill(-pid, 'SIGKILL');
		await poll('every thread to exit', () => (isAlive(pid) ? undefined : true), 10_000);
		assert.deepEqual(liveMembers(pid), []);
		assert.equal(await isListening(port), false);
		assert.deepEqual(listenersOf(port), []);
	});
});
