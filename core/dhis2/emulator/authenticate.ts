import { type IncomingMessage } from 'node:http';
import { authenticateBasic, isBasicHeader } from './basicAuth';
import { firstHeader, requestFacts } from './clientFacts';
import { type Reply, ReplyError } from './reply';
import { type EmulatorState } from './state';
import { authenticateApiToken } from './tokenAuth';
import { resolveApiToken } from './tokenResolver';
import { type UserRecord } from './users';
import { errorReply } from './webMessage';

export interface Authentication {
	readonly user: UserRecord;
	readonly method: 'basic' | 'apitoken';
}

/**
 * No usable credentials: browsers are sent to the login page, scripts that identify themselves with
 * `X-Requested-With: XMLHttpRequest` get a JSON 401 (`Http401LoginUrlAuthenticationEntryPoint`).
 */
export function unauthenticatedReply(req: IncomingMessage, baseUrl: string): Reply {
	if (req.headers['x-requested-with'] === 'XMLHttpRequest') return errorReply(401, 'Unauthorized');
	return { status: 302, headers: { Location: `${baseUrl}/login/` } };
}

/** The token filter runs first (when enabled) and decides alone for `ApiToken` headers; Basic comes after. */
export function authenticate(state: EmulatorState, req: IncomingMessage, url: URL, baseUrl: string): Authentication {
	const authorization = firstHeader(req, 'Authorization');
	if (state.tokenAuthEnabled) {
		const token = resolveApiToken(state.features, authorization, url.searchParams.getAll('api_token'));
		if (token !== undefined) return { user: authenticateApiToken(state, token, requestFacts(req)), method: 'apitoken' };
	}
	if (isBasicHeader(authorization)) return { user: authenticateBasic(state.users, authorization), method: 'basic' };
	throw new ReplyError(unauthenticatedReply(req, baseUrl));
}
