import { type IncomingMessage } from 'node:http';
import { type RequestFacts } from './attributes';

/** The first occurrence of a header as sent (servlet `getHeader`), not Node's comma-joined merge. */
export function firstHeader(req: IncomingMessage, name: string): string | undefined {
	const lower = name.toLowerCase();
	for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
		if (req.rawHeaders[i]?.toLowerCase() === lower) return req.rawHeaders[i + 1];
	}
	return undefined;
}

/** The socket address as a Java container reports an IPv4 client (no `::ffff:` mapping prefix). */
export function socketAddress(req: IncomingMessage): string {
	const address = req.socket.remoteAddress ?? '';
	return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/**
 * What the token's request constraints see (spec §5): the *whole* raw `X-Forwarded-For` value when
 * the header is present (`"1.2.3.4, 10.0.0.1"` stays one string), the lower-cased `Referer`, the method.
 */
export function requestFacts(req: IncomingMessage): RequestFacts {
	return {
		clientIp: firstHeader(req, 'X-Forwarded-For') ?? socketAddress(req),
		referrer: firstHeader(req, 'Referer')?.toLowerCase(),
		method: req.method ?? 'GET',
	};
}
