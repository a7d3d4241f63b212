/**
 * Structural twins of `vscode.SecretStorage` and `vscode.Memento`, so the extension passes
 * `context.secrets` and `context.globalState` as they are while core/ stays free of `vscode`.
 * `PromiseLike` is what VS Code's `Thenable` extends, so its return values fit.
 */
export interface SecretStore {
	get(key: string): PromiseLike<string | undefined>;
	store(key: string, value: string): PromiseLike<void>;
	delete(key: string): PromiseLike<void>;
	/** Fires for changes made in this window and in every other window sharing the storage. */
	onDidChange(listener: (event: { key: string }) => unknown): { dispose(): unknown };
}

export interface MetadataStore {
	get<T>(key: string): T | undefined;
	update(key: string, value: unknown): PromiseLike<void>;
}
