import { type ApiKey, Dhis2Error } from '../dhis2/client';
import { type FieldProblem, restrictionsFromAttributes, type TokenFormCapabilities, type TokenRequestInput, validateTokenRequest } from '../dhis2/tokens';
import { type StoredToken } from '../vault/storedToken';
import { explain, type LifecycleDeps, nowOf, tokenLabel } from './deps';
import { fieldProblemsOf } from './serverFieldProblems';
import { recordOfNewToken } from './tokenRecord';

export type GenerateResult =
	| { readonly ok: true; readonly token: StoredToken; readonly key: ApiKey; readonly warnings: string[] }
	/** Validation failed here or on the server; `error` is the server's answer when it was the server. */
	| { readonly ok: false; readonly fieldProblems: FieldProblem[]; readonly error?: Dhis2Error }
	| { readonly ok: false; readonly error: Dhis2Error };

/**
 * Validates the form, creates the token, and stores its key in the vault before handing it back —
 * so a key is never displayed that is not also saved. If saving fails, the new token is revoked
 * again (its key would otherwise be lost while the token stays valid) and the error says what happened.
 */
export async function generateToken(deps: LifecycleDeps, input: TokenRequestInput, capabilities: TokenFormCapabilities): Promise<GenerateResult> {
	const now = nowOf(deps);
	const validation = validateTokenRequest(input, capabilities, now);
	if (!validation.ok) return { ok: false, fieldProblems: [...validation.errors] };
	const warnings = validation.warnings.map((warning) => warning.message);
	const { body } = validation;

	let created;
	try {
		created = await deps.client.createToken(body);
	} catch (error) {
		if (!(error instanceof Dhis2Error)) throw error;
		const fieldProblems = fieldProblemsOf(error, input);
		return fieldProblems ? { ok: false, fieldProblems, error } : { ok: false, error };
	}

	const token = recordOfNewToken({
		serverUrl: deps.serverUrl,
		id: created.id,
		key: created.key,
		// Kept locally even where the server drops it (validation warned about that).
		...(input.name === undefined ? {} : { name: input.name }),
		context: input.context,
		expire: body.expire,
		restrictions: restrictionsFromAttributes(body.attributes),
		created: now,
	});
	try {
		await deps.vault.store(token, created.key);
	} catch (storeError) {
		return { ok: false, error: await undoUnstoredToken(deps, token, storeError) };
	}
	return { ok: true, token, key: created.key, warnings };
}

/**
 * The token exists on the server but its key could not be saved: revoke it (best effort), clear
 * whatever part of it the vault did save, and describe exactly where that leaves things.
 */
export async function undoUnstoredToken(deps: LifecycleDeps, token: StoredToken, storeError: unknown): Promise<Dhis2Error> {
	const label = tokenLabel(token);
	const what = `DHIS2 created ${label}, but its key could not be saved: ${explain(storeError)}`;
	try {
		await deps.client.revokeToken(token.id);
	} catch (revokeError) {
		return new Dhis2Error('secret-storage', {
			explanation: `${what} Revoking the new token again also failed: ${explain(revokeError)} The token is still valid on the server, and nobody has its key.`,
			nextStep: `Revoke token ${token.id} in the DHIS2 User Profile app, then check that VS Code can use the system keychain (on Linux: a running Secret Service such as gnome-keyring) and try again.`,
		});
	}
	let leftover = '';
	try {
		await deps.vault.remove(deps.serverUrl, token.id);
	} catch (removeError) {
		leftover = ` Its now useless key may remain in VS Code's secret storage: ${explain(removeError)}`;
	}
	return new Dhis2Error('secret-storage', {
		explanation: `${what} The new token was revoked again, so nothing is left behind on the server.${leftover}`,
		nextStep: 'Check that VS Code can use the system keychain (on Linux: a running Secret Service such as gnome-keyring), then generate the token again.',
	});
}
