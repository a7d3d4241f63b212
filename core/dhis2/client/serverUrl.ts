/**
 * A DHIS2 base URL as the user types or pastes it, turned into the one form every other part of
 * the extension keys servers by: `https://host[:port][/context-path]`, no trailing slash.
 */
export class ServerUrlError extends Error {
	override readonly name = 'ServerUrlError';
	constructor(
		message: string,
		/** A corrected URL to offer, when the fix is obvious. */
		readonly suggestion?: string,
	) {
		super(message);
	}
}

/** Path segments that belong to DHIS2 itself, never to the context path it is deployed under. */
const DHIS2_SEGMENT = /\/(?:api|dhis-web-[^/]*|login)(?:\/.*)?$/;

export function normaliseServerUrl(input: string): string {
	const text = input.trim();
	if (text === '') throw new ServerUrlError('Enter the address of the DHIS2 server, e.g. https://play.dhis2.org/40.');
	if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
		throw new ServerUrlError(`"${text}" has no scheme: start it with https:// (or http:// for a server without TLS).`, `https://${text}`);
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new ServerUrlError(`"${text}" is not a valid URL.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new ServerUrlError(`Only http:// and https:// addresses are supported, not ${url.protocol}//.`);
	}
	if (url.hostname === '') throw new ServerUrlError(`"${text}" has no host name.`);
	if (url.username !== '' || url.password !== '') {
		// Shown without the credentials: this message may reach a log.
		url.username = '';
		url.password = '';
		throw new ServerUrlError('Remove the user name and password from the address; you are asked for them separately.', stripToBase(url));
	}
	if (url.search !== '' || url.hash !== '') {
		url.search = '';
		url.hash = '';
		throw new ServerUrlError('The server address cannot have a query (?…) or fragment (#…).', stripToBase(url));
	}
	return stripToBase(url);
}

function stripToBase(url: URL): string {
	// The URL parser already lower-cases the host and drops default ports (:80 for http, :443 for https).
	let path = url.pathname.replace(/\/+$/, '');
	path = path.replace(DHIS2_SEGMENT, '');
	return `${url.protocol}//${url.host}${path}`;
}

export type ServerUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string; readonly suggestion?: string };

/** The non-throwing form, for input boxes that validate as the user types. */
export function checkServerUrl(input: string): ServerUrlCheck {
	try {
		return { ok: true, url: normaliseServerUrl(input) };
	} catch (error) {
		if (error instanceof ServerUrlError) {
			return error.suggestion === undefined
				? { ok: false, message: error.message }
				: { ok: false, message: error.message, suggestion: error.suggestion };
		}
		throw error;
	}
}

/** `localhost`, `127.0.0.0/8`, `::1`: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}

/** True when a password or key sent to `baseUrl` would cross the network unencrypted: warn first. */
export function sendsSecretsInClear(baseUrl: string): boolean {
	const url = new URL(baseUrl);
	return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

/** `{base}/api/{path}` with query parameters; `path` is relative to `/api`. */
export function apiUrl(baseUrl: string, path: string, query: Readonly<Record<string, string>> = {}): URL {
	const url = new URL(`${baseUrl}/api/${path.replace(/^\/+/, '')}`);
	for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
	return url;
}
