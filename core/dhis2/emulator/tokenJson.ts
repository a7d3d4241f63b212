import { MappingError, parseAttributes, type TokenAttribute } from './attributes';
import { formatDhis2Date } from './dates';
import { type StoredToken } from './tokenStore';
import { type UserDirectory, userReference } from './users';
import { type VersionFeatures } from './versionFeatures';

/**
 * The `fields=*` view of a token. Null properties are left out, as DHIS2's NON_NULL inclusion does;
 * `name`/`displayName` are always null for tokens, and the key is never a property.
 */
export function renderToken(token: StoredToken, users: UserDirectory): Record<string, unknown> {
	const reference = (userId: string): Record<string, string> | undefined => {
		const user = users.findById(userId);
		return user ? userReference(user) : undefined;
	};
	return {
		id: token.id,
		...(token.code === undefined ? {} : { code: token.code }),
		created: formatDhis2Date(token.created),
		lastUpdated: formatDhis2Date(token.lastUpdated),
		createdBy: reference(token.createdBy),
		lastUpdatedBy: reference(token.lastUpdatedBy),
		user: reference(token.createdBy),
		sharing: { owner: token.createdBy, external: false, users: {}, userGroups: {}, public: '--------' },
		access: { manage: true, externalize: false, write: true, read: true, update: true, delete: true },
		translations: [],
		attributeValues: [],
		favorites: [],
		favorite: false,
		version: token.version,
		type: token.type,
		expire: token.expire,
		attributes: token.attributes.map((attribute) => ({ ...attribute })),
	};
}

/** Properties a list `filter`/`order` may name; anything else is a query error as in DHIS2. */
export const TOKEN_PROPERTIES = new Set([
	'id', 'code', 'name', 'displayName', 'created', 'lastUpdated', 'createdBy', 'lastUpdatedBy', 'user', 'sharing',
	'access', 'translations', 'attributeValues', 'favorites', 'favorite', 'version', 'type', 'expire', 'attributes', 'href',
]);

/** Fields a body may set. `undefined` = not in the body; `null` = explicitly null. */
export interface TokenInput {
	readonly expire?: number | null;
	readonly code?: string | null;
	readonly attributes?: TokenAttribute[];
	readonly type?: string | null;
	readonly version?: number | null;
}

export function parseJson(text: string): unknown {
	if (text.trim() === '') throw new MappingError('No content to map due to end-of-input');
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw new MappingError(`Unexpected character in JSON body: ${(error as Error).message}`);
	}
}

function parseLong(value: unknown, field: string): number | null | undefined {
	if (value === undefined || value === null) return value;
	if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
	throw new MappingError(`Cannot deserialize value of type \`long\` from ${JSON.stringify(value)}: not a valid \`long\` value (property "${field}")`);
}

function parseCode(value: unknown): string | null | undefined {
	if (value === undefined || value === null || typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new MappingError('Cannot deserialize value of type `java.lang.String` from Object value (property "code")');
}

function parseType(value: unknown, features: VersionFeatures): string | null | undefined {
	if (value === undefined || value === null) return value;
	if (typeof value === 'string' && features.tokenTypes.includes(value)) return value;
	// Jackson's enum failure; DHIS2's advice maps mapping errors to 409 (spec §1, exact status UNCONFIRMED).
	throw new MappingError(`Cannot deserialize value of type \`org.hisp.dhis.security.apikey.ApiTokenType\` from ${JSON.stringify(value)}: not one of the values accepted for Enum class: [${features.tokenTypes.join(', ')}]`);
}

/** Reads the writable fields of a POST/PUT body (or a patched document); unknown properties are ignored. */
export function parseTokenInput(body: unknown, features: VersionFeatures): TokenInput {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new MappingError(`Cannot deserialize value of type \`org.hisp.dhis.security.apikey.ApiToken\` from ${Array.isArray(body) ? 'Array' : typeof body} value`);
	}
	const record = body as Record<string, unknown>;
	return {
		expire: parseLong(record['expire'], 'expire'),
		code: parseCode(record['code']),
		attributes: record['attributes'] === undefined ? undefined : parseAttributes(record['attributes']),
		type: parseType(record['type'], features),
		version: parseLong(record['version'], 'version'),
	};
}
