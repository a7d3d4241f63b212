/** RFC 9110's methods plus the WebDAV ones REST Client and httpYac accept. */
export const KNOWN_METHODS: readonly string[] = [
	'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH',
	'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK', 'SEARCH', 'REPORT', 'MKCALENDAR', 'ACL',
];

interface Word {
	readonly text: string;
	readonly start: number;
	readonly end: number;
}

/** Whitespace-separated words, where a `{{ … }}` counts as part of its word even with spaces inside. */
function words(text: string): Word[] {
	const found: Word[] = [];
	let index = 0;
	while (index < text.length) {
		while (index < text.length && /\s/.test(text[index] ?? '')) index++;
		if (index >= text.length) break;
		const start = index;
		while (index < text.length && !/\s/.test(text[index] ?? '')) {
			if (text.startsWith('{{', index)) {
				const close = text.indexOf('}}', index + 2);
				index = close < 0 ? text.length : close + 2;
			} else index++;
		}
		found.push({ text: text.slice(start, index), start, end: index });
	}
	return found;
}

export interface Span {
	readonly start: number;
	readonly end: number;
}

export interface RequestLineParts {
	readonly method: string;
	readonly methodSpan?: Span;
	readonly url: string;
	readonly urlSpan: Span;
	readonly httpVersion?: string;
	readonly problems: readonly (Span & { readonly message: string })[];
}

const VERSION = /^HTTP\/(?:1\.0|1\.1|2(?:\.0)?|3(?:\.0)?)$/;

/** `[METHOD ]URL[ HTTP/x.y]`, as JetBrains' spec and REST Client read it; offsets are into `text`. */
export function parseRequestLine(text: string): RequestLineParts {
	const problems: (Span & { message: string })[] = [];
	const parts = words(text);
	let httpVersion: string | undefined;
	const last = parts[parts.length - 1];
	if (parts.length >= 2 && last && /^HTTP\//i.test(last.text)) {
		parts.pop();
		if (VERSION.test(last.text)) httpVersion = last.text;
		else problems.push({ start: last.start, end: last.end, message: `Unknown HTTP version \`${last.text}\` (use HTTP/1.1, HTTP/2 or HTTP/3)` });
	}
	let method = 'GET';
	let methodSpan: Span | undefined;
	const first = parts[0];
	if (first && /^[A-Za-z]+$/.test(first.text) && (parts.length >= 2 || KNOWN_METHODS.includes(first.text.toUpperCase()))) {
		parts.shift();
		methodSpan = { start: first.start, end: first.end };
		method = first.text.toUpperCase();
		if (!KNOWN_METHODS.includes(method)) {
			problems.push({ ...methodSpan, message: `Unknown HTTP method \`${first.text}\` (expected one of ${KNOWN_METHODS.slice(0, 9).join(', ')}, …)` });
		}
	}
	const urlStart = parts[0]?.start ?? methodSpan?.end ?? text.length;
	const urlEnd = parts[parts.length - 1]?.end ?? urlStart;
	return { method, ...(methodSpan ? { methodSpan } : {}), url: text.slice(urlStart, urlEnd), urlSpan: { start: urlStart, end: urlEnd }, ...(httpVersion ? { httpVersion } : {}), problems };
}
