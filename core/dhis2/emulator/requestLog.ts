import { type IncomingMessage } from 'node:http';
import { mask } from '../../token';
import { socketAddress } from './clientFacts';

/** What reached the server, for tests of other components; secrets are masked before they are kept. */
export interface RequestLogEntry {
	readonly method: string;
	/** Path without the query. */
	readonly path: string;
	/** The query string including `?` (empty if none), `api_token` values masked. */
	readonly query: string;
	/** Lower-case names; `authorization` reduced to its scheme and a masked token. */
	readonly headers: Readonly<Record<string, string>>;
	readonly remoteAddress: string;
	/** Set when the response has been sent. */
	status?: number;
}

const HIDDEN = '********';

export function maskAuthorization(value: string): string {
	const match = /^(\S+)\s+(.*)$/.exec(value.trim());
	if (!match) return HIDDEN;
	const [, scheme = '', credentials = ''] = match;
	return scheme.toLowerCase() === 'apitoken' ? `${scheme} ${mask(credentials)}` : `${scheme} ${HIDDEN}`;
}

export function recordRequest(req: IncomingMessage): RequestLogEntry {
	const url = new URL(req.url ?? '/', 'http://emulator.invalid');
	const tokens = url.searchParams.getAll('api_token');
	if (tokens.length > 0) {
		url.searchParams.delete('api_token');
		for (const token of tokens) url.searchParams.append('api_token', mask(token));
	}
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		const text = Array.isArray(value) ? value.join(', ') : value;
		headers[name] = name === 'authorization' || name === 'proxy-authorization' || name === 'cookie' ? maskAuthorization(text) : text;
	}
	return { method: req.method ?? 'GET', path: url.pathname, query: url.search, headers, remoteAddress: socketAddress(req) };
}
