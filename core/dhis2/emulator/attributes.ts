import { isValidIpAddress, isValidReferrerUrl } from './addressValidation';

/** The three polymorphic token attributes (spec §2), stored as sent, in the order sent. */
export type TokenAttribute =
	| { readonly type: 'IpAllowedList'; readonly allowedIps: readonly string[] }
	| { readonly type: 'MethodAllowedList'; readonly allowedMethods: readonly string[] }
	| { readonly type: 'RefererAllowedList'; readonly allowedReferrers: readonly string[] };

type AttributeType = TokenAttribute['type'];

const VALUE_FIELD = {
	IpAllowedList: 'allowedIps',
	MethodAllowedList: 'allowedMethods',
	RefererAllowedList: 'allowedReferrers',
} as const satisfies Record<AttributeType, string>;

const ATTRIBUTE_TYPES = Object.keys(VALUE_FIELD) as AttributeType[];

/** A body Jackson could not map onto the entity; DHIS2's controller advice answers 409. */
export class MappingError extends Error {}

function isAttributeType(value: unknown): value is AttributeType {
	return typeof value === 'string' && (ATTRIBUTE_TYPES as string[]).includes(value);
}

function stringSet(value: unknown, field: string): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new MappingError(`Cannot deserialize value of type \`java.util.HashSet<java.lang.String>\` from ${typeof value} value (property "${field}")`);
	const strings = value.map((item: unknown) => {
		if (typeof item === 'string') return item;
		if (typeof item === 'number' || typeof item === 'boolean') return String(item);
		throw new MappingError(`Cannot deserialize value of type \`java.lang.String\` from ${Array.isArray(item) ? 'Array' : 'Object'} value (property "${field}")`);
	});
	// A Java set: duplicates collapse; the emulator keeps the first-seen order.
	return [...new Set(strings)];
}

export function parseAttributes(value: unknown): TokenAttribute[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new MappingError('Cannot deserialize value of type `java.util.List<org.hisp.dhis.security.apikey.ApiTokenAttribute>` (property "attributes")');
	return value.map((item: unknown): TokenAttribute => {
		if (typeof item !== 'object' || item === null || Array.isArray(item)) {
			throw new MappingError('Cannot deserialize value of type `org.hisp.dhis.security.apikey.ApiTokenAttribute`: expected an object');
		}
		const record = item as Record<string, unknown>;
		const type = record['type'];
		if (type === undefined || type === null) {
			throw new MappingError("Missing type id when trying to resolve subtype of `org.hisp.dhis.security.apikey.ApiTokenAttribute`: missing type id property 'type'");
		}
		if (!isAttributeType(type)) {
			throw new MappingError(`Could not resolve type id '${JSON.stringify(type)}' as a subtype of \`org.hisp.dhis.security.apikey.ApiTokenAttribute\`: known type ids = [${ATTRIBUTE_TYPES.join(', ')}]`);
		}
		const field = VALUE_FIELD[type];
		const values = stringSet(record[field], field);
		switch (type) {
			case 'IpAllowedList': return { type, allowedIps: values };
			case 'MethodAllowedList': return { type, allowedMethods: values };
			case 'RefererAllowedList': return { type, allowedReferrers: values };
		}
	});
}

export function valuesOf(attribute: TokenAttribute): readonly string[] {
	switch (attribute.type) {
		case 'IpAllowedList': return attribute.allowedIps;
		case 'MethodAllowedList': return attribute.allowedMethods;
		case 'RefererAllowedList': return attribute.allowedReferrers;
	}
}

const BASE_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

const VALIDATORS: Record<AttributeType, { readonly label: string; readonly accepts: (value: string, headAllowed: boolean) => boolean }> = {
	IpAllowedList: { label: 'Not a valid ip address', accepts: (value) => isValidIpAddress(value) },
	MethodAllowedList: {
		label: 'Not a valid http method',
		accepts: (value, headAllowed) => [...BASE_METHODS, ...(headAllowed ? ['HEAD'] : [])].includes(value.toUpperCase()),
	},
	RefererAllowedList: { label: 'Not a valid referrer url', accepts: (value) => isValidReferrerUrl(value) },
};

/**
 * Creation-time validation. Like DHIS2 it only looks at the *first* attribute of each type (the
 * entity's lookup returns the first match), while requests enforce every attribute.
 * Returns the bare detail, e.g. `Not a valid ip address, value=10.0.0.0/8`.
 */
export function firstInvalidValue(attributes: readonly TokenAttribute[], headAllowed: boolean): string | undefined {
	for (const type of ATTRIBUTE_TYPES) {
		const first = attributes.find((attribute) => attribute.type === type);
		if (!first) continue;
		const validator = VALIDATORS[type];
		const bad = valuesOf(first).find((value) => !validator.accepts(value, headAllowed));
		if (bad !== undefined) return `${validator.label}, value=${bad}`;
	}
	return undefined;
}

/** What the request constraints look at, already reduced the way DHIS2 reduces it. */
export interface RequestFacts {
	/** The whole raw `X-Forwarded-For` value if present, else the socket address. */
	readonly clientIp: string;
	/** The `Referer` header, lower-cased; undefined when missing. */
	readonly referrer: string | undefined;
	readonly method: string;
}

const CONSTRAINT_MESSAGES: Record<AttributeType, string> = {
	IpAllowedList: 'Failed to authenticate API token, request ip address is not allowed.',
	MethodAllowedList: 'Failed to authenticate API token, request http method is not allowed.',
	RefererAllowedList: 'Failed to authenticate API token, request http referrer is missing or not allowed.',
};

function requestValue(type: AttributeType, facts: RequestFacts): string | undefined {
	switch (type) {
		case 'IpAllowedList': return facts.clientIp;
		case 'MethodAllowedList': return facts.method;
		case 'RefererAllowedList': return facts.referrer;
	}
}

/** Walks every attribute in stored order; the first failing one decides the message. Empty lists restrict nothing. */
export function firstConstraintFailure(attributes: readonly TokenAttribute[], facts: RequestFacts): string | undefined {
	for (const attribute of attributes) {
		const allowed = valuesOf(attribute);
		if (allowed.length === 0) continue;
		const actual = requestValue(attribute.type, facts);
		// Exact, case-sensitive membership: a stored "get" or an upper-case referrer never matches.
		if (actual === undefined || !allowed.includes(actual)) return CONSTRAINT_MESSAGES[attribute.type];
	}
	return undefined;
}
