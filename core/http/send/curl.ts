import { redactTokens } from '../../redact';
import { scanText } from '../../scan/scanner';
import { type ResolvedRequest } from '../model';
import { type HttpExchange } from './types';

/** The variable a copied command reads the key from: the key itself is never written out. */
export const CURL_TOKEN_VARIABLE = 'DHIS2_TOKEN';

/** Stands in for a body that is not text (or too large to have been recorded). */
export const CURL_BODY_FILE = 'request-body.bin';

type Piece = string | { readonly variable: string };

function singleQuoted(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}

function doubleQuoted(pieces: readonly Piece[]): string {
	const escaped = pieces.map((piece) => (typeof piece === 'string' ? piece.replace(/[\\"$`]/g, (c) => `\\${c}`) : `\${${piece.variable}}`));
	return `"${escaped.join('')}"`;
}

/** Every checksum-valid key in `value` becomes `$DHIS2_TOKEN`; anything key-shaped left is masked. */
function withTokenVariable(value: string): Piece[] {
	const findings = scanText(value, { includeLookalikes: false, honourInlineIgnores: false });
	const pieces: Piece[] = [];
	let last = 0;
	for (const finding of findings) {
		pieces.push(redactTokens(value.slice(last, finding.start)), { variable: CURL_TOKEN_VARIABLE });
		last = finding.end;
	}
	pieces.push(redactTokens(value.slice(last)));
	return pieces.filter((piece) => piece !== '');
}

/** Single quotes unless a key had to become the variable, which only double quotes expand. */
function quoted(text: string): string {
	const pieces = withTokenVariable(text);
	const plain = pieces.filter((piece): piece is string => typeof piece === 'string');
	return plain.length === pieces.length ? singleQuoted(plain.join('')) : doubleQuoted(pieces);
}

function quotedHeader(name: string, value: string): string {
	return quoted(`${name}: ${value}`);
}

function quotedUrl(url: string): string {
	return quoted(url);
}

const TOKEN_HEADER = doubleQuoted(['Authorization: ApiToken ', { variable: CURL_TOKEN_VARIABLE }]);

function assemble(method: string, url: string, headers: readonly string[], body: string | undefined, follow: boolean): string {
	const parts = ['curl'];
	if (follow) parts.push('--location');
	if (method === 'HEAD') parts.push('--head');
	else if (method !== 'GET' || body !== undefined) parts.push('-X', method);
	parts.push(url);
	for (const header of headers) parts.push('-H', header);
	if (body !== undefined) parts.push('--data-binary', body);
	return parts.join(' ');
}

function isExchange(input: HttpExchange | ResolvedRequest): input is HttpExchange {
	return 'hops' in input;
}

/**
 * A `curl` command line for a request or an exchange's first hop. An injected token (or a key the
 * file wrote itself) appears as `${DHIS2_TOKEN}`, never as the key; other credentials of an exchange
 * stay masked, as recorded. POSIX shell quoting.
 */
export function toCurl(input: HttpExchange | ResolvedRequest, options: { readonly injectToken?: boolean } = {}): string {
	if (isExchange(input)) {
		const first = input.hops[0];
		if (!first) return 'curl';
		const headers = first.request.headers.map(({ name, value }) =>
			name.toLowerCase() === 'authorization' && first.credentials.tokenSent ? TOKEN_HEADER : quotedHeader(name, value),
		);
		const body = first.request.bodyText !== undefined ? singleQuoted(first.request.bodyText) : first.request.bodyBytes > 0 ? `@${CURL_BODY_FILE}` : undefined;
		return assemble(first.request.method, quotedUrl(first.request.url), headers, body, input.redirects > 0);
	}
	const headers = input.headers.map(({ name, value }) => quotedHeader(name, value));
	if (input.wantsDhis2Token || options.injectToken === true) headers.push(TOKEN_HEADER);
	let body: string | undefined;
	if (typeof input.body === 'string') body = singleQuoted(redactTokens(input.body));
	else if (input.body !== undefined) body = `@${CURL_BODY_FILE}`;
	return assemble(input.method, quotedUrl(input.url), headers, body, !input.directives.noRedirect);
}
