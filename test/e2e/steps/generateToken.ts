import { check } from '../check';
import { SecretKey } from '../secretKey';
import { type FlowState } from '../state';

/**
 * Step 3: `DHIS2: Generate Token` → the webview form (ids in client/webviews/generateTokenHtml.ts)
 * → a name → Generate → the key, shown once, is read from the page (and only ever printed masked)
 * → "Use for .http requests to this server".
 */
export async function generateToken(state: FlowState): Promise<void> {
	const { workbench } = state;
	const emulator = state.dhis2;
	await workbench.runCommand('DHIS2: Generate Token');
	const form = workbench.webview();
	// The name field appears once the server's capabilities arrived (2.41 stores token names).
	await form.locator('#name-field').waitFor({ state: 'visible', timeout: 30_000 });
	await form.locator('#name').fill(state.tokenName);
	const tokensBefore = emulator.tokenCount();
	await form.locator('#generate').click();
	await form.locator('#result').waitFor({ state: 'visible', timeout: 30_000 });

	const key = new SecretKey(await form.locator('#key').inputValue());
	check(key.verifies, `the page shows ${key.masked}, which is not a DHIS2 key with a valid checksum`);
	state.key = key;
	console.log(`e2e:   generated ${key.masked}`);
	check(emulator.tokenCount() === tokensBefore + 1, `the emulator holds ${emulator.tokenCount()} tokens, expected ${tokensBefore + 1}`);
	check(emulator.storedKeyHashes().includes(key.fingerprint), 'the emulator does not know the key the page shows');
	const stored = emulator.storedTokens().find((token) => token.keyHash === key.fingerprint);
	check(stored?.code === state.tokenName, `the emulator stored the token as "${stored?.code ?? 'no name'}", expected ${state.tokenName}`);
	const help = await form.locator('#key-help').innerText();
	check(help.includes('only time the key is shown'), `the page does not say the key is shown only once: "${help}"`);

	await form.locator('#use-for-http').click();
	await form.locator('#action-status', { hasText: '.http requests to' }).waitFor({ timeout: 30_000 });
}
