import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type ServerEntry } from '../../client/servers/serverList';
import { loginSecretKey, serialiseLogin } from '../../client/servers/signInPolicy';
import { type Dhis2PatTestApi } from '../../client/testApi';
import { lifecycleDeps } from '../../client/tokens/services';
import { normaliseServerUrl } from '../../core/dhis2/client/serverUrl';
import { DEMO_USERS, type Emulator } from '../../core/dhis2/emulator';
import { type TokenRequestInput } from '../../core/dhis2/tokens';
import { type GenerateResult, generateToken } from '../../core/lifecycle';
import { activatedExtension } from './extensionUnderTest';
import { poll } from '../support/poll';

/** The extension's test API; run.mjs sets DHIS2_PAT_TEST_API=1, without which activate() returns nothing. */
export async function testApi(): Promise<Dhis2PatTestApi> {
	const api = (await activatedExtension()).exports as Dhis2PatTestApi | undefined;
	assert.ok(api?.services && api.secrets, 'activate() returned no test API: is DHIS2_PAT_TEST_API=1 set on the VS Code server?');
	return api;
}

/**
 * Adds the emulator to `dhis2.servers` through the registry and remembers admin's login in the
 * extension's SecretStorage under the key Sign In uses, so `signIn.run(…, false)` signs in quietly.
 */
export async function addEmulatorServer(api: Dhis2PatTestApi, emulator: Emulator, label: string): Promise<ServerEntry> {
	const { registry } = api.services;
	const url = normaliseServerUrl(emulator.url);
	await registry.save([...registry.list().filter((server) => server.url !== url), { url, label, production: false }]);
	const { username, password } = DEMO_USERS.admin;
	await api.secrets.store(loginSecretKey(url), serialiseLogin({ username, password }));
	const server = registry.get(url);
	assert.ok(server, `${url} is listed by the registry after saving it`);
	return server;
}

/** Undoes addEmulatorServer and whatever a test stored for the server, so tests stay independent. */
export async function removeServer(api: Dhis2PatTestApi, url: string): Promise<void> {
	const { vault, registry, signIn } = api.services;
	for (const token of vault.list(url)) await vault.remove(url, token.id);
	// Drops the window's login and the remembered password.
	await signIn.signOut(url);
	await registry.save(registry.list().filter((server) => server.url !== url));
	await registry.rememberVersion(url, undefined);
	await tokensViewSettled(api);
}

/**
 * Waits until the Tokens view has had no change for `quietMs`, then for one round trip to the
 * workbench. The extension host passes view changes on debounced (200 ms); a refresh still on its
 * way when the suite ends is cancelled at shutdown and logged as an error, which fails the run.
 */
async function tokensViewSettled(api: Dhis2PatTestApi, quietMs = 1_000): Promise<void> {
	let last = Date.now();
	const subscription = api.services.tree.onDidChangeTreeData(() => {
		last = Date.now();
	});
	try {
		await poll('the Tokens view to stop changing', () => (Date.now() - last >= quietMs ? true : undefined), 15_000);
		await vscode.commands.executeCommand('setContext', 'dhis2.integrationSettled', true);
	} finally {
		subscription.dispose();
	}
}

export type Generated = Extract<GenerateResult, { ok: true }>;

/** What Generate Token does once the form is submitted: the lifecycle inside a (quiet) sign-in, then a view refresh. */
export async function generateThroughLifecycle(api: Dhis2PatTestApi, server: ServerEntry, input: TokenRequestInput): Promise<Generated> {
	const { services } = api;
	const result = await services.signIn.run(server, (session) => generateToken(lifecycleDeps(services, session), input, session.info.features), false);
	assert.ok(result, `no quiet sign-in to ${server.url}: the remembered login was not used`);
	// Field problems and DHIS2 errors carry no key, so they can be shown.
	assert.ok(result.ok, `generating failed: ${JSON.stringify(result)}`);
	services.tree.refresh(server.url);
	return result;
}

export function serverTokenInput(name: string): TokenRequestInput {
	return { context: 'server', name, expiry: { kind: 'preset', days: 30 }, allowedMethods: ['GET'] };
}
