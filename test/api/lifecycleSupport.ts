// Shared set-up for the lifecycle tests: the real client against the emulator over loopback, and the
// vault on the in-memory stores (with switches that make one kind of write fail, like a locked keychain).
import assert from 'node:assert/strict';
import { ApiKey, basicCredentials, type Credentials, Dhis2Client, type RevokeResult } from '../../core/dhis2/client';
import { DEMO_USERS, type Emulator, startEmulator } from '../../core/dhis2/emulator';
import { type TokenRequestInput } from '../../core/dhis2/tokens';
import { generateToken, type LifecycleDeps } from '../../core/lifecycle';
import { redactTokens } from '../../core/redact';
import { MemoryMetadataStore, MemorySecretStore, type StoredToken, TokenVault } from '../../core/vault';
import { closedPort } from './clientLoopback';

export const VERSIONS = ['2.41.6', '2.43', '2.40'] as const;
export const alice = basicCredentials(DEMO_USERS.normal.username, DEMO_USERS.normal.password);
export const bob = basicCredentials(DEMO_USERS.other.username, DEMO_USERS.other.password);
export const HTTP = { timeoutMs: 5000, env: {} } as const;

export class SwitchableSecretStore extends MemorySecretStore {
	/** Makes `store` fail for keys this returns true for. */
	failStore: (key: string) => boolean = () => false;
	failDelete: (key: string) => boolean = () => false;
	override store(key: string, value: string): Promise<void> {
		return this.failStore(key) ? Promise.reject(new Error('the keychain is locked')) : super.store(key, value);
	}
	override delete(key: string): Promise<void> {
		return this.failDelete(key) ? Promise.reject(new Error('the keychain is locked')) : super.delete(key);
	}
}

export class SwitchableMetadataStore extends MemoryMetadataStore {
	failUpdate: (key: string) => boolean = () => false;
	override update(key: string, value: unknown): Promise<void> {
		return this.failUpdate(key) ? Promise.reject(new Error('disk full')) : super.update(key, value);
	}
}

/** A real client whose DELETE goes to another (e.g. closed) server: a network failure at exactly that step. */
export class RevokeElsewhereClient extends Dhis2Client {
	constructor(baseUrl: string, credentials: Credentials, private readonly revoker: Dhis2Client) {
		super({ baseUrl, credentials, http: HTTP });
	}
	override revokeToken(id: string, signal?: AbortSignal): Promise<RevokeResult> {
		return this.revoker.revokeToken(id, signal);
	}
	override async close(): Promise<void> {
		await super.close();
		await this.revoker.close();
	}
}

export async function unreachableClient(credentials: Credentials = alice): Promise<Dhis2Client> {
	return new Dhis2Client({ baseUrl: `http://127.0.0.1:${await closedPort()}`, credentials, http: HTTP });
}

export interface Rig {
	readonly emulator: Emulator;
	readonly client: Dhis2Client;
	readonly secrets: SwitchableSecretStore;
	readonly metadata: SwitchableMetadataStore;
	readonly vault: TokenVault;
	readonly deps: LifecycleDeps;
	/** A client signed in with a key, to prove the key works (or does not). */
	keyClient(key: ApiKey | string): Dhis2Client;
	close(): Promise<void>;
}

export async function startRig(version: string): Promise<Rig> {
	const emulator = await startEmulator({ port: 0, version });
	const client = new Dhis2Client({ baseUrl: emulator.url, credentials: alice, http: HTTP });
	await client.systemInfo();
	const secrets = new SwitchableSecretStore();
	const metadata = new SwitchableMetadataStore();
	const vault = new TokenVault(secrets, metadata);
	const extra: Dhis2Client[] = [];
	return {
		emulator,
		client,
		secrets,
		metadata,
		vault,
		deps: { client, vault, serverUrl: emulator.url },
		keyClient: (key) => {
			const keyed = new Dhis2Client({ baseUrl: emulator.url, credentials: { kind: 'apiToken', key: key instanceof ApiKey ? key : new ApiKey(key) }, http: HTTP });
			extra.push(keyed);
			return keyed;
		},
		close: async () => {
			vault.dispose();
			await Promise.all([client, ...extra].map((c) => c.close()));
			// A test may have closed it already, to cut the network mid-operation.
			await emulator.close().catch(() => undefined);
		},
	};
}

export function serverInput(overrides: Partial<TokenRequestInput> = {}): TokenRequestInput {
	return { context: 'server', name: 'ci-token', expiry: { kind: 'preset', days: 30 }, allowedIps: '127.0.0.1', allowedMethods: ['GET', 'POST'], ...overrides };
}

/** Generates a token through the lifecycle and returns it with its key. */
export async function generated(rig: Rig, overrides: Partial<TokenRequestInput> = {}): Promise<{ token: StoredToken; key: ApiKey }> {
	const features = rig.client.knownFeatures;
	assert.ok(features);
	const result = await generateToken(rig.deps, serverInput(overrides), features);
	assert.ok(result.ok, `generate failed: ${JSON.stringify(result)}`);
	return { token: result.token, key: result.key };
}

/** Nothing in the text looks like an unmasked key. */
export function assertNoKeyIn(...texts: string[]): void {
	for (const text of texts) assert.equal(redactTokens(text), text, `a key leaked into: ${text}`);
}
