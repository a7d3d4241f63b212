// Stops what npm start launched when npm start dies without its own shutdown (SIGKILL, the OOM killer):
// its children run in process groups of their own and would outlive it, holding their ports. npm start keeps
// this process's stdin open; however npm start ends, the pipe closes. Every process npm start launched
// inherits its run marker in the environment, so they are found without npm start having to report them.
import { isAlive, processesMentioning } from './procfs.mjs';

const GRACE_MS = 3_000;
const [marker] = process.argv.slice(2);

async function stopAll() {
	const started = processesMentioning(marker).map(({ pid }) => pid).filter((pid) => pid !== process.pid);
	for (const pid of started) try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
	const deadline = Date.now() + GRACE_MS;
	while (started.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
	for (const pid of started.filter(isAlive)) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
	process.exit(0);
}

if (!marker) process.exit(2);
process.stdin.resume();
process.stdin.on('close', () => void stopAll());
process.stdin.on('error', () => void stopAll());
