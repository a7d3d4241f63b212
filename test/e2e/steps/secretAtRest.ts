import { join } from 'node:path';
import { check } from '../check';
import { scanForSecret } from '../secretScan';
import { type FlowState } from '../state';
import { stopAll } from '../teardown';

const ALLOWED = join('ws', '.env');

/**
 * Step 8: the key is nowhere on disk in plain text except the `.env` the explicit quick fix wrote.
 * The browser closes first (that flushes localStorage to leveldb) and the server stops (logs
 * flushed); then every file of the run folder is byte-scanned: Chromium profile, user data,
 * extensions, HOME, logs, workspace (recipe §7).
 */
export async function secretAtRest(state: FlowState): Promise<void> {
	const key = state.key;
	const provider = await state.page.evaluate<string | null>('localStorage.getItem("secrets.provider")');
	state.secretsProvider = provider;
	check(provider !== null && provider !== '', 'localStorage["secrets.provider"] is empty: the extension stored no secret, so the scan would prove nothing');
	check(!provider.includes(key.reveal()), 'localStorage["secrets.provider"] holds the key in plain text');
	await stopAll(state);

	const scan = scanForSecret(state.runDirs.root, key.reveal());
	const where = (hits: typeof scan.hits) => hits.map((hit) => `${hit.path} (${hit.encoding})`).join(', ');
	console.log(`e2e:   scanned ${scan.files} files, ${(scan.bytes / 1024 / 1024).toFixed(1)} MB; hits: ${where(scan.hits) || 'none'}`);
	// Positive control: the scanner does find the key where it must be.
	check(scan.hits.some((hit) => hit.path === ALLOWED && hit.encoding === 'utf8'), `the scan did not find the key in ${ALLOWED}, where the quick fix wrote it`);
	const unexpected = scan.hits.filter((hit) => hit.path !== ALLOWED);
	check(unexpected.length === 0, `the key is stored in plain text outside ${ALLOWED}: ${where(unexpected)}`);
}
