import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { demoWorkspace } from '../harness';
import { poll } from '../../support/poll';
import { check } from '../check';
import { type FlowState } from '../state';
import { IS_SHOWN, startUiTrace } from '../uiTrace';
import { KEY_PLACEHOLDER } from './openWorkbench';

const FIX_TITLE = /Move DHIS2 token to environment variable (\w+) \(\.env\)/;
// A double click on the Problems row sets the selection twice (most likely preview, then pinned open), and VS Code
// asks for automatic code actions 250 ms after a selection change. A Ctrl+. between the two automatic requests is
// superseded by the second: the server answered all three (the language server's log showed manual, then
// automatic 20 ms later, both with the fixes), but only the light bulb shows. Nothing in the DOM marks the pending
// request, so the step waits out VS Code's debounce.
const AUTOMATIC_CODE_ACTIONS_SETTLE_MS = 600;

// Ctrl+. waits as a user does, until VS Code's light bulb shows that its own code action request for the
// selection has answered.
const EDITOR_READY_FOR_QUICK_FIX = `(() => {
	const editor = document.querySelector('.editor-group-container.active .monaco-editor.focused');
	const bulb = editor && editor.querySelector('.lightBulbWidget');
	return editor !== null && editor.contains(document.activeElement) && editor.querySelector('.selected-text') !== null
		&& (${IS_SHOWN})(bulb);
})()`;

/** The key lands in the demo script the way a user does it: Copy in the form, paste over the placeholder. */
async function pasteKey(state: FlowState, script: string): Promise<void> {
	const { workbench, page } = state;
	const form = workbench.webview();
	await form.locator('#copy').click();
	await form.locator('#action-status', { hasText: 'Copied' }).waitFor({ timeout: 30_000 });
	await workbench.openFile(script);
	// A double click selects the placeholder word (underscores are word characters in Monaco).
	await page.locator('.editor-group-container.active .view-line span', { hasText: KEY_PLACEHOLDER }).last().dblclick();
	await page.keyboard.press('Control+V');
	const key = state.key.reveal();
	await poll('the pasted key in the editor', async () => ((await workbench.editorLines()).some((line) => line.includes(key)) ? true : undefined), 10_000)
		.catch(() => {
			throw new Error('the key did not arrive in the editor through Copy + Ctrl+V (clipboard); run with --paste=file to write it instead');
		});
}

/** The fallback: the demo script written with the key, as `writeDemoWorkspace` does for `npm start`. */
async function writeKey(state: FlowState, script: string): Promise<void> {
	const { writeDemoWorkspace } = await demoWorkspace();
	writeDemoWorkspace(state.runDirs.workspace, { baseUrl: state.dhis2.url, token: state.key.reveal() });
	await state.workbench.openFile(script);
}

/**
 * Step 5: a demo file with the hardcoded key → squiggle and a Problems row with the masked key →
 * the "Move … to an environment variable" quick fix → save → the script reads the variable and
 * `.env` holds the key.
 */
export async function moveKeyToEnv(state: FlowState): Promise<void> {
	const { workbench, page } = state;
	const key = state.key;
	const { DEMO_SCRIPT } = await demoWorkspace();
	if (state.paste === 'clipboard') await pasteKey(state, DEMO_SCRIPT);
	else await writeKey(state, DEMO_SCRIPT);

	const squiggle = page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first();
	await squiggle.waitFor({ timeout: 30_000 });
	await page.keyboard.press('Control+Shift+M');
	const problem = page.locator('.markers-panel .monaco-list-row', { hasText: key.masked }).first();
	await problem.waitFor({ timeout: 30_000 });
	const problemText = await problem.innerText();
	check(problemText.includes('Hardcoded DHIS2 personal access token'), `the Problems row is not the hardcoded-token diagnostic: "${problemText}"`);
	check(!problemText.includes(key.reveal()), 'the Problems row shows the raw key');

	// Double-clicking the row selects the token in the editor; Ctrl+. lists the fixes there (recipe §5.4).
	const trace = await startUiTrace(page);
	await problem.dblclick();
	// The focus inside the active editor, the token selected, the light bulb shown.
	await page.waitForFunction(EDITOR_READY_FOR_QUICK_FIX, undefined, { timeout: 30_000 });
	await page.waitForTimeout(AUTOMATIC_CODE_ACTIONS_SETTLE_MS);
	await page.keyboard.press('Control+.');
	const fix = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first();
	// Should a first Ctrl+. still be superseded (1 run in 12 without the settle wait, none in 14 with it), a user
	// presses again; so does this step, once, and prints the trace. The fix must still be offered.
	if (!(await fix.waitFor({ timeout: 10_000 }).then(() => true, () => false))) {
		console.log(`e2e:   the quick fix menu did not open; pressing Ctrl+. once more. What the workbench did:\n${(await trace.read()).map((event) => `e2e:     ${event}`).join('\n')}`);
		await page.keyboard.press('Control+.');
		try {
			await fix.waitFor({ timeout: 30_000 });
		} catch (error) {
			throw new Error(`no "Move DHIS2 token to environment variable" in the quick fix menu; what the workbench did:\n${(await trace.stop()).join('\n')}`, { cause: error });
		}
	}
	// Printed on every run: the timings of good runs are what a failed first press is compared with.
	console.log(`e2e:   quick fix timeline: ${(await trace.stop()).join(' · ')}`);
	const variable = FIX_TITLE.exec(await fix.innerText())?.[1];
	check(variable !== undefined, 'the quick fix title names no environment variable');
	await fix.click();
	await squiggle.waitFor({ state: 'detached', timeout: 30_000 });
	await page.keyboard.press('Control+S');
	// The fix also edits .env, which VS Code may leave unsaved if it opened it.
	await workbench.runCommand('File: Save All');

	const scriptPath = join(state.runDirs.workspace, DEMO_SCRIPT);
	const envPath = join(state.runDirs.workspace, '.env');
	const source = await poll('the fixed script on disk', () => {
		const text = readFileSync(scriptPath, 'utf8');
		return text.includes(key.reveal()) ? undefined : text;
	}, 15_000);
	check(new RegExp(`os\\.(environ|getenv)\\b[^\\n]*${variable}`).test(source), `${DEMO_SCRIPT} does not read ${variable} from the environment`);
	const env = await poll('.env with the key on disk', () => {
		try {
			const values = parse(readFileSync(envPath, 'utf8'));
			return values[variable] === undefined ? undefined : values;
		} catch {
			return undefined;
		}
	}, 15_000);
	check(env[variable] === key.reveal(), `.env has ${variable}, but not with the generated key`);
	console.log(`e2e:   moved ${key.masked} to ${variable} in .env (key ${state.paste === 'clipboard' ? 'pasted with Copy + Ctrl+V' : 'written into the file'})`);
}
