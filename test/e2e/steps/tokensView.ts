import { check } from '../check';
import { type FlowState } from '../state';

/** The tree rows of the side bar, where the DHIS2 Tokens view lives. */
export function sideBarRow(state: FlowState, text: string) {
	return state.page.locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: text }).first();
}

/** Step 4: the new token is a row of the DHIS2 Tokens view, under its server. */
export async function tokenInView(state: FlowState): Promise<void> {
	await state.workbench.runCommand('DHIS2: Show Tokens');
	await sideBarRow(state, state.serverName).waitFor({ timeout: 30_000 });
	const row = sideBarRow(state, state.tokenName);
	await row.waitFor({ timeout: 30_000 });
	const label = await row.getAttribute('aria-label') ?? await row.innerText();
	check(!label.includes(state.key.reveal()), 'the Tokens view row shows the raw key');
}
