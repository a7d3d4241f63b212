import { ApiKey } from '../dhis2/client/credentials';
import { normaliseServerUrl } from '../dhis2/client/serverUrl';
import { ACTIVE_METADATA_KEY, parseSecretKey, secretKeyOf, TOKENS_METADATA_KEY } from './secretKeys';
import { type StoredToken, storedTokenOf } from './storedToken';
import { type MetadataStore, type SecretStore } from './stores';
import { VaultError } from './vaultError';

export { type StoredToken } from './storedToken';

type ActiveRecord = Record<string, string>;

/**
 * Personal access tokens kept on this machine: each key in SecretStorage under
 * `dhis2-pat:token:<serverUrl>:<id>`, everything else about it in globalState (`dhis2-pat.tokens`),
 * plus which token `.http` requests to each server use (`dhis2-pat.active`).
 *
 * The two stores can disagree, because a write can fail halfway or another window can change the
 * secrets under us. The rules:
 * - `store` writes the key before the metadata, so metadata never points at a key that was not saved.
 * - A key without metadata is invisible to `list`/`get` but `key()` still returns it.
 * - Metadata whose key has gone (another window removed it, the keychain was reset) is dropped as
 *   soon as that is noticed: by `key()`, or by the SecretStorage change event. The token then no
 *   longer counts as stored here, and an `active` reference to it reads as none.
 * - Changes made through one vault are applied one at a time, so concurrent calls cannot lose updates.
 */
export class TokenVault {
	private readonly listeners = new Set<() => unknown>();
	private readonly subscription: { dispose(): unknown };
	private queue: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly secrets: SecretStore,
		private readonly metadata: MetadataStore,
	) {
		this.subscription = secrets.onDidChange((event) => {
			const owner = parseSecretKey(event.key);
			if (owner) void this.secretChanged(owner.serverUrl, owner.id);
		});
	}

	/** Stores the key FIRST, then the metadata; a failure in between leaves the key retrievable. */
	async store(token: StoredToken, key: ApiKey | string): Promise<void> {
		const secret = key instanceof ApiKey ? key.reveal() : key.trim();
		if (secret === '') throw new VaultError('invalid-token', 'There is no key to store');
		const record = storedTokenOf({ ...token, serverUrl: normaliseServerUrl(token.serverUrl) });
		if (!record) throw new VaultError('invalid-token', `The details of token ${token.id} are incomplete, so it was not stored`);
		// Belt and braces: the key must never end up in globalState, whatever field it hid in.
		if (JSON.stringify(record).includes(secret)) throw new VaultError('invalid-token', `The details of token ${token.id} contain its key, so it was not stored`);
		try {
			await this.exclusive(async () => {
				try {
					await this.secrets.store(secretKeyOf(record.serverUrl, record.id), secret);
				} catch (error) {
					throw new VaultError('store-key', `VS Code's secret storage could not save the key of token ${record.id}`, error);
				}
				try {
					await this.writeTokens([...this.readTokens().filter((t) => !sameToken(t, record.serverUrl, record.id)), record]);
				} catch (error) {
					throw new VaultError('store-metadata', `The key of token ${record.id} was saved, but its details could not be recorded`, error);
				}
			});
		} finally {
			this.fire();
		}
	}

	/**
	 * The stored key, or `undefined`. Works without metadata (a half-finished `store`); metadata
	 * whose key has gone is dropped here, so the token stops being listed as stored.
	 */
	async key(serverUrl: string, id: string): Promise<ApiKey | undefined> {
		const url = normalised(serverUrl);
		let value: string | undefined;
		try {
			value = await this.secrets.get(secretKeyOf(url, id));
		} catch (error) {
			throw new VaultError('read-key', `VS Code's secret storage could not read the key of token ${id}`, error);
		}
		if (value !== undefined && value !== '') return new ApiKey(value);
		if (this.get(url, id) && (await this.forgetIfKeyGone(url, id))) this.fire();
		return undefined;
	}

	/** Removes key and metadata (and the `active` reference to it). Key first: if that fails, nothing else changes. */
	async remove(serverUrl: string, id: string): Promise<void> {
		const url = normalised(serverUrl);
		try {
			await this.exclusive(async () => {
				try {
					await this.secrets.delete(secretKeyOf(url, id));
				} catch (error) {
					throw new VaultError('delete-key', `VS Code's secret storage could not delete the key of token ${id}`, error);
				}
				await this.dropMetadata(url, id);
			});
		} finally {
			this.fire();
		}
	}

	/** Sorted by server, then expiry (soonest first), then name. */
	list(serverUrl?: string): StoredToken[] {
		const url = serverUrl === undefined ? undefined : normalised(serverUrl);
		return this.readTokens()
			.filter((token) => url === undefined || token.serverUrl === url)
			.sort((a, b) => compareText(a.serverUrl, b.serverUrl) || a.expire - b.expire || compareText(a.name ?? a.id, b.name ?? b.id));
	}

	get(serverUrl: string, id: string): StoredToken | undefined {
		const url = normalised(serverUrl);
		return this.readTokens().find((token) => sameToken(token, url, id));
	}

	/** The token `.http` requests to this server use; `undefined` if none or if it is no longer stored. */
	activeId(serverUrl: string): string | undefined {
		const url = normalised(serverUrl);
		const id = this.readActive()[url];
		return id !== undefined && this.get(url, id) ? id : undefined;
	}

	/** Only a stored token can be active: requests need its key. `undefined` clears it. */
	async setActive(serverUrl: string, id: string | undefined): Promise<void> {
		const url = normalised(serverUrl);
		try {
			await this.exclusive(async () => {
				if (id !== undefined && !this.get(url, id)) {
					throw new VaultError('not-stored', `Token ${id} is not stored in VS Code for ${url}, so it cannot be used for requests`);
				}
				const active = { ...this.readActive() };
				if (id === undefined) delete active[url];
				else active[url] = id;
				try {
					await this.metadata.update(ACTIVE_METADATA_KEY, active);
				} catch (error) {
					throw new VaultError('update-metadata', `Could not record which token is active for ${url}`, error);
				}
			});
		} finally {
			this.fire();
		}
	}

	/**
	 * Fires after changes made here and, via SecretStorage's change event, in other windows. May fire
	 * more than once for one change (VS Code echoes this window's own secret writes): listeners
	 * should simply re-read.
	 */
	onDidChange(listener: () => unknown): { dispose(): unknown } {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	/** Stops following SecretStorage events. */
	dispose(): void {
		this.subscription.dispose();
		this.listeners.clear();
	}

	private async secretChanged(serverUrl: string, id: string): Promise<void> {
		try {
			if (this.get(serverUrl, id)) await this.forgetIfKeyGone(serverUrl, id);
		} catch {
			// A keychain that cannot be read right now: keep the metadata; `key()` will report the problem.
		} finally {
			this.fire();
		}
	}

	/** Re-checked inside the queue: our own `store` may have been about to write this very key. */
	private forgetIfKeyGone(serverUrl: string, id: string): Promise<boolean> {
		return this.exclusive(async () => {
			const value = await this.secrets.get(secretKeyOf(serverUrl, id));
			if (value !== undefined && value !== '') return false;
			await this.dropMetadata(serverUrl, id);
			return true;
		});
	}

	private async dropMetadata(serverUrl: string, id: string): Promise<void> {
		const tokens = this.readTokens();
		if (tokens.some((token) => sameToken(token, serverUrl, id))) {
			try {
				await this.writeTokens(tokens.filter((token) => !sameToken(token, serverUrl, id)));
			} catch (error) {
				throw new VaultError('update-metadata', `The key of token ${id} was deleted, but its details could not be removed`, error);
			}
		}
		const active = this.readActive();
		if (active[serverUrl] === id) {
			const rest = { ...active };
			delete rest[serverUrl];
			try {
				await this.metadata.update(ACTIVE_METADATA_KEY, rest);
			} catch (error) {
				throw new VaultError('update-metadata', `Token ${id} was removed, but it could not be unset as the active token`, error);
			}
		}
	}

	private readTokens(): StoredToken[] {
		const raw = this.metadata.get<unknown>(TOKENS_METADATA_KEY);
		return Array.isArray(raw) ? raw.map(storedTokenOf).filter((token): token is StoredToken => token !== undefined) : [];
	}

	private async writeTokens(tokens: readonly StoredToken[]): Promise<void> {
		await this.metadata.update(TOKENS_METADATA_KEY, tokens);
	}

	private readActive(): ActiveRecord {
		const raw = this.metadata.get<unknown>(ACTIVE_METADATA_KEY);
		if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
		return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
	}

	private exclusive<T>(work: () => Promise<T>): Promise<T> {
		const run = this.queue.then(work, work);
		this.queue = run.catch(() => undefined);
		return run;
	}

	private fire(): void {
		for (const listener of [...this.listeners]) {
			try {
				listener();
			} catch {
				// One broken listener must not keep the others (or the caller) from going on.
			}
		}
	}
}

function sameToken(token: StoredToken, serverUrl: string, id: string): boolean {
	return token.serverUrl === serverUrl && token.id === id;
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Lookups with an address that cannot be normalised simply find nothing under it. */
function normalised(serverUrl: string): string {
	try {
		return normaliseServerUrl(serverUrl);
	} catch {
		return serverUrl;
	}
}
