import { CURL_TOKEN_VARIABLE, type HttpExchange, toCurl } from '../../core/http/send';
import { mediaTypeOf } from './responseModel';

export interface CurlText {
	readonly text: string;
	/** The command reads the key from `$DHIS2_TOKEN`: say so when it is copied. */
	readonly usesToken: boolean;
}

/** The first request of an exchange as a `curl` command: the key is `${DHIS2_TOKEN}`, never itself. */
export function curlForClipboard(exchange: HttpExchange): CurlText {
	const text = toCurl(exchange);
	return { text, usesToken: text.includes(`\${${CURL_TOKEN_VARIABLE}}`) };
}

export function curlCopiedMessage(curl: CurlText): string {
	return curl.usesToken
		? `Copied as cURL. It reads the key from $${CURL_TOKEN_VARIABLE}: set that variable first (DHIS2: Copy Token Key gives you the key).`
		: 'Copied as cURL.';
}

const EXTENSIONS: readonly [RegExp, string][] = [
	[/[/+]json$/, 'json'],
	[/^text\/html$/, 'html'],
	[/[/+]xml$/, 'xml'],
	[/^text\/csv$/, 'csv'],
	[/^text\/plain$/, 'txt'],
	[/^image\/png$/, 'png'],
	[/^image\/jpeg$/, 'jpg'],
	[/^image\/gif$/, 'gif'],
	[/^image\/svg\+xml$/, 'svg'],
	[/^image\/webp$/, 'webp'],
	[/^application\/pdf$/, 'pdf'],
	[/^application\/zip$/, 'zip'],
	[/^application\/(?:gzip|x-gzip)$/, 'gz'],
];

/** Only characters every file system accepts; no path separators, no leading dots. */
function safeName(name: string): string {
	return name.replace(/[^\p{L}\p{N}_.()+-]+/gu, '_').replace(/^[._]+/, '').slice(0, 120);
}

function dispositionName(value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(value)?.[1];
	if (extended !== undefined) {
		try {
			return decodeURIComponent(extended.trim());
		} catch {
			// Fall back to the plain parameter.
		}
	}
	return /filename\s*=\s*"?([^";]+)"?/i.exec(value)?.[1]?.trim();
}

/**
 * A file name for Save Body: the server's `Content-Disposition` name, else the last segment of the
 * URL path with an extension from the content type (`dataElements.json`), else `response.<ext>`.
 */
export function suggestedFileName(url: string, contentType: string, contentDisposition?: string): string {
	const type = mediaTypeOf(contentType);
	const extension = EXTENSIONS.find(([pattern]) => pattern.test(type))?.[1] ?? 'bin';
	const fromServer = safeName(dispositionName(contentDisposition) ?? '');
	if (fromServer !== '') return fromServer;
	let segment: string;
	try {
		segment = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? '');
	} catch {
		segment = '';
	}
	const base = safeName(segment) || 'response';
	return /\.\w{1,5}$/.test(base) ? base : `${base}.${extension}`;
}
