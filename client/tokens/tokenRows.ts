import { type ApiTokenInfo } from '../../core/dhis2/client/api';
import { contextOfRestrictions, type TokenRestrictions } from '../../core/dhis2/tokens';
import { type StoredToken } from '../../core/vault';

/** Whether the server's own list has the token: `unknown` when not signed in or not the same owner. */
export type ServerPresence = 'listed' | 'missing' | 'unknown';

/**
 * One token as the Tokens view shows it: the server's list and the local vault merged. The server
 * is the truth for what it lists (expiry, name, restrictions); the vault adds whether a key is here.
 */
export interface TokenRow {
	readonly serverUrl: string;
	readonly id: string;
	/** False for an imported key that could not be matched to a server token: it cannot be revoked from here. */
	readonly idKnown: boolean;
	readonly name?: string;
	readonly context: 'server' | 'browser';
	/** Epoch ms; unknown only for a listed token the server sent without one. */
	readonly expire?: number;
	/** Epoch ms from the vault, or DHIS2's own text from its list. */
	readonly created?: number | string;
	readonly restrictions: TokenRestrictions;
	/** A key is in SecretStorage. */
	readonly stored: boolean;
	readonly masked?: string;
	readonly presence: ServerPresence;
	/** `.http` requests to this server use this token. */
	readonly active: boolean;
	readonly owner?: { readonly id: string; readonly username?: string };
}

export interface RemoteTokens {
	readonly tokens: readonly ApiTokenInfo[];
	/** Whose list it is: a stored token of someone else is neither listed nor missing. */
	readonly ownerId: string;
}

function fromStored(token: StoredToken, remote: RemoteTokens | undefined, activeId: string | undefined): TokenRow {
	const sameOwner = remote !== undefined && token.idKnown && (token.owner === undefined || token.owner.id === remote.ownerId);
	return {
		serverUrl: token.serverUrl,
		id: token.id,
		idKnown: token.idKnown,
		...(token.name === undefined ? {} : { name: token.name }),
		context: token.context,
		// An imported key whose token could not be identified has only a lower bound: shown as unknown.
		...(token.expireKnown === false ? {} : { expire: token.expire }),
		created: token.created,
		restrictions: token.restrictions,
		stored: true,
		masked: token.masked,
		presence: sameOwner ? 'missing' : 'unknown',
		active: token.id === activeId,
		...(token.owner === undefined ? {} : { owner: token.owner }),
	};
}

function fromRemote(serverUrl: string, info: ApiTokenInfo, ownerId: string, stored: TokenRow | undefined, activeId: string | undefined): TokenRow {
	const name = info.code ?? stored?.name;
	return {
		serverUrl,
		id: info.id,
		idKnown: true,
		...(name === undefined ? {} : { name }),
		context: stored?.context ?? contextOfRestrictions(info.restrictions),
		...(info.expire === undefined ? (stored?.expire === undefined ? {} : { expire: stored.expire }) : { expire: info.expire }),
		...(stored?.created !== undefined ? { created: stored.created } : info.created !== undefined ? { created: info.created } : {}),
		restrictions: info.restrictions,
		stored: stored !== undefined,
		...(stored?.masked === undefined ? {} : { masked: stored.masked }),
		presence: 'listed',
		active: info.id === activeId,
		owner: stored?.owner ?? { id: ownerId },
	};
}

function expiryOrder(row: TokenRow, now: number): number {
	// Live tokens first, soonest expiry first; expired ones after them; unknown expiry last.
	if (row.expire === undefined) return Number.MAX_SAFE_INTEGER;
	return row.expire > now ? row.expire : Number.MAX_SAFE_INTEGER / 2 + (now - row.expire);
}

/**
 * The rows under one server: every stored token of it and, when the server's list is known, every
 * listed token, each once. A stored token the server no longer lists (revoked elsewhere, deleted
 * by an admin) stays visible as `missing`, so its key can be forgotten deliberately.
 */
export function mergeTokenRows(
	serverUrl: string,
	stored: readonly StoredToken[],
	remote: RemoteTokens | undefined,
	activeId: string | undefined,
	now: number,
): TokenRow[] {
	const local = new Map(stored.filter((token) => token.serverUrl === serverUrl).map((token) => [token.id, fromStored(token, remote, activeId)]));
	const rows: TokenRow[] = [];
	for (const info of remote?.tokens ?? []) {
		rows.push(fromRemote(serverUrl, info, remote?.ownerId ?? '', local.get(info.id), activeId));
		local.delete(info.id);
	}
	rows.push(...local.values());
	return rows
		.map((row, index) => ({ row, index }))
		.sort((a, b) => expiryOrder(a.row, now) - expiryOrder(b.row, now) || a.index - b.index)
		.map(({ row }) => row);
}

/** Unique across servers: `<serverUrl>#<id>`. */
export function tokenKey(serverUrl: string, id: string): string {
	return `${serverUrl}#${id}`;
}
