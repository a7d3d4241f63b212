/**
 * The three restriction attributes of a DHIS2 ApiToken (shared/spec §2), as the server stores and
 * returns them. Polymorphic on `type`; an empty list means "no restriction" for that attribute.
 */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface IpAllowedList {
	readonly type: 'IpAllowedList';
	readonly allowedIps: readonly string[];
}

export interface MethodAllowedList {
	readonly type: 'MethodAllowedList';
	readonly allowedMethods: readonly string[];
}

export interface RefererAllowedList {
	readonly type: 'RefererAllowedList';
	readonly allowedReferrers: readonly string[];
}

export type TokenAttribute = IpAllowedList | MethodAllowedList | RefererAllowedList;

/** What a token is limited to, flattened from its attributes. Empty arrays mean "not limited". */
export interface TokenRestrictions {
	readonly allowedIps: readonly string[];
	readonly allowedReferrers: readonly string[];
	readonly allowedMethods: readonly string[];
}

function stringsOf(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Reads restrictions from the `attributes` array of a listed or fetched token. Tolerates unknown
 * attribute types and malformed entries, because the list comes from a server we don't control.
 * Every attribute of a type is enforced by DHIS2 at request time, so duplicates are merged.
 */
export function restrictionsFromAttributes(attributes: unknown): TokenRestrictions {
	const allowedIps: string[] = [];
	const allowedReferrers: string[] = [];
	const allowedMethods: string[] = [];
	for (const attribute of Array.isArray(attributes) ? (attributes as unknown[]) : []) {
		if (typeof attribute !== 'object' || attribute === null) continue;
		const record = attribute as Record<string, unknown>;
		if (record.type === 'IpAllowedList') allowedIps.push(...stringsOf(record.allowedIps));
		else if (record.type === 'RefererAllowedList') allowedReferrers.push(...stringsOf(record.allowedReferrers));
		else if (record.type === 'MethodAllowedList') allowedMethods.push(...stringsOf(record.allowedMethods));
	}
	return { allowedIps, allowedReferrers, allowedMethods };
}

/** A token limited to referrers is meant for a browser; anything else is a server/script token. */
export function contextOfRestrictions(restrictions: TokenRestrictions): 'server' | 'browser' {
	return restrictions.allowedReferrers.length > 0 && restrictions.allowedIps.length === 0 ? 'browser' : 'server';
}
