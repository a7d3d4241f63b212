import { applyFields } from './fields';
import { applyPatch, parsePatch, parsePointer } from './jsonPatch';
import { filterRows, orderRows, paginate } from './listQuery';
import { mediaTypeOf, readBody, type Reply, ReplyError } from './reply';
import { type RequestContext } from './requestContext';
import { parseJson, parseTokenInput, renderToken, TOKEN_PROPERTIES } from './tokenJson';
import { createToken, deleteToken, updateToken } from './tokenService';
import { type StoredToken } from './tokenStore';
import { isSuperuser, type UserRecord } from './users';
import { API_TOKEN_KLASS, errorReply, notFoundReply, okObjectReply, webMessage } from './webMessage';

const DEFAULT_LIST_FIELDS = 'id,displayName';
const OPERATION_NOT_SUPPORTED = 'Operation not supported on ApiToken';

/** Tokens are private to their creator; superusers (authority ALL) see everyone's (spec §1). */
function canSee(user: UserRecord, token: StoredToken): boolean {
	return isSuperuser(user) || token.createdBy === user.id;
}

function visibleToken(ctx: RequestContext, uid: string): StoredToken {
	const token = ctx.state.tokens.get(uid);
	if (!token || !canSee(ctx.user, token)) throw new ReplyError(notFoundReply(uid));
	return token;
}

function unsupportedMediaType(mediaType: string): ReplyError {
	return new ReplyError(errorReply(415, `Content type '${mediaType || 'application/octet-stream'}' not supported`));
}

async function readJson(ctx: RequestContext): Promise<unknown> {
	const mediaType = mediaTypeOf(ctx.req);
	if (mediaType !== 'application/json') throw unsupportedMediaType(mediaType);
	return parseJson(await readBody(ctx.req));
}

export function listTokens(ctx: RequestContext): Reply {
	const { state, url } = ctx;
	const rows = state.tokens.all().filter((token) => canSee(ctx.user, token)).map((token) => renderToken(token, state.users));
	const selected = orderRows(filterRows(rows, url.searchParams, TOKEN_PROPERTIES), url.searchParams.get('order'));
	const page = paginate(selected, url.searchParams, url);
	// The schema's plural is its singular, so the list sits under `apiToken` on both paths.
	const apiToken = applyFields(page.rows, url.searchParams.get('fields'), DEFAULT_LIST_FIELDS);
	return { status: 200, json: page.pager ? { pager: page.pager, apiToken } : { apiToken } };
}

export function getToken(ctx: RequestContext, uid: string): Reply {
	const view = renderToken(visibleToken(ctx, uid), ctx.state.users);
	return { status: 200, json: applyFields(view, ctx.url.searchParams.get('fields'), '*') };
}

export async function postToken(ctx: RequestContext): Promise<Reply> {
	const { features } = ctx.state;
	const mediaType = mediaTypeOf(ctx.req);
	if (mediaType === 'application/xml' || mediaType === 'text/xml') {
		throw new ReplyError(errorReply(features.xmlCreateRejection.status, features.xmlCreateRejection.message));
	}
	const input = parseTokenInput(await readJson(ctx), features);
	const { token, key } = createToken(ctx.state, ctx.user, input);
	return {
		status: 201,
		headers: { Location: `${ctx.baseUrl}/api/apiToken/${token.id}` },
		json: webMessage(201, {
			response: { responseType: features.createResponseType, uid: token.id, klass: API_TOKEN_KLASS, errorReports: [], key },
		}),
	};
}

export async function putToken(ctx: RequestContext, uid: string): Promise<Reply> {
	const token = visibleToken(ctx, uid);
	updateToken(ctx.state, token, ctx.user, parseTokenInput(await readJson(ctx), ctx.state.features));
	return okObjectReply(uid);
}

/** Patching `/key` is accepted and has no effect (`testCantModifyKeyPatch`). */
function touchesKey(path: string): boolean {
	return parsePointer(path)[0] === 'key';
}

export async function patchToken(ctx: RequestContext, uid: string): Promise<Reply> {
	const { state } = ctx;
	const token = visibleToken(ctx, uid);
	const mediaType = mediaTypeOf(ctx.req);
	if (mediaType !== 'application/json-patch+json') {
		if (mediaType === 'application/json' && state.features.rejectsPlainJsonPatch) throw new ReplyError(errorReply(409, OPERATION_NOT_SUPPORTED));
		throw unsupportedMediaType(mediaType);
	}
	const operations = parsePatch(parseJson(await readBody(ctx.req))).filter((operation) => !touchesKey(operation.path));
	// `code: null` is present so that `replace /code` works on a token that has none yet.
	const patched = applyPatch({ code: null, ...renderToken(token, state.users) }, operations);
	const document = typeof patched === 'object' && patched !== null ? patched as Record<string, unknown> : {};
	updateToken(state, token, ctx.user, parseTokenInput({
		expire: document['expire'],
		code: document['code'] ?? null,
		attributes: document['attributes'] ?? [],
		type: document['type'],
		version: document['version'],
	}, state.features));
	return okObjectReply(uid);
}

export function deleteTokenRoute(ctx: RequestContext, uid: string): Reply {
	deleteToken(ctx.state, visibleToken(ctx, uid));
	return okObjectReply(uid);
}

/** `PUT|PATCH /apiToken/{uid}/{property}`: refused (spec §1 for 2.37–2.40; the emulator refuses it everywhere). */
export function propertyUpdateRoute(ctx: RequestContext, uid: string): Reply {
	visibleToken(ctx, uid);
	return errorReply(409, OPERATION_NOT_SUPPORTED);
}
