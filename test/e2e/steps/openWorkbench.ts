import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startEmulator } from '../../../core/dhis2/emulator';
import { codeServer, demoWorkspace, VSIX } from '../harness';
import { isKnownNoise } from '../noise';
import { check } from '../check';
import { type FlowState } from '../state';
import { Workbench } from '../workbench';

/** Where the user pastes the key in step 5; not token-shaped, so nothing flags it before the paste. */
export const KEY_PLACEHOLDER = 'PASTE_THE_KEY_HERE';

/** A release that stores token names (2.41.5+, 2.42.2+, 2.43), so the form offers the name field. */
const EMULATED_VERSION = '2.43';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Step 1: the emulator, a fresh run folder with the demo workspace, the packaged .vsix installed,
 * code-server on 127.0.0.1, and Chromium with a profile inside the run folder (scanned in step 8).
 */
export async function openWorkbench(state: FlowState): Promise<void> {
	check(existsSync(VSIX), `${VSIX} is missing: run \`npm run package\` first (npm run test:e2e does)`);
	const { createRunDir, installVsix, startCodeServer } = await codeServer();
	const { writeDemoWorkspace, DEMO_HTTP } = await demoWorkspace();

	const emulator = await startEmulator({ host: '127.0.0.1', port: 0, version: EMULATED_VERSION });
	state.emulator = emulator;
	const dirs = createRunDir({ prefix: 'dhis2-pat-e2e-' });
	state.dirs = dirs;
	writeDemoWorkspace(dirs.workspace, { baseUrl: emulator.url, token: KEY_PLACEHOLDER });
	installVsix(dirs, VSIX);
	const server = await startCodeServer(dirs);
	state.server = server;

	const context = await chromium.launchPersistentContext(dirs.browserProfile, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		viewport: { width: 1400, height: 900 },
		args: CHROMIUM_ARGS,
	});
	state.context = context;
	// The Copy button goes through VS Code's clipboard service, which is navigator.clipboard in the browser build.
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
	const page = context.pages()[0] ?? await context.newPage();
	page.on('console', (message) => {
		if (message.type() === 'error' && !isKnownNoise(message.text())) state.consoleErrors.push(`${new Date().toISOString()} ${message.text()}`);
	});
	page.on('pageerror', (error) => state.consoleErrors.push(`page error: ${error.message}`));
	const workbench = new Workbench(page);
	state.setPage(page, workbench);

	await page.goto(server.workbenchUrl());
	const origin = new URL(page.url());
	check(origin.hostname === '127.0.0.1', `the workbench opened on ${origin.hostname}, not 127.0.0.1`);
	// Only a secure context encrypts SecretStorage (recipe §7): fail loudly if the URL ever changes.
	check(await page.evaluate<boolean>('isSecureContext') === true, 'the workbench is not a secure context, so secrets would be stored in plain text');
	try {
		await workbench.waitForExplorer(DEMO_HTTP, 45_000);
	} catch {
		// Start-up race (recipe §6): the shell drew but the remote file system never connected. One reload.
		console.log('e2e: the explorer did not fill in 45 s; reloading the workbench once');
		await page.reload();
		await workbench.waitForExplorer(DEMO_HTTP, 60_000);
	}
}
