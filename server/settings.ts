import { type Connection } from 'vscode-languageserver/node';
import { DEFAULT_SECRETS_SETTINGS, SECRETS_SECTION, type SecretsSettings } from '../core/protocol/settings';

/**
 * Per-resource settings, asked of the client and cached per document URI until the configuration
 * changes (the lsp-sample pattern): a workspace folder may override the user's choice.
 */
export class SettingsStore {
	private readonly cache = new Map<string, Promise<SecretsSettings>>();
	private supportsConfiguration = false;

	constructor(private readonly connection: Connection) {}

	enableConfigurationRequests(): void {
		this.supportsConfiguration = true;
	}

	get(resource: string): Promise<SecretsSettings> {
		if (!this.supportsConfiguration) return Promise.resolve(DEFAULT_SECRETS_SETTINGS);
		let settings = this.cache.get(resource);
		if (!settings) {
			settings = this.connection.workspace
				.getConfiguration({ scopeUri: resource, section: SECRETS_SECTION })
				.then((value: Partial<SecretsSettings> | null) => ({ ...DEFAULT_SECRETS_SETTINGS, ...(value ?? {}) }));
			this.cache.set(resource, settings);
		}
		return settings;
	}

	forget(resource: string): void {
		this.cache.delete(resource);
	}

	clear(): void {
		this.cache.clear();
	}
}
