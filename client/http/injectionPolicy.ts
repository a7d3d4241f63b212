import { type InjectionPolicy, type InjectionServer } from '../../core/http/inject';
import { type StoredToken, type TokenVault } from '../../core/vault';
import { type ServerEntry } from '../servers/serverList';

/** What the policy needs of the vault: which token each server uses, and its key on demand. */
export type PolicyVault = Pick<TokenVault, 'activeId' | 'key' | 'get' | 'list'>;

export interface VaultPolicy {
	readonly policy: InjectionPolicy;
	/** The token whose key the sender asked for, if it asked (for explanations afterwards). */
	readonly used: () => { readonly serverUrl: string; readonly id: string } | undefined;
}

/**
 * The injection policy of this window: every configured server with its production flag, and a
 * token source for those that have a token chosen for `.http` requests. The key is read from
 * SecretStorage only when the sender has decided to send it, and handed over as a string at the
 * last moment. In an untrusted workspace no server gets a token source at all (and the policy says
 * `untrusted`, so every send is confirmed).
 */
export function vaultPolicy(servers: readonly ServerEntry[], vault: PolicyVault, trusted: boolean): VaultPolicy {
	let used: { serverUrl: string; id: string } | undefined;
	const entries = servers.map((server): InjectionServer => {
		const id = trusted ? vault.activeId(server.url) : undefined;
		const base = { baseUrl: server.url, label: server.label, production: server.production };
		if (id === undefined) return base;
		return {
			...base,
			token: async () => {
				used = { serverUrl: server.url, id };
				return (await vault.key(server.url, id))?.reveal();
			},
		};
	});
	return { policy: { servers: entries, ...(trusted ? {} : { untrusted: true }) }, used: () => used };
}

/** What the vault knows about the server a request went to, for the explanation of its answer. */
export function vaultFacts(vault: PolicyVault, serverUrl: string | undefined, used: { serverUrl: string; id: string } | undefined): { token?: StoredToken; serverHasStoredTokens: boolean } {
	const token = used ? vault.get(used.serverUrl, used.id) : undefined;
	return { ...(token ? { token } : {}), serverHasStoredTokens: serverUrl !== undefined && vault.list(serverUrl).length > 0 };
}
