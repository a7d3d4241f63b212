import { type TokenRestrictions } from '../dhis2/tokens';

/** What the vault remembers about a token besides its key. Never the key itself. */
export interface StoredToken {
	/** Normalised base URL (`normaliseServerUrl`). */
	readonly serverUrl: string;
	/** DHIS2 token uid; an imported key not matched to a server token gets `local-<fingerprint 12 hex>`. */
	readonly id: string;
	/** False for an imported key not matched to a server token: it cannot be revoked from here. */
	readonly idKnown: boolean;
	/** DHIS2 `code`, or a name kept only in VS Code where the server does not store names. */
	readonly name?: string;
	readonly context: 'server' | 'browser';
	/** Epoch ms. When `expireKnown` is false this is only a lower bound (see `importToken`). */
	readonly expire: number;
	/** Absent means true. False for an imported key whose token could not be identified. */
	readonly expireKnown?: boolean;
	/** `expire - created` at creation; rotation gives the new token the same lifetime. */
	readonly lifetimeMs: number;
	readonly restrictions: TokenRestrictions;
	/** Epoch ms. */
	readonly created: number;
	/** `d2p_v3aW…9OZl`: the only way the key is ever shown. */
	readonly masked: string;
	/** SHA-256 hex of the key, exactly what DHIS2 stores: identifies the key without revealing it. */
	readonly fingerprint: string;
	readonly owner?: { readonly id: string; readonly username?: string };
}

const LOCAL_ID_PREFIX = 'local-';

/** The id given to an imported key whose DHIS2 uid is unknown. */
export function localIdOf(fingerprint: string): string {
	return `${LOCAL_ID_PREFIX}${fingerprint.slice(0, 12)}`;
}

function isString(value: unknown): value is string {
	return typeof value === 'string';
}

function isStringArray(value: unknown): value is string[] {
	return Array.isArray(value) && value.every(isString);
}

function isFiniteNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Copies exactly the known fields, so nothing else an object happens to carry (a `key`
 * property above all) reaches globalState; returns `undefined` for anything malformed, e.g. data
 * written by a future version or edited by hand.
 */
export function storedTokenOf(value: unknown): StoredToken | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const record = value as Record<string, unknown>;
	const restrictions = record.restrictions as Record<string, unknown> | null | undefined;
	if (!isString(record.serverUrl) || !isString(record.id) || record.id === '' || typeof record.idKnown !== 'boolean') return undefined;
	if (record.context !== 'server' && record.context !== 'browser') return undefined;
	if (!isFiniteNumber(record.expire) || !isFiniteNumber(record.lifetimeMs) || !isFiniteNumber(record.created)) return undefined;
	if (!isString(record.masked) || !isString(record.fingerprint)) return undefined;
	if (typeof restrictions !== 'object' || restrictions === null) return undefined;
	const { allowedIps, allowedReferrers, allowedMethods } = restrictions;
	if (!isStringArray(allowedIps) || !isStringArray(allowedReferrers) || !isStringArray(allowedMethods)) return undefined;
	const owner = record.owner as Record<string, unknown> | null | undefined;
	return {
		serverUrl: record.serverUrl,
		id: record.id,
		idKnown: record.idKnown,
		...(isString(record.name) && record.name !== '' ? { name: record.name } : {}),
		context: record.context,
		expire: record.expire,
		...(record.expireKnown === false ? { expireKnown: false } : {}),
		lifetimeMs: record.lifetimeMs,
		restrictions: { allowedIps: [...allowedIps], allowedReferrers: [...allowedReferrers], allowedMethods: [...allowedMethods] },
		created: record.created,
		masked: record.masked,
		fingerprint: record.fingerprint,
		...(typeof owner === 'object' && owner !== null && isString(owner.id)
			? { owner: { id: owner.id, ...(isString(owner.username) ? { username: owner.username } : {}) } }
			: {}),
	};
}
