import { demoWorkspace } from '../harness';
import { poll } from '../../support/poll';
import { check } from '../check';
import { type FlowState } from '../state';

/**
 * Step 6: `me.http` → the "Send Request" CodeLens → the response view (client/http/responseHtml.ts)
 * shows 200 and the request as sent with Authorization masked; the emulator received the key.
 */
export async function sendRequest(state: FlowState): Promise<void> {
	const { workbench, page } = state;
	const emulator = state.dhis2;
	const key = state.key;
	const { DEMO_HTTP } = await demoWorkspace();
	emulator.clearRequests();
	await workbench.openFile(DEMO_HTTP);
	await page.locator('.editor-group-container.active .monaco-editor .codelens-decoration a', { hasText: 'Send Request' }).first().click({ timeout: 30_000 });

	const view = workbench.webview();
	const status = view.locator('#status');
	await view.locator('#response').waitFor({ state: 'visible', timeout: 30_000 });
	await poll('a status in the response view', async () => ((await status.innerText()).trim() === '' ? undefined : true), 30_000);
	const statusText = (await status.innerText()).trim();
	check(statusText.startsWith('200'), `the response view shows "${statusText}", expected 200`);

	await view.locator('#tab-request').click();
	const hops = view.locator('#hops');
	await hops.waitFor({ state: 'visible', timeout: 30_000 });
	const sent = await hops.innerText();
	check(!sent.includes(key.reveal()), 'the request as sent shows the raw key');
	check(/authorization/i.test(sent), 'the request as sent lists no Authorization header');
	check(sent.includes(key.masked), `the request as sent does not show the masked key ${key.masked}`);

	// The emulator keeps Authorization masked in its log; it authenticated the full key (200 on /api/me).
	const received = emulator.requests.filter((request) => request.path === '/api/me');
	check(received.length > 0, 'the emulator received no /api/me request');
	const withKey = received.find((request) => request.headers.authorization === `ApiToken ${key.masked}`);
	check(withKey !== undefined, `the emulator's /api/me request did not carry ApiToken ${key.masked} (got ${received.map((request) => request.headers.authorization ?? 'no Authorization').join(', ')})`);
	check(withKey.status === 200, `the emulator answered /api/me with ${withKey.status ?? 'nothing'}, expected 200`);
}
