/**
 * Settings under `dhis2.` that the language server reads. Adding one: package.json
 * `contributes.configuration` → this type and its defaults → the server's use of it.
 * The server asks the client per resource (`workspace/configuration`), never keeps them in globals.
 */
export type LookalikeSeverity = 'off' | 'hint' | 'information' | 'warning';

export interface SecretsSettings {
	readonly lookalikes: LookalikeSeverity;
	/** Files and documents larger than this are not scanned. */
	readonly maxFileSizeKB: number;
	readonly scanWorkspaceOnStartup: boolean;
	/** Delay after the last keystroke before a document is rescanned. */
	readonly debounceMs: number;
}

export const DEFAULT_SECRETS_SETTINGS: SecretsSettings = {
	lookalikes: 'information',
	maxFileSizeKB: 10240,
	scanWorkspaceOnStartup: true,
	debounceMs: 150,
};

export const SECRETS_SECTION = 'dhis2.secrets';
