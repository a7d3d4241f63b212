import { normaliseServerUrl } from '../../dhis2/client/serverUrl';

/** A configured server's base URL, split the way the origin rule compares it. */
export interface ServerScope {
	/** `https://host[:port]`, default ports dropped, host lower-cased (WHATWG URL rules). */
	readonly origin: string;
	/** Path prefix without a trailing slash; `''` for a server at the root. */
	readonly pathPrefix: string;
	/** The normalised base URL: `origin + pathPrefix`. */
	readonly baseUrl: string;
}

const scopes = new Map<string, ServerScope | null>();
const MAX_CACHED_SCOPES = 256;

/** `undefined` for a base URL that cannot be a DHIS2 server (no scheme, credentials, a query…): it then matches nothing. */
export function scopeOf(baseUrl: string): ServerScope | undefined {
	// Every request asks about every configured server: the parse is cached (a pure function of the text).
	const cached = scopes.get(baseUrl);
	if (cached !== undefined) return cached ?? undefined;
	let scope: ServerScope | null;
	try {
		const normalised = normaliseServerUrl(baseUrl);
		const url = new URL(normalised);
		scope = { origin: url.origin, pathPrefix: url.pathname.replace(/\/+$/, ''), baseUrl: normalised };
	} catch {
		scope = null;
	}
	if (scopes.size >= MAX_CACHED_SCOPES) scopes.clear();
	scopes.set(baseUrl, scope);
	return scope ?? undefined;
}

/**
 * Same scheme, host and port, and a path under the prefix on a segment boundary: `/40` covers `/40`
 * and `/40/api/me`, never `/400` or `/40abc`. Compared on the parsed URL, so `..` segments are already
 * resolved; percent-encoded look-alikes of the prefix do not match, which errs on the side of no token.
 */
export function isWithinScope(url: URL, scope: ServerScope): boolean {
	if (url.origin !== scope.origin) return false;
	if (scope.pathPrefix === '') return true;
	return url.pathname === scope.pathPrefix || url.pathname.startsWith(`${scope.pathPrefix}/`);
}

/** Two URLs of one origin: scheme, host and port all equal (opaque `null` origins never equal anything). */
export function sameOrigin(a: URL, b: URL): boolean {
	return a.origin !== 'null' && a.origin === b.origin;
}
