import { fingerprint, generateToken, layoutOf, V1 } from '../../token';
import { firstInvalidValue, type TokenAttribute } from './attributes';
import { ReplyError, type Reply } from './reply';
import { type EmulatorState } from './state';
import { type TokenInput } from './tokenJson';
import { type StoredToken } from './tokenStore';
import { generateUid } from './uid';
import { type UserRecord } from './users';
import { type ErrorReport, API_TOKEN_KLASS, errorReply, importConflictReply } from './webMessage';

/** `DEFAULT_TOKEN_EXPIRE`: tokens posted without `expire` live 30 days. */
export const DEFAULT_EXPIRY_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_CODE_LENGTH = 50;

function attributeErrorReply(state: EmulatorState, detail: string): Reply {
	return state.features.wrappedAttributeErrors
		? errorReply(409, `Failed to validate the token's attributes, message: ${detail}`, { errorCode: 'E1004' })
		: errorReply(400, detail);
}

function validateAttributes(state: EmulatorState, attributes: readonly TokenAttribute[]): void {
	const detail = firstInvalidValue(attributes, state.features.headAllowed);
	if (detail !== undefined) throw new ReplyError(attributeErrorReply(state, detail));
}

/** `code` is a unique identifiable property of at most 50 characters. */
function validateCode(state: EmulatorState, code: string, tokenId: string): void {
	const reports: ErrorReport[] = [];
	if (code.length > MAX_CODE_LENGTH) {
		reports.push({
			message: `Maximum length of property \`code\` is ${MAX_CODE_LENGTH}, but given length was ${code.length}`,
			mainKlass: API_TOKEN_KLASS, errorCode: 'E4001', errorProperty: 'code', errorProperties: ['code', MAX_CODE_LENGTH, code.length],
		});
	}
	const holder = state.tokens.findByCode(code);
	if (holder && holder.id !== tokenId) {
		reports.push({
			message: `Property \`code\` with value \`${code}\` on object ${tokenId} already exists on object ${holder.id}`,
			mainKlass: API_TOKEN_KLASS, errorCode: 'E5003', errorProperty: 'code', errorProperties: ['code', code, tokenId, holder.id], value: code,
		});
	}
	if (reports.length > 0) throw new ReplyError(importConflictReply(tokenId, reports));
}

function typeOfImportedKey(state: EmulatorState, key: string): { version: number; type: string } {
	if (layoutOf(key) !== V1) return { version: 2, type: 'PERSONAL_ACCESS_TOKEN_V2' };
	return { version: 1, type: state.features.tokenTypes.includes('PERSONAL_ACCESS_TOKEN') ? 'PERSONAL_ACCESS_TOKEN' : 'PERSONAL_ACCESS_TOKEN_V1' };
}

export interface CreatedToken {
	readonly token: StoredToken;
	/** The plaintext key: handed back once, never stored. */
	readonly key: string;
}

/**
 * POST semantics: `type`, `version` and `key` come from the server, never the body.
 * `existingKey` lets test hooks plant a known key (e.g. one issued by an older release).
 */
export function createToken(state: EmulatorState, owner: UserRecord, input: TokenInput, existingKey?: string): CreatedToken {
	const { features, clock } = state;
	const attributes = input.attributes ?? [];
	validateAttributes(state, attributes);
	const id = generateUid();
	const code = features.codeHonouredOnCreate ? input.code ?? undefined : undefined;
	if (code !== undefined) validateCode(state, code, id);
	const key = existingKey ?? generateToken(features.newKey);
	const kind = existingKey === undefined
		? { version: features.newKey.version === 'v1' ? 1 : 2, type: features.newTokenType }
		: typeOfImportedKey(state, existingKey);
	const now = clock.now();
	const token: StoredToken = {
		id, code, created: now, lastUpdated: now, createdBy: owner.id, lastUpdatedBy: owner.id,
		version: kind.version, type: kind.type, expire: input.expire ?? now + DEFAULT_EXPIRY_MS,
		attributes, keyHash: fingerprint(key),
	};
	state.tokens.add(token);
	return { token, key };
}

/**
 * PUT/PATCH semantics. The key hash never changes. Fields missing from the input keep their value
 * (DHIS2's behaviour for a partial PUT is UNCONFIRMED; clients send the full object anyway).
 * 2.37–2.40 validate attributes here too; 2.41+ only validate on POST.
 */
export function updateToken(state: EmulatorState, token: StoredToken, actor: UserRecord, input: TokenInput): void {
	const attributes = input.attributes ?? token.attributes;
	if (state.features.validatesAttributesOnUpdate) validateAttributes(state, attributes);
	const code = input.code === undefined ? token.code : input.code ?? undefined;
	if (code !== undefined) validateCode(state, code, token.id);
	token.attributes = attributes;
	token.code = code;
	token.expire = input.expire ?? token.expire;
	token.type = input.type ?? token.type;
	token.version = input.version ?? token.version;
	token.lastUpdated = state.clock.now();
	token.lastUpdatedBy = actor.id;
}

export function deleteToken(state: EmulatorState, token: StoredToken): void {
	state.tokens.delete(token.id);
	// DHIS2-15339: before 2.41 the auth cache kept a deleted token alive for up to an hour.
	if (state.features.deleteEvictsAuthCache) state.authCache.evict(token.keyHash);
}
