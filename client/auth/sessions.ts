import { checkServerUrl } from '../../core/dhis2/client/serverUrl';
import { type StoredToken } from '../../core/vault';

export const AUTH_PROVIDER_ID = 'dhis2';
export const AUTH_PROVIDER_LABEL = 'DHIS2';

/**
 * What a session is, without its key: the AuthenticationProvider fetches the key from SecretStorage
 * only for the sessions it returns.
 */
export interface SessionShape {
	readonly id: string;
	readonly serverUrl: string;
	readonly tokenId: string;
	readonly account: { readonly id: string; readonly label: string };
	/** The server URL: an extension asks for a server's session with `getSession('dhis2', [url])`. */
	readonly scopes: readonly string[];
	/** Changes whenever the session's key or owner does, to tell a changed session from an unchanged one. */
	readonly fingerprint: string;
}

const SERVER_SCOPE_PREFIX = 'server:';

export function sessionId(serverUrl: string, tokenId: string): string {
	return `${serverUrl}#${tokenId}`;
}

export function parseSessionId(id: string): { serverUrl: string; tokenId: string } | undefined {
	const hash = id.lastIndexOf('#');
	if (hash <= 0 || hash === id.length - 1) return undefined;
	return { serverUrl: id.slice(0, hash), tokenId: id.slice(hash + 1) };
}

/**
 * The server a list of scopes asks for: a base URL in any form the user could type, optionally
 * prefixed `server:`. `null` when the scopes name no server (any server will do); `undefined`
 * when they name something that is not a DHIS2 address (no session can match).
 */
export function serverFromScopes(scopes: readonly string[] | undefined): string | null | undefined {
	const named = (scopes ?? []).map((scope) => (scope.startsWith(SERVER_SCOPE_PREFIX) ? scope.slice(SERVER_SCOPE_PREFIX.length) : scope)).filter((scope) => scope.trim() !== '');
	if (named.length === 0) return null;
	const urls = new Set<string>();
	for (const scope of named) {
		const check = checkServerUrl(scope);
		if (!check.ok) return undefined;
		urls.add(check.url);
	}
	return urls.size === 1 ? [...urls][0] : undefined;
}

/**
 * The sessions for `scopes`: every stored token that still works, the server's `.http` token
 * first. Expired tokens are left out; a session that cannot authenticate is no session.
 */
export function sessionShapes(
	stored: readonly StoredToken[],
	scopes: readonly string[] | undefined,
	labelOf: (serverUrl: string) => string,
	activeIdOf: (serverUrl: string) => string | undefined,
	now: number,
): SessionShape[] {
	const server = serverFromScopes(scopes);
	if (server === undefined) return [];
	return stored
		.filter((token) => token.expire > now && (server === null || token.serverUrl === server))
		.map((token, index) => ({ token, index, active: activeIdOf(token.serverUrl) === token.id }))
		.sort((a, b) => Number(b.active) - Number(a.active) || a.index - b.index)
		.map(({ token }) => {
			const owner = token.owner?.username ?? token.owner?.id ?? 'unknown user';
			return {
				id: sessionId(token.serverUrl, token.id),
				serverUrl: token.serverUrl,
				tokenId: token.id,
				account: { id: `${token.serverUrl}#${token.owner?.id ?? owner}`, label: `${owner} @ ${labelOf(token.serverUrl)}` },
				scopes: [token.serverUrl],
				fingerprint: `${token.fingerprint}|${owner}|${token.expire}`,
			};
		});
}

export interface SessionDelta<T> {
	readonly added: T[];
	readonly removed: T[];
	readonly changed: T[];
}

/** What `onDidChangeSessions` reports between two snapshots (other windows included). */
export function diffSessions<T extends Pick<SessionShape, 'id' | 'fingerprint'>>(before: readonly T[], after: readonly T[]): SessionDelta<T> {
	const old = new Map(before.map((session) => [session.id, session]));
	const now = new Map(after.map((session) => [session.id, session]));
	return {
		added: after.filter((session) => !old.has(session.id)),
		removed: before.filter((session) => !now.has(session.id)),
		changed: after.filter((session) => {
			const previous = old.get(session.id);
			return previous !== undefined && previous.fingerprint !== session.fingerprint;
		}),
	};
}
