import { type ParsedRequest } from '../../core/http/model';
import { type HttpExchange, type HttpHop, type ResponseBody } from '../../core/http/send';
import {
	type BodyView, type ExplanationView, type HeaderView, type HopView, outcomeOf, type ResponseViewModel,
} from '../../core/protocol/responseView';
import { redactTokens } from '../../core/redact';

/** Images the page shows inline (as a `data:` URL, which its CSP allows for images only). */
const IMAGE_TYPES = /^image\/(?:png|jpeg|gif|webp|bmp|avif|x-icon|vnd\.microsoft\.icon|svg\+xml)$/;
const JSON_TYPE = /^(?:application|text)\/(?:[\w.-]+\+)?json$/;
const TEXT_TYPE = /^(?:text\/[\w.+-]+|application\/(?:(?:[\w.-]+\+)?xml|javascript|ecmascript|x-www-form-urlencoded|x-yaml|yaml|graphql|sql|csv))$/;
/** Bytes looked at to tell text from binary when the server named no type. */
const SNIFF_BYTES = 8192;

export function mediaTypeOf(contentType: string): string {
	return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function charsetOf(contentType: string): string {
	return /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';
}

/** Text in the declared charset; `undefined` when it is not text in it (or the charset is unknown). */
function decode(bytes: Uint8Array, contentType: string, strict: boolean): string | undefined {
	try {
		return new TextDecoder(charsetOf(contentType), { fatal: strict }).decode(bytes);
	} catch {
		if (!strict) return new TextDecoder('utf-8').decode(bytes);
		return undefined;
	}
}

function looksBinary(bytes: Uint8Array): boolean {
	const end = Math.min(bytes.length, SNIFF_BYTES);
	for (let index = 0; index < end; index++) if (bytes[index] === 0) return true;
	return false;
}

function textView(kind: 'json' | 'text', text: string): BodyView {
	const shown = redactTokens(text);
	return { kind, text: shown, masked: shown !== text };
}

/**
 * How the page shows a body. Text is decoded here (the page gets no bytes) and every DHIS2 key in
 * it masked: a response can echo a key (a token-creation call does), and the view is not where a
 * key belongs. Save Body writes the bytes as received.
 */
export function bodyView(body: ResponseBody, contentType: string, limitBytes: number): BodyView {
	if (body.kind === 'file') return { kind: 'file', size: body.size, limitBytes };
	const { bytes } = body;
	if (bytes.length === 0) return { kind: 'empty' };
	const type = mediaTypeOf(contentType);
	if (IMAGE_TYPES.test(type)) return { kind: 'image', mime: type, base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), size: bytes.length };
	if (JSON_TYPE.test(type)) return textView('json', decode(bytes, contentType, false) ?? '');
	if (TEXT_TYPE.test(type)) return textView('text', decode(bytes, contentType, false) ?? '');
	if (type === '' || type === 'application/octet-stream') {
		const text = looksBinary(bytes) ? undefined : decode(bytes, contentType, true);
		if (text !== undefined) return textView(/^\s*[[{]/.test(text) ? 'json' : 'text', text);
	}
	return { kind: 'binary', size: bytes.length, contentType: type };
}

function hopView(hop: HttpHop): HopView {
	return {
		index: hop.index,
		method: hop.request.method,
		url: hop.request.url,
		headers: hop.request.headers.map(({ name, value }) => ({ name, value })),
		bodyBytes: hop.request.bodyBytes,
		...(hop.request.bodyText === undefined ? {} : { bodyText: redactTokens(hop.request.bodyText) }),
		...(hop.response ? { status: hop.response.status, statusText: hop.response.statusText } : {}),
		tokenSent: hop.credentials.tokenSent,
		tokenDropped: hop.credentials.tokenDropped,
		credentials: hop.credentials.explanation,
		...(hop.redirect ? { redirect: { location: hop.redirect.location, followed: hop.redirect.followed } } : {}),
		...(hop.timing.totalMs === undefined ? {} : { timeMs: hop.timing.totalMs }),
	};
}

/** `GET /api/me` (path and query only: the host is in the URL line below it). */
export function requestTitle(method: string, url: string, name?: string): string {
	if (name !== undefined && name !== '') return name;
	try {
		const parsed = new URL(url);
		return `${method} ${parsed.pathname}${parsed.search}`;
	} catch {
		return `${method} ${url}`;
	}
}

/**
 * `GET /api/me` from what the file wrote: templates, not values, so nothing resolved reaches a
 * title, and a key written into the file itself is masked.
 */
export function writtenTitle(request: ParsedRequest): string {
	if (request.name !== undefined) return redactTokens(request.name);
	const url = request.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
	return redactTokens(`${request.method} ${url === '' ? request.url : url}`);
}

export interface ResponseModelOptions {
	readonly viewId: number;
	readonly limitBytes: number;
	readonly environment?: string;
	readonly explanation?: ExplanationView;
	readonly canSendAgain: boolean;
	readonly canSaveBody?: boolean;
}

/** Everything the response page shows, from an exchange whose records the sender has already masked. */
export function responseViewModel(exchange: HttpExchange, options: ResponseModelOptions): ResponseViewModel {
	const first = exchange.hops[0];
	const { response } = exchange;
	const headers: HeaderView[] = response.headers.map(({ name, value }) => ({ name, value }));
	return {
		viewId: options.viewId,
		title: requestTitle(first?.request.method ?? '', first?.request.url ?? response.url, exchange.name),
		method: first?.request.method ?? '',
		url: first?.request.url ?? response.url,
		finalUrl: response.url,
		status: response.status,
		statusText: response.statusText,
		outcome: outcomeOf(response.status),
		timeMs: exchange.timing.totalMs,
		size: response.body.size,
		contentType: response.contentType,
		headers,
		body: bodyView(response.body, response.contentType, options.limitBytes),
		hops: exchange.hops.map(hopView),
		injection: exchange.decision.explanation,
		...(options.environment === undefined ? {} : { environment: options.environment }),
		...(options.explanation === undefined ? {} : { explanation: options.explanation }),
		receivedAt: exchange.timing.startedAt + exchange.timing.totalMs,
		canSaveBody: options.canSaveBody ?? true,
		canSendAgain: options.canSendAgain,
	};
}
