import { redactTokens } from '../redact';

export type VaultOperation = 'store-key' | 'store-metadata' | 'read-key' | 'delete-key' | 'update-metadata' | 'not-stored' | 'invalid-token';

/** A failure of VS Code's secret storage or globalState. Its message never contains a key. */
export class VaultError extends Error {
	override readonly name = 'VaultError';

	constructor(
		readonly operation: VaultOperation,
		message: string,
		cause?: unknown,
	) {
		super(redactTokens(cause === undefined ? message : `${message}: ${reasonOf(cause)}`));
	}
}

/** The underlying error's message (keychain errors say things like "no D-Bus secret service"), redacted. */
export function reasonOf(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return redactTokens(text.trim() === '' ? 'unknown error' : text.trim());
}
