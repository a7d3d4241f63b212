import { fingerprint } from '../../token';
import { firstConstraintFailure, type RequestFacts } from './attributes';
import { type CachedAuthentication } from './authCache';
import { ReplyError } from './reply';
import { passesServerChecksum } from './serverChecksum';
import { type EmulatorState } from './state';
import { apiTokenErrorReply } from './tokenResolver';
import { canUseTokens, type UserRecord } from './users';

export const TOKEN_MESSAGES = {
	checksum: 'Checksum validation failed',
	expired: 'Failed to authenticate API token, token has expired.',
	noOwner: 'The API token does not have any owner.',
	ownerMissing: 'The API token owner does not exists.',
	ownerUnusable: 'The API token is disabled, locked or 2FA is enabled.',
} as const;

function fail(status: number, message: string): never {
	throw new ReplyError(apiTokenErrorReply(status, message));
}

/** Cache miss: the database path of `ApiTokenAuthManager`, which fills the cache on success. */
function loadAuthentication(state: EmulatorState, keyHash: string): CachedAuthentication {
	const token = state.tokens.findByHash(keyHash);
	if (!token) return fail(401, state.features.unknownTokenMessage);
	if (token.expire <= state.clock.now()) return fail(401, TOKEN_MESSAGES.expired);
	const owner = state.users.findById(token.createdBy);
	if (!owner) return fail(401, TOKEN_MESSAGES.ownerMissing);
	if (!canUseTokens(owner)) return fail(401, TOKEN_MESSAGES.ownerUnusable);
	const authentication = { tokenId: token.id, ownerId: owner.id, expire: token.expire, attributes: token.attributes };
	state.authCache.put(keyHash, authentication);
	return authentication;
}

/**
 * Spec §5 in order: checksum (2.41+) → hash → cache or lookup → expiry → owner status → request
 * constraints. On a cache hit only expiry is re-checked; owner status and attributes are the cached ones.
 */
export function authenticateApiToken(state: EmulatorState, token: string, facts: RequestFacts): UserRecord {
	if (state.features.checksumCheckedOnAuth && !passesServerChecksum(token)) fail(400, TOKEN_MESSAGES.checksum);
	const keyHash = fingerprint(token);
	const cached = state.authCache.get(keyHash);
	if (cached && cached.expire <= state.clock.now()) fail(401, TOKEN_MESSAGES.expired);
	const authentication = cached ?? loadAuthentication(state, keyHash);
	const violation = firstConstraintFailure(authentication.attributes, facts);
	if (violation !== undefined) fail(401, violation);
	return state.users.findById(authentication.ownerId) ?? fail(401, TOKEN_MESSAGES.ownerMissing);
}
