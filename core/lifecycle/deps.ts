import { type Dhis2Client, Dhis2Error, type ServerFeatures } from '../dhis2/client';
import { redactTokens } from '../redact';
import { type TokenVault } from '../vault/tokenVault';
import { reasonOf, VaultError } from '../vault/vaultError';

/** What every lifecycle operation works with: one server, a client signed in to it, and the vault. */
export interface LifecycleDeps {
	readonly client: Dhis2Client;
	readonly vault: TokenVault;
	/** The server the client talks to; normalised by the vault. */
	readonly serverUrl: string;
	/** Epoch ms; default `Date.now`. */
	readonly now?: () => number;
}

export function nowOf(deps: { readonly now?: () => number }): number {
	return deps.now?.() ?? Date.now();
}

/** The features decide names, HEAD and the auth-cache note; one `/api/system/info` call if not yet known. */
export async function featuresOf(client: Dhis2Client): Promise<ServerFeatures> {
	return client.knownFeatures ?? (await client.systemInfo()).features;
}

/** How reports name a token: by name, masked key and id — never by its key. */
export function tokenLabel(token: { readonly id: string; readonly name?: string; readonly masked?: string; readonly idKnown?: boolean }): string {
	const details = [token.masked, token.idKnown === false ? undefined : `id ${token.id}`].filter((part): part is string => part !== undefined);
	const what = details.join(', ');
	return token.name === undefined ? `token ${what}` : `token "${token.name}" (${what})`;
}

/** One sentence for any failure: a DHIS2 error's explanation and next step, or a local error's message. */
export function explain(error: unknown): string {
	if (error instanceof Dhis2Error) return error.userMessage;
	if (error instanceof VaultError) return `${error.message}.`;
	return `${reasonOf(error)}.`;
}

/** Lifecycle results carry DHIS2 errors; a local storage failure is wrapped as one of kind `secret-storage`. */
export function asDhis2Error(error: unknown, nextStep: string): Dhis2Error {
	if (error instanceof Dhis2Error) return error;
	return new Dhis2Error('secret-storage', { explanation: redactTokens(explain(error)), nextStep });
}

/** "60 minutes", for the 2.37–2.40 auth-cache note. */
export function cacheNote(mayStillWorkForMs: number): string {
	const minutes = Math.round(mayStillWorkForMs / 60_000);
	return `This DHIS2 version (2.37–2.40) keeps recently used tokens in a cache, so the revoked key may keep working for up to ${minutes} minutes.`;
}
