import { isWithinScope, sameOrigin, type ServerScope } from '../inject/scope';

export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Headers that describe a body: they go with it when a redirect turns the request into a GET. */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location', 'transfer-encoding']);

export function isBodyHeader(name: string): boolean {
	return BODY_HEADERS.has(name.toLowerCase());
}

/**
 * 307/308 repeat the request as it was; 301/302/303 continue with a GET without body, as browsers
 * and curl do for POST (a HEAD stays a HEAD: it never had a body and must not fetch one now).
 */
export function methodAfterRedirect(status: number, method: string): { readonly method: string; readonly keepBody: boolean } {
	if (status === 307 || status === 308) return { method, keepBody: true };
	if (method.toUpperCase() === 'HEAD') return { method, keepBody: false };
	return { method: 'GET', keepBody: false };
}

export interface CredentialState {
	/** The injected token is still allowed to travel. */
	readonly tokenActive: boolean;
	/** The file's own credential headers are still allowed to travel. */
	readonly userCredentialsActive: boolean;
}

export interface CarryDecision extends CredentialState {
	readonly tokenDropped: boolean;
	readonly userCredentialsDropped: boolean;
	/** Why something was dropped ("the redirect goes from https to http (http://…)"); empty when nothing was. */
	readonly reason: string;
}

/**
 * What survives the hop `from → to`. The injected token only ever goes to URLs under its own server's
 * base URL (so never to another origin and never over an https→http downgrade); the file's own
 * credentials only to the origin of the first request, like curl without `--location-trusted`.
 * Once dropped, neither comes back, even if a later redirect returns to the server.
 */
export function carryCredentials(state: CredentialState, server: ServerScope | undefined, first: URL, from: URL, to: URL): CarryDecision {
	const downgrade = from.protocol === 'https:' && to.protocol === 'http:';
	const tokenActive = state.tokenActive && server !== undefined && isWithinScope(to, server) && !downgrade;
	const userCredentialsActive = state.userCredentialsActive && sameOrigin(first, to) && !downgrade;
	const tokenDropped = state.tokenActive && !tokenActive;
	const userCredentialsDropped = state.userCredentialsActive && !userCredentialsActive;
	const reason = !tokenDropped && !userCredentialsDropped
		? ''
		: downgrade
			? `the redirect goes from https to http (${to.origin})`
			: !sameOrigin(first, to)
				? `the redirect leaves ${first.origin} for ${to.origin}`
				: `the redirect leaves the server's base URL ${server?.baseUrl ?? first.origin}`;
	return { tokenActive, userCredentialsActive, tokenDropped, userCredentialsDropped, reason };
}
