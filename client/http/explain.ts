import { responseError } from '../../core/dhis2/client/responseErrors';
import { formatDate } from '../../core/dhis2/tokens';
import { type InjectionDecision } from '../../core/http/inject';
import { type HttpExchange } from '../../core/http/send';
import { type ExplanationView, type ResponseActionId } from '../../core/protocol/responseView';
import { type StoredToken } from '../../core/vault';

/** Bodies are read for an explanation only when they are this small: DHIS2's error replies are. */
const MAX_EXPLAINED_BODY = 64 * 1024;

export interface ExplainInput {
	readonly status: number;
	/** Method of the request that got this answer. */
	readonly method: string;
	readonly url: string;
	readonly contentType: string;
	readonly bodyText?: string;
	readonly wwwAuthenticate?: string;
	readonly location?: string;
	/** The injected token went out on the request that got this answer. */
	readonly tokenSent: boolean;
	/** A redirect on the way dropped the token. */
	readonly tokenDropped: boolean;
	/** The answer came after following at least one redirect. */
	readonly redirected: boolean;
	readonly decision: Pick<InjectionDecision, 'injects' | 'explanation' | 'server'>;
	/** What the vault knows about the token that was sent. */
	readonly token?: StoredToken;
	/** The matched server has tokens stored in VS Code (none of them chosen for `.http`). */
	readonly serverHasStoredTokens: boolean;
	readonly now: number;
}

type Action = ExplanationView['actions'][number];

const action = (id: ResponseActionId, label: string): Action => ({ id, label });
const ROTATE = action('rotateToken', 'Rotate Token…');
const GENERATE = action('generateToken', 'Generate Token…');
const CHOOSE = action('chooseToken', 'Choose Token…');
const SHOW_TOKENS = action('showTokens', 'Show Tokens');
const DETAILS = action('showTokenDetails', 'Show Token Details');

function tokenName(token: StoredToken | undefined): string {
	if (!token) return 'The token';
	return token.name === undefined ? `Token ${token.masked}` : `Token "${token.name}" (${token.masked})`;
}

function list(values: readonly string[]): string {
	return values.length <= 1 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} and ${values.at(-1) ?? ''}`;
}

/** A rotate keeps the token's settings; it needs the DHIS2 id, which an unmatched import lacks. */
function renewActions(token: StoredToken | undefined): Action[] {
	return token?.idKnown === true ? [ROTATE, DETAILS] : [GENERATE];
}

function serverName(input: ExplainInput): string {
	const server = input.decision.server;
	if (!server) return 'the server';
	return server.label === server.baseUrl ? server.baseUrl : `"${server.label}"`;
}

const LOGIN_PATH = /\/(?:login\b|dhis-web-login|dhis-web-commons\/security\/login)/i;

function pathOf(url: string): string {
	try {
		return new URL(url).pathname;
	} catch {
		return '';
	}
}

/** The token was sent and DHIS2 turned it down: say why, with what the vault knows about it. */
function tokenRejected(input: ExplainInput): ExplanationView | undefined {
	const classified = responseError(
		{ status: input.status, contentType: input.contentType, body: input.bodyText ?? '', ...(input.wwwAuthenticate === undefined ? {} : { wwwAuthenticate: input.wwwAuthenticate }), ...(input.location === undefined ? {} : { location: input.location }) },
		{ operation: 'me', url: new URL(input.url), authKind: 'apiToken', timeoutMs: 0, caConfigured: false, cancelled: () => false },
	);
	const token = input.token;
	const name = tokenName(token);
	const serverMessage = classified.serverMessage === undefined ? '' : ` DHIS2 said: "${classified.serverMessage}"`;
	const restrictions = token?.restrictions;
	// Older servers answer a bare 401 for an expired key; the vault knows the date regardless.
	const expiredHere = token !== undefined && token.expireKnown !== false && token.expire <= input.now;
	const kind = expiredHere && (classified.kind === 'token-rejected' || classified.kind === 'token-unknown') ? 'token-expired' : classified.kind;
	switch (kind) {
		case 'token-expired': {
			const known = token !== undefined && token.expireKnown !== false;
			return {
				severity: 'error',
				title: known ? `${name} expired on ${formatDate(token.expire)}` : `${name} has expired`,
				detail: `${serverName(input)} no longer accepts it.${serverMessage} Rotate it to get a new key with the same settings; the new key replaces this one for .http requests.`,
				actions: renewActions(token),
			};
		}
		case 'token-ip-not-allowed': {
			const allowed = restrictions && restrictions.allowedIps.length > 0 ? ` It only accepts requests from ${list(restrictions.allowedIps)}.` : '';
			return {
				severity: 'error',
				title: `Blocked by the IP allowlist of ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
				detail: `DHIS2 saw this request come from an address the token does not allow.${allowed} Behind a proxy, DHIS2 compares the X-Forwarded-For header. Use a token that allows this machine's public address.`,
				actions: token?.idKnown === true ? [DETAILS, GENERATE] : [GENERATE],
			};
		}
		case 'token-method-not-allowed': {
			const allowed = restrictions && restrictions.allowedMethods.length > 0 ? ` It allows only ${list(restrictions.allowedMethods)}.` : '';
			return {
				severity: 'error',
				title: `${input.method.toUpperCase()} is not allowed for ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
				detail: `The token is limited to certain HTTP methods.${allowed} Use a token that allows ${input.method.toUpperCase()} for this request.`,
				actions: token?.idKnown === true ? [DETAILS, GENERATE] : [GENERATE],
			};
		}
		case 'token-referrer-not-allowed':
			return {
				severity: 'error',
				title: `${name} only works from certain web pages`,
				detail: `It is a browser token limited to referrers${restrictions && restrictions.allowedReferrers.length > 0 ? ` (${list(restrictions.allowedReferrers)})` : ''}, and this request had no matching Referer header. Use a server/script token for .http requests.`,
				actions: [GENERATE],
			};
		case 'token-unknown':
			return {
				severity: 'error',
				title: `${serverName(input)} does not know ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
				detail: 'It was revoked, or it belongs to another server. Choose another token for this server, or generate a new one.',
				actions: [CHOOSE, GENERATE, SHOW_TOKENS],
			};
		case 'token-owner-disabled':
		case 'token-owner-missing':
		case 'token-checksum':
		case 'token-malformed':
		case 'token-auth-disabled':
		case 'token-rejected':
			return { severity: 'error', title: classified.explanation, detail: classified.nextStep, actions: classified.kind === 'token-auth-disabled' ? [] : [SHOW_TOKENS] };
		case 'forbidden':
			return {
				severity: 'warning',
				title: `DHIS2 refused this request (HTTP 403)${classified.serverMessage === undefined ? '' : `: ${classified.serverMessage}`}`,
				detail: `The token was accepted, but ${token?.owner?.username === undefined ? 'its owner' : `its owner ${token.owner.username}`} lacks the authority for this. A token can do only what its user can.`,
				actions: [],
			};
		case 'login-page':
			return { severity: 'error', title: classified.explanation, detail: classified.nextStep, actions: [] };
		default:
			return undefined;
	}
}

/**
 * What a DHIS2 answer means for the token, in the words of the vault: "Token d2p_… expired on
 * 2026-11-04, Rotate?", "blocked by this token's IP allowlist", "POST is not allowed for this
 * token". `undefined` when there is nothing to add to the status line.
 */
export function explainResponse(input: ExplainInput): ExplanationView | undefined {
	const authFailure = input.status === 401 || input.status === 400 || input.status === 403;
	if (input.tokenSent && authFailure) return tokenRejected(input);
	const server = input.decision.server;
	// DHIS2 sends a browser-like client to its login page: a 302 there, or (redirect followed) the page itself.
	const loginRedirect = input.status >= 300 && input.status < 400 && LOGIN_PATH.test(input.location ?? '');
	const landedOnLogin = input.redirected && input.status === 200 && LOGIN_PATH.test(pathOf(input.url));
	if (input.status === 401 || loginRedirect || landedOnLogin) {
		if (input.tokenDropped) {
			return {
				severity: 'warning',
				title: 'The token was dropped at a redirect, so the request arrived without it',
				detail: 'A token never follows a redirect to another origin or from https to http. Send the request to the final address directly (see "Request as sent").',
				actions: [],
			};
		}
		if (server && !input.decision.injects) {
			return {
				severity: 'warning',
				title: `No token was sent to ${serverName(input)}`,
				detail: input.serverHasStoredTokens
					? `${input.decision.explanation} Choose which stored token .http requests to this server use.`
					: `${input.decision.explanation} Generate or import a token for this server first.`,
				actions: input.serverHasStoredTokens ? [CHOOSE] : [GENERATE],
			};
		}
	}
	return undefined;
}

function headerOf(headers: readonly { name: string; value: string }[], name: string): string | undefined {
	return headers.find((header) => header.name.toLowerCase() === name)?.value;
}

/** The explanation input of an exchange: its final hop and (small) body. */
export function explainInputOf(exchange: HttpExchange, vault: { readonly token?: StoredToken; readonly serverHasStoredTokens: boolean }, now: number): ExplainInput {
	const last = exchange.hops.at(-1);
	const { response } = exchange;
	const body = response.body;
	const bodyText = body.kind === 'memory' && body.size <= MAX_EXPLAINED_BODY ? new TextDecoder().decode(body.bytes) : undefined;
	const wwwAuthenticate = headerOf(response.headers, 'www-authenticate');
	const location = headerOf(response.headers, 'location');
	return {
		status: response.status,
		method: last?.request.method ?? exchange.hops[0]?.request.method ?? 'GET',
		url: response.url,
		contentType: response.contentType,
		...(bodyText === undefined ? {} : { bodyText }),
		...(wwwAuthenticate === undefined ? {} : { wwwAuthenticate }),
		...(location === undefined ? {} : { location }),
		tokenSent: last?.credentials.tokenSent === true,
		tokenDropped: exchange.hops.some((hop) => hop.credentials.tokenDropped),
		redirected: exchange.redirects > 0,
		decision: exchange.decision,
		...(vault.token === undefined ? {} : { token: vault.token }),
		serverHasStoredTokens: vault.serverHasStoredTokens,
		now,
	};
}
