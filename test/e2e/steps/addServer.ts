import { DEMO_USERS } from '../../../core/dhis2/emulator';
import { check } from '../check';
import { type FlowState } from '../state';

/**
 * Step 2: `DHIS2: Add Server` with the emulator's address, a name and "Test…", then the sign-in
 * prompts of client/servers/signIn.ts (user name, password, keep for this window only).
 */
export async function addServer(state: FlowState): Promise<void> {
	const { workbench } = state;
	const emulator = state.dhis2;
	const admin = DEMO_USERS.admin;
	const name = state.serverName;
	await workbench.runCommand('DHIS2: Add Server');
	await workbench.answerInput('Add DHIS2 Server (1/3)', emulator.url);
	await workbench.answerInput('Add DHIS2 Server (2/3)', name);
	await workbench.pick('Add DHIS2 Server (3/3)', 'Test, training or development server');
	await workbench.answerInput(`Sign in to "${name}" (1/3)`, admin.username);
	await workbench.answerInput(`Sign in to "${name}" (2/3)`, admin.password);
	await workbench.pick(`Sign in to "${name}" (3/3)`, 'Keep for this window only');
	const toast = workbench.toast(`Added "${name}"`);
	await toast.waitFor({ timeout: 30_000 });
	const text = await toast.innerText();
	check(text.includes(`signed in as ${admin.username}`), `the Add Server toast does not say who signed in: "${text}"`);
	const signedIn = emulator.requests.some((request) => request.path === '/api/me' && request.headers.authorization?.startsWith('Basic ') === true && request.status === 200);
	check(signedIn, 'the emulator never answered /api/me with 200 for a Basic sign-in');
}
