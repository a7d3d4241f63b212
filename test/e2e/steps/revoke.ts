import { poll } from '../../support/poll';
import { check } from '../check';
import { type FlowState } from '../state';
import { sideBarRow } from './tokensView';

/**
 * Step 7: Revoke from the Tokens view's context menu → confirm the modal → the emulator no longer
 * stores the token, and the key gets 401 on /api/me.
 */
export async function revokeToken(state: FlowState): Promise<void> {
	const { workbench } = state;
	const emulator = state.dhis2;
	const key = state.key;
	await workbench.runCommand('DHIS2: Show Tokens');
	const row = sideBarRow(state, state.tokenName);
	await workbench.openContextMenu(row);
	await workbench.runMenuEntry('Revoke Token');
	const message = await workbench.dialogMessage().innerText({ timeout: 30_000 });
	check(message.includes(`Revoke ${state.tokenName} on "${state.serverName}"`), `the confirmation asks something else: "${message}"`);
	await workbench.dialogButton('Revoke').click();

	await poll('the emulator to forget the token', () => (emulator.storedKeyHashes().includes(key.fingerprint) ? undefined : true), 30_000);
	check(!emulator.storedTokens().some((token) => token.code === state.tokenName), 'the emulator still lists the token by name');
	const response = await fetch(`${emulator.url}/api/me`, { headers: { Authorization: `ApiToken ${key.reveal()}`, Accept: 'application/json' } });
	await response.body?.cancel();
	check(response.status === 401, `the revoked key got ${response.status} on /api/me, expected 401`);
	await row.waitFor({ state: 'detached', timeout: 30_000 });
}
