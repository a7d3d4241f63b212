import { type ApiKey } from '../dhis2/client';
import { type TokenRestrictions } from '../dhis2/tokens';
import { fingerprint } from '../token';
import { type StoredToken } from '../vault/storedToken';

/** DHIS2 gives new tokens 30 days when nothing else is known; rotation falls back to the same. */
export const DEFAULT_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface NewTokenFacts {
	readonly serverUrl: string;
	readonly id: string;
	readonly key: ApiKey;
	readonly name?: string;
	readonly context: 'server' | 'browser';
	readonly expire: number;
	readonly restrictions: TokenRestrictions;
	readonly created: number;
	readonly owner?: StoredToken['owner'];
}

/** The metadata of a token this extension has just created: everything is known. */
export function recordOfNewToken(facts: NewTokenFacts): StoredToken {
	const name = facts.name?.trim() ?? '';
	return {
		serverUrl: facts.serverUrl,
		id: facts.id,
		idKnown: true,
		...(name === '' ? {} : { name }),
		context: facts.context,
		expire: facts.expire,
		lifetimeMs: Math.max(facts.expire - facts.created, 0),
		restrictions: {
			allowedIps: [...facts.restrictions.allowedIps],
			allowedReferrers: [...facts.restrictions.allowedReferrers],
			allowedMethods: [...facts.restrictions.allowedMethods],
		},
		created: facts.created,
		masked: facts.key.masked,
		fingerprint: fingerprint(facts.key.reveal()),
		...(facts.owner === undefined ? {} : { owner: facts.owner }),
	};
}

/** DHIS2's `yyyy-MM-ddTHH:mm:ss.SSS` is server-local time without a zone; read as this machine's local time. */
export function parseDhis2Date(text: string | undefined): number | undefined {
	if (text === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return undefined;
	const ms = new Date(text).getTime();
	return Number.isFinite(ms) ? ms : undefined;
}
