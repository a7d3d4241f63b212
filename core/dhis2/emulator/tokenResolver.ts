import { type Reply, ReplyError } from './reply';
import { type VersionFeatures } from './versionFeatures';
import { errorReply } from './webMessage';

/** `ApiTokenResolver`'s header rule: scheme in any case, exactly one space, token characters then optional `=` padding. */
const HEADER_PATTERN = /^ApiToken (?<token>[a-z0-9\-._~+/]+=*)$/i;

/** An error raised by the token filter itself; 2.41+ answers 400 through the entry point, older releases let it escape. */
export function filterErrorReply(features: VersionFeatures, message: string): Reply {
	if (features.invalidRequestStatus === 500) return errorReply(500, message);
	return apiTokenErrorReply(400, message);
}

export function apiTokenErrorReply(status: number, message: string): Reply {
	return errorReply(status, message, {}, { 'WWW-Authenticate': 'ApiToken' });
}

/**
 * The token a request presents, or undefined when the `Authorization` header is not an `ApiToken`
 * one (Basic, Bearer and no header pass on). Throws for a malformed header and, on releases that
 * still read it, for a duplicated `api_token` parameter or a header plus a parameter. The parameter
 * itself is never accepted as a credential.
 */
export function resolveApiToken(features: VersionFeatures, authorization: string | undefined, apiTokenParameters: readonly string[]): string | undefined {
	let headerToken: string | undefined;
	if (authorization !== undefined && authorization.toLowerCase().startsWith('apitoken')) {
		headerToken = HEADER_PATTERN.exec(authorization)?.groups?.['token'];
		if (headerToken === undefined) throw new ReplyError(filterErrorReply(features, 'Api token is malformed'));
	}
	if (features.apiTokenParameter && apiTokenParameters.length > 0) {
		if (apiTokenParameters.length > 1) throw new ReplyError(filterErrorReply(features, 'Found multiple Api tokens in the request'));
		if (headerToken !== undefined) throw new ReplyError(filterErrorReply(features, features.headerAndParameterMessage));
	}
	return headerToken;
}
