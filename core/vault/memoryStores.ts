import { type MetadataStore, type SecretStore } from './stores';

/**
 * The simplest honest implementations of the two stores, for the CLI and for tests: asynchronous
 * like VS Code's, and shared between "windows" the way the OS keychain and globalState are. Create
 * one store and call `otherWindow()` for a second view of the same storage.
 */
class SharedSecrets {
	readonly values = new Map<string, string>();
	readonly windows = new Set<MemorySecretStore>();
}

export class MemorySecretStore implements SecretStore {
	private readonly listeners = new Set<(event: { key: string }) => unknown>();

	constructor(private readonly shared: SharedSecrets = new SharedSecrets()) {
		shared.windows.add(this);
	}

	/** Another window on the same secrets: its changes reach this store's listeners, and vice versa. */
	otherWindow(): MemorySecretStore {
		return new MemorySecretStore(this.shared);
	}

	get(key: string): Promise<string | undefined> {
		return Promise.resolve(this.shared.values.get(key));
	}

	store(key: string, value: string): Promise<void> {
		this.shared.values.set(key, value);
		this.announce(key);
		return Promise.resolve();
	}

	delete(key: string): Promise<void> {
		if (this.shared.values.delete(key)) this.announce(key);
		return Promise.resolve();
	}

	onDidChange(listener: (event: { key: string }) => unknown): { dispose(): void } {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	/** Every stored key name (never the values), for tests that look for leftovers. */
	keys(): string[] {
		return [...this.shared.values.keys()];
	}

	private announce(key: string): void {
		// VS Code delivers the event through its main process, so it arrives after `store` resolved.
		for (const window of this.shared.windows) {
			for (const listener of [...window.listeners]) setTimeout(() => listener({ key }), 0);
		}
	}
}

export class MemoryMetadataStore implements MetadataStore {
	constructor(private readonly values: Map<string, string> = new Map()) {}

	/** Another window's globalState: same values, and (as in VS Code) no change events at all. */
	otherWindow(): MemoryMetadataStore {
		return new MemoryMetadataStore(this.values);
	}

	get<T>(key: string): T | undefined {
		const text = this.values.get(key);
		// Stored as JSON, as VS Code persists it: callers get copies, never shared objects.
		return text === undefined ? undefined : (JSON.parse(text) as T);
	}

	update(key: string, value: unknown): Promise<void> {
		if (value === undefined) this.values.delete(key);
		else this.values.set(key, JSON.stringify(value));
		return Promise.resolve();
	}

	keys(): readonly string[] {
		return [...this.values.keys()];
	}
}
