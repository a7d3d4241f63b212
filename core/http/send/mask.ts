import { redactTokens } from '../../redact';
import { mask } from '../../token';
import { type RecordedHeader } from './types';

const HIDDEN = '********';

/** Headers whose whole value is a credential the file (or the vault) supplied. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** `ApiToken d2p_v3aW…9OZl`; any other scheme keeps only its name (`Basic ********`). */
export function maskAuthorization(value: string): string {
	const match = /^(\S+)\s+(\S.*)$/.exec(value.trim());
	if (!match) return HIDDEN;
	const [, scheme = '', credentials = ''] = match;
	return scheme.toLowerCase() === 'apitoken' ? `${scheme} ${mask(credentials.trim())}` : `${scheme} ${HIDDEN}`;
}

/** Cookie names stay readable (they help debugging); their values are session secrets. */
function maskCookies(value: string): string {
	return value
		.split(';')
		.map((part) => {
			const at = part.indexOf('=');
			return at < 0 ? part : `${part.slice(0, at)}=${HIDDEN}`;
		})
		.join(';');
}

/** `Set-Cookie: JSESSIONID=********; Path=/; HttpOnly`: the attributes after the first pair are not secret. */
function maskSetCookie(value: string): string {
	const end = value.indexOf(';');
	const pair = end < 0 ? value : value.slice(0, end);
	const rest = end < 0 ? '' : value.slice(end);
	return maskCookies(pair) + rest;
}

export function maskHeaderValue(name: string, value: string): string {
	const lower = name.toLowerCase();
	if (lower === 'authorization' || lower === 'proxy-authorization') return maskAuthorization(value);
	if (lower === 'cookie') return maskCookies(value);
	if (lower === 'set-cookie') return maskSetCookie(value);
	return redactTokens(value);
}

export function maskHeaders(headers: readonly { name: string; value: string }[]): RecordedHeader[] {
	return headers.map(({ name, value }) => ({ name, value: maskHeaderValue(name, value) }));
}

/** undici's response headers (lower-case names, repeated ones as arrays) as a masked list. */
export function recordResponseHeaders(headers: Record<string, string | string[] | undefined>): RecordedHeader[] {
	const recorded: RecordedHeader[] = [];
	for (const name in headers) {
		const value = headers[name];
		if (typeof value === 'string') recorded.push({ name, value: maskHeaderValue(name, value) });
		else if (value !== undefined) for (const one of value) recorded.push({ name, value: maskHeaderValue(name, one) });
	}
	return recorded;
}

/** A URL for records and messages: DHIS2 keys in it (`?api_token=…`) masked, user info hidden. */
export function maskUrl(url: URL | string): string {
	let text = url.toString();
	if (url instanceof URL && url.username === '' && url.password === '') return redactTokens(text);
	try {
		const parsed = new URL(text);
		if (parsed.username !== '' || parsed.password !== '') {
			parsed.username = parsed.username === '' ? '' : HIDDEN;
			parsed.password = parsed.password === '' ? '' : HIDDEN;
			text = parsed.toString();
		}
	} catch {
		// Not a URL: redact what it is.
	}
	return redactTokens(text);
}
