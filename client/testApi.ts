import { type SecretStorage } from 'vscode';
import { type TokenServices } from './tokens/services';

/** Set by the in-host integration harness (scripts/vscode/run.mjs) on the VS Code server process only. */
export const TEST_API_ENVIRONMENT_VARIABLE = 'DHIS2_PAT_TEST_API';

/**
 * What `activate()` returns to the in-host integration suite (test/integration), so it can drive the
 * real vault, server registry, sign-in and Tokens view without clicking through prompts and webviews.
 *
 * Gated: whatever `activate()` returns is handed to every extension that calls `getExtension().activate()`,
 * and this object holds the vault and the extension's SecretStorage. It is therefore returned only when
 * the harness asked for it through the environment; in normal use `activate()` returns `undefined`.
 */
export interface Dhis2PatTestApi {
	readonly services: TokenServices;
	/** The extension's own `context.secrets`, e.g. to remember a login the way Sign In would. */
	readonly secrets: SecretStorage;
}

export function testApiEnabled(environment: NodeJS.ProcessEnv = process.env): boolean {
	return environment[TEST_API_ENVIRONMENT_VARIABLE] === '1';
}
