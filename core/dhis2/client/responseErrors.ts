import { verifyToken as verifyTokenChecksum } from '../../token';
import { Dhis2Error, type Dhis2ErrorDetails, type InvalidAttribute } from './errors';
import { type HttpResponse } from './http';
import { type RequestContext } from './requestContext';
import { parseWebMessage, type WebMessage } from './webMessage';

const TOKEN_AUTH_SETTING = 'enable.api_token.authentication = on';

export function isHtml(response: HttpResponse): boolean {
	return /\btext\/html\b/i.test(response.contentType) || /^\s*<(?:!doctype|html|head|body)\b/i.test(response.body);
}

/** DHIS2's login app (`/login/`, `dhis-web-login`) or the old `login.action` form. */
function isLoginLocation(location: string): boolean {
	return /\/(?:login\b|dhis-web-login|dhis-web-commons\/security\/login)/i.test(location);
}

function looksLikeLoginPage(body: string): boolean {
	return /<title>[^<]*(?:login|sign in|log in)/i.test(body) || /name=["']?j_username|id=["']?loginForm|dhis-web-login/i.test(body);
}

/** Where the location header points, without query or fragment (they may carry session ids). */
function locationOf(response: HttpResponse, requestUrl: URL): string | undefined {
	if (response.location === undefined) return undefined;
	try {
		const target = new URL(response.location, requestUrl);
		return `${target.origin}${target.pathname}`;
	} catch {
		return undefined;
	}
}

function tryJson(body: string): unknown {
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return undefined;
	}
}

const ATTRIBUTE_DETAIL = /Not a valid (ip address|http method|referrer url), value=(.*)$/s;

function attributeOf(message: string | undefined): InvalidAttribute | undefined {
	const match = ATTRIBUTE_DETAIL.exec(message ?? '');
	if (!match) return undefined;
	const field = match[1] === 'ip address' ? 'ip' : match[1] === 'http method' ? 'method' : 'referrer';
	return { field, value: (match[2] ?? '').trim() };
}

const ATTRIBUTE_ADVICE: Readonly<Record<InvalidAttribute['field'], { readonly what: string; readonly fix: string }>> = {
	ip: { what: 'allowed IP address', fix: 'Use plain IPv4 or IPv6 addresses, one per line — no ranges (CIDR) and no host names.' },
	method: { what: 'allowed HTTP method', fix: 'Choose from GET, POST, PUT, PATCH and DELETE (HEAD only on servers that support it).' },
	referrer: { what: 'allowed referrer', fix: 'Write each referrer as a full http(s) URL with a real domain name, e.g. https://apps.example.org/.' },
};

/** The base URL the user configured, for "check the server address" messages. */
function baseOf(context: RequestContext): string {
	const apiIndex = context.url.pathname.indexOf('/api/');
	return `${context.url.origin}${apiIndex >= 0 ? context.url.pathname.slice(0, apiIndex) : ''}`;
}

/** Turns a non-success HTTP answer into a `Dhis2Error` with an explanation and a next step. */
export function responseError(response: HttpResponse, context: RequestContext): Dhis2Error {
	const { status } = response;
	const url = context.url.toString();
	const base = baseOf(context);
	const common = { status, url };

	if (status >= 300 && status < 400) {
		const location = locationOf(response, context.url);
		if (location !== undefined && isLoginLocation(location)) return loginPage(context, common, base);
		const sameHostHttps = location !== undefined && context.url.protocol === 'http:' && new URL(location).protocol === 'https:' && new URL(location).hostname === context.url.hostname;
		return new Dhis2Error('redirect', {
			...common,
			explanation: `${base} redirected the request to ${location ?? 'another address'} instead of answering it.`,
			nextStep: sameHostHttps
				? 'The server wants HTTPS: change the server address to start with https://.'
				: 'Use the final address (where the DHIS2 login page is served) as the server address.',
		});
	}

	if (isHtml(response)) {
		if (looksLikeLoginPage(response.body)) return loginPage(context, common, base);
		return new Dhis2Error('not-json', {
			...common,
			explanation: `${base} answered with a web page (HTTP ${status}) instead of DHIS2 API data.`,
			nextStep: 'Check the server address: it should be the address you open DHIS2 at, including any path such as /dhis.',
		});
	}

	const json = tryJson(response.body);
	const message = parseWebMessage(json);
	const details = (extra: Partial<Dhis2ErrorDetails> & Pick<Dhis2ErrorDetails, 'explanation' | 'nextStep'>): Dhis2ErrorDetails => ({
		...common,
		...(message?.message === undefined ? {} : { serverMessage: message.message }),
		...(message?.errorCode === undefined ? {} : { errorCode: message.errorCode }),
		...(message === undefined ? {} : { errorReports: message.errorReports }),
		...extra,
	});
	if (json === undefined && response.body.trim() !== '' && status < 500) {
		return new Dhis2Error('invalid-json', details({
			explanation: `${base} answered HTTP ${status} with a body that is not JSON.`,
			nextStep: 'Check the server address; a proxy in front of DHIS2 may be answering instead of DHIS2.',
		}));
	}

	if (status === 401) return unauthorized(response, context, message, details);
	if (status === 400) return badRequest(context, message, details);
	if (status === 403) {
		return new Dhis2Error('forbidden', details({
			explanation: `DHIS2 refused the request: ${message?.message ?? 'access denied'} (HTTP 403).`,
			nextStep: 'Your account lacks the authority for this; ask a DHIS2 administrator. If CSRF protection is on (http.security.csrf.enabled), token changes may be blocked too.',
		}));
	}
	if (status === 404) return notFound(context, message, details, base);
	if (status === 409) return conflict(message, details);
	if (status >= 500) {
		const gateway = status === 502 || status === 503 || status === 504;
		return new Dhis2Error('server-error', details({
			explanation: gateway
				? `The server (or a proxy in front of it) is unavailable: HTTP ${status}.`
				: `DHIS2 failed with an internal error (HTTP ${status})${message?.message === undefined ? '' : `: ${message.message}`}.`,
			nextStep: gateway
				? 'DHIS2 may be starting up or down for maintenance; try again in a few minutes.'
				: 'Try again; if it keeps failing, the server administrator can find the cause in the DHIS2 log.',
		}));
	}
	return new Dhis2Error('http-error', details({
		explanation: `DHIS2 answered HTTP ${status}${message?.message === undefined ? '' : `: ${message.message}`}.`,
		nextStep: 'Try again; if it persists, check the server address and the server\'s version.',
	}));
}

function loginPage(context: RequestContext, common: { status: number; url: string }, base: string): Dhis2Error {
	const tokenHint = context.authKind === 'apiToken'
		? ` If the address is right, token authentication may be off (the default on DHIS2 2.37): ask the administrator to set \`${TOKEN_AUTH_SETTING}\` in dhis.conf.`
		: '';
	return new Dhis2Error('login-page', {
		...common,
		explanation: `${base} sent the DHIS2 login page instead of answering: the request was not authenticated.`,
		nextStep: `Check the server address (it must be the DHIS2 base URL, e.g. https://host/dhis, without /api).${tokenHint}`,
	});
}

type Details = (extra: Partial<Dhis2ErrorDetails> & Pick<Dhis2ErrorDetails, 'explanation' | 'nextStep'>) => Dhis2ErrorDetails;

function unauthorized(response: HttpResponse, context: RequestContext, message: WebMessage | undefined, details: Details): Dhis2Error {
	const text = message?.message ?? '';
	if (context.authKind === 'basic') {
		if (/disabled|locked|expired/i.test(text)) {
			return new Dhis2Error('bad-credentials', details({
				explanation: `DHIS2 refused the sign-in: the account is disabled, locked or expired (${text}).`,
				nextStep: 'Ask a DHIS2 administrator to re-enable the account, or sign in as another user.',
			}));
		}
		if (/verification code|2fa|two.factor/i.test(text)) {
			return new Dhis2Error('bad-credentials', details({
				explanation: 'The account has two-factor authentication, which a user name and password alone cannot pass.',
				nextStep: 'Sign in with a different account without 2FA (PATs can\'t be used by accounts with two-factor authentication either).',
			}));
		}
		return new Dhis2Error('bad-credentials', details({
			explanation: 'DHIS2 rejected the user name or password (HTTP 401).',
			nextStep: 'Check them by signing in to DHIS2 in a browser; user names are case-sensitive.',
		}));
	}
	const rule = TOKEN_401_RULES.find(({ pattern }) => pattern.test(text));
	if (rule) return new Dhis2Error(rule.kind, details({ explanation: rule.explanation, nextStep: rule.nextStep(context) }));
	// The token filter always marks its own failures; a bare 401 means it never looked at the key.
	if (!/apitoken/i.test(response.wwwAuthenticate ?? '') || /^unauthorized$/i.test(text.trim())) {
		const version = context.features === undefined ? '' : context.features.tokenAuthOnByDefault ? ' (it is on by default since 2.38, so it was switched off deliberately)' : ' (DHIS2 2.37 ships with it off)';
		return new Dhis2Error('token-auth-disabled', details({
			explanation: `The server ignored the personal access token: token authentication is switched off${version}.`,
			nextStep: `Ask the DHIS2 administrator to set \`${TOKEN_AUTH_SETTING}\` in dhis.conf and restart DHIS2, or sign in with user name and password instead.`,
		}));
	}
	return new Dhis2Error('token-rejected', details({
		explanation: `DHIS2 rejected the personal access token${text === '' ? '' : `: ${text}`}.`,
		nextStep: 'Check the token in the DHIS2 User Profile app, or create a new one.',
	}));
}

interface TokenRule {
	readonly pattern: RegExp;
	readonly kind: 'token-unknown' | 'token-expired' | 'token-owner-disabled' | 'token-owner-missing' | 'token-ip-not-allowed' | 'token-referrer-not-allowed' | 'token-method-not-allowed';
	readonly explanation: string;
	readonly nextStep: (context: RequestContext) => string;
}

/** The 401 messages of DHIS2's token filter (shared/spec §5), matched loosely across versions. */
const TOKEN_401_RULES: readonly TokenRule[] = [
	{
		pattern: /token has expired/i,
		kind: 'token-expired',
		explanation: 'The personal access token has expired.',
		nextStep: () => 'Create a new token (or rotate this one) and replace it wherever it is used.',
	},
	{
		pattern: /disabled, locked or 2FA/i,
		kind: 'token-owner-disabled',
		explanation: 'The token\'s owner account is disabled, locked or expired, or has two-factor authentication (2FA) on.',
		nextStep: () => 'PATs can\'t be used by accounts with two-factor authentication: use a dedicated account without 2FA, or ask an administrator to re-enable the account.',
	},
	{
		pattern: /does not have any owner|owner does not exist/i,
		kind: 'token-owner-missing',
		explanation: 'The token\'s owner account no longer exists.',
		nextStep: () => 'Create a new token while signed in as an existing user.',
	},
	{
		pattern: /ip address is not allowed/i,
		kind: 'token-ip-not-allowed',
		explanation: 'DHIS2 saw this request come from an IP address that is not in the token\'s allowed IP list.',
		nextStep: () => 'Add this machine\'s public IP to a new token\'s allowed IPs. Behind a proxy, DHIS2 compares the whole X-Forwarded-For header, not just your address.',
	},
	{
		pattern: /referrer is missing or not allowed/i,
		kind: 'token-referrer-not-allowed',
		explanation: 'The token only works from specific web pages, and this request had no matching Referer header.',
		nextStep: () => 'Use a server/script token here, or send a Referer that exactly matches one in the token\'s list (lower-case, full URL).',
	},
	{
		pattern: /http method is not allowed/i,
		kind: 'token-method-not-allowed',
		explanation: 'The token does not allow this HTTP method.',
		nextStep: (context) => `Create a token that allows the methods you need (this call used ${context.operation === 'verifyToken' || context.operation === 'me' ? 'GET' : 'a method it does not allow'}).`,
	},
	{
		pattern: /does not exists?/i,
		kind: 'token-unknown',
		explanation: 'DHIS2 does not know this personal access token: it was revoked, mistyped, or belongs to a different server.',
		nextStep: () => 'Check that the token was created on this server, or create a new one.',
	},
];

function badRequest(context: RequestContext, message: WebMessage | undefined, details: Details): Dhis2Error {
	const text = message?.message ?? '';
	if (/checksum validation failed/i.test(text)) {
		const key = context.key?.reveal();
		const oldKey = key !== undefined && verifyTokenChecksum(key)?.era === '2.37-2.40';
		return new Dhis2Error('token-checksum', details({
			explanation: oldKey
				? 'This d2pat_ key was issued by DHIS2 2.37–2.40; DHIS2 2.41+ computes token checksums differently and rejects it (HTTP 400 "Checksum validation failed").'
				: 'DHIS2 rejected the key because its checksum does not match: it is mistyped or truncated (HTTP 400).',
			nextStep: oldKey
				? 'Create a new token on this server and replace the old key wherever it is used.'
				: 'Copy the complete key again; if it was lost, create a new token.',
		}));
	}
	if (/token is malformed/i.test(text)) {
		return new Dhis2Error('token-malformed', details({
			explanation: 'DHIS2 could not read the personal access token: it contains characters a key cannot have (HTTP 400).',
			nextStep: 'Copy the key again without spaces, quotes or line breaks.',
		}));
	}
	const attribute = attributeOf(text) ?? attributeOf(message?.errorReports.map((report) => report.message ?? '').find((m) => ATTRIBUTE_DETAIL.test(m)));
	if (attribute) return invalidAttribute(attribute, details);
	return new Dhis2Error('bad-request', details({
		explanation: `DHIS2 rejected the request as invalid${text === '' ? '' : `: ${text}`} (HTTP 400).`,
		nextStep: 'Check the values you entered; if they look right, the server version may not support this request.',
	}));
}

function invalidAttribute(attribute: InvalidAttribute, details: Details): Dhis2Error {
	const advice = ATTRIBUTE_ADVICE[attribute.field];
	return new Dhis2Error('invalid-attribute', details({
		attribute,
		explanation: `DHIS2 rejected the ${advice.what} "${attribute.value}".`,
		nextStep: advice.fix,
	}));
}

function notFound(context: RequestContext, message: WebMessage | undefined, details: Details, base: string): Dhis2Error {
	const tokenCall = context.operation === 'getToken' || context.operation === 'patchToken' || context.operation === 'revokeToken';
	if (tokenCall && message !== undefined) {
		return new Dhis2Error('not-found', details({
			explanation: 'DHIS2 has no token with this id that you can see: it was already revoked, or it belongs to another user.',
			nextStep: 'Refresh the token list. Only the token\'s owner (or a superuser) can change or revoke it.',
		}));
	}
	return new Dhis2Error('not-found', details({
		explanation: `${base} has no DHIS2 API at ${context.url.pathname} (HTTP 404).`,
		nextStep: 'Check the server address: it must be where DHIS2 runs, including any path such as /dhis.',
	}));
}

function conflict(message: WebMessage | undefined, details: Details): Dhis2Error {
	const reports = message?.errorReports ?? [];
	const duplicate = reports.find((report) => report.errorCode === 'E5003');
	if (duplicate) {
		const property = duplicate.errorProperty ?? 'code';
		return new Dhis2Error('name-taken', details({
			explanation: property === 'code' ? 'Token name already exists.' : `Another object already has this ${property}.`,
			nextStep: 'Choose a different token name. Names are unique across all tokens on the server, including other users\' tokens.',
		}));
	}
	const attribute = attributeOf(message?.message) ?? attributeOf(reports.map((report) => report.message ?? '').find((m) => ATTRIBUTE_DETAIL.test(m)));
	if (attribute) return invalidAttribute(attribute, details);
	const first = reports[0]?.message ?? message?.message;
	return new Dhis2Error('conflict', details({
		explanation: `DHIS2 could not save the change${first === undefined ? '' : `: ${first}`} (HTTP 409).`,
		nextStep: 'Fix the value named in the message and try again.',
	}));
}
