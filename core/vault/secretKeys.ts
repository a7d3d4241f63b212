/** Where the vault keeps things. The names are part of the stored data: changing them loses every key. */
export const TOKENS_METADATA_KEY = 'dhis2-pat.tokens';
export const ACTIVE_METADATA_KEY = 'dhis2-pat.active';
const SECRET_PREFIX = 'dhis2-pat:token:';

/** `dhis2-pat:token:<serverUrl>:<id>`. */
export function secretKeyOf(serverUrl: string, id: string): string {
	return `${SECRET_PREFIX}${serverUrl}:${id}`;
}

/** The server and token id a secret key belongs to, or `undefined` for someone else's secret. */
export function parseSecretKey(key: string): { readonly serverUrl: string; readonly id: string } | undefined {
	if (!key.startsWith(SECRET_PREFIX)) return undefined;
	const rest = key.slice(SECRET_PREFIX.length);
	// Server URLs contain colons (scheme, port); token ids never do, so the id follows the last one.
	const split = rest.lastIndexOf(':');
	if (split <= 0 || split === rest.length - 1) return undefined;
	return { serverUrl: rest.slice(0, split), id: rest.slice(split + 1) };
}
