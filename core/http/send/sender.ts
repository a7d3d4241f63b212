import { type Dispatcher } from 'undici';
import { undici } from '../../dhis2/client/undici';
import { createNetworkDispatcher, type NetworkDispatcher } from '../../dhis2/client/http';
import { proxyFor } from '../../dhis2/client/proxy';
import { redactTokens } from '../../redact';
import { mask } from '../../token';
import { type InjectionDecision, decideInjection, scopeOf, type ServerScope } from '../inject';
import { type ResolvedRequest } from '../model';
import { type BodyProgress, readResponseBody } from './body';
import { HttpSendError, sendFailure } from './errors';
import { CREDENTIAL_HEADERS, maskHeaders, maskUrl, recordResponseHeaders } from './mask';
import { carryCredentials, type CredentialState, isBodyHeader, methodAfterRedirect, REDIRECT_STATUSES } from './redirect';
import {
	DEFAULT_MAX_IN_MEMORY_BYTES, DEFAULT_SEND_TIMEOUT_MS, type HopCredentials, type HopRequest, type HopResponse, type HttpExchange,
	type HttpHop, MAX_REDIRECTS, type RecordedHeader, type SendOptions,
} from './types';

type Header = { readonly name: string; readonly value: string };
type Body = Uint8Array | string | undefined;

export interface SenderOptions {
	readonly caCertificates?: string | readonly string[];
	readonly env?: Readonly<Record<string, string | undefined>>;
	/** Default per-hop timeout; a request's `# @timeout` or `SendOptions.timeoutMs` wins. */
	readonly timeoutMs?: number;
	readonly userAgent?: string;
}

const TOKEN_CHARS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const RECORDED_BODY_LIMIT = 64 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function invalidRequest(explanation: string, nextStep: string, decision?: InjectionDecision): HttpSendError {
	return new HttpSendError('invalid-url', { explanation, nextStep, ...(decision ? { decision } : {}) });
}

/** The request URL, or a clear error for what the file wrote instead. */
export function parseRequestUrl(text: string): URL {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		throw invalidRequest(
			`"${maskUrl(text)}" is not a valid URL.`,
			/^[a-z][a-z0-9+.-]*:/i.test(text.trim()) ? 'Check the URL for typos and unescaped spaces.' : 'Write the full URL, starting with https:// (or http://), or define a {{host}}-style variable for it.',
		);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw invalidRequest(`Only http:// and https:// URLs can be sent, not ${url.protocol}// ("${maskUrl(url)}").`, 'Use an http:// or https:// URL.');
	}
	if (url.hostname === '') throw invalidRequest(`"${maskUrl(url)}" has no host name.`, 'Write the full URL, e.g. https://play.dhis2.org/40/api/me.');
	return url;
}

function checkHeaders(headers: readonly Header[]): void {
	for (const { name, value } of headers) {
		if (!TOKEN_CHARS.test(name)) {
			throw new HttpSendError('invalid-request', { explanation: `"${name}" is not a valid header name.`, nextStep: 'Header lines are "Name: value"; names are letters, digits and - only.' });
		}
		if (/[\r\n\0]/.test(value)) {
			throw new HttpSendError('invalid-request', { explanation: `The value of header "${name}" contains a line break.`, nextStep: 'Header values must fit on one line.' });
		}
	}
}

function recordedBodyText(body: Body): string | undefined {
	if (body === undefined) return undefined;
	if (typeof body === 'string') return body.length <= RECORDED_BODY_LIMIT ? redactTokens(body) : undefined;
	if (body.byteLength > RECORDED_BODY_LIMIT) return undefined;
	try {
		return redactTokens(strictUtf8.decode(body));
	} catch {
		return undefined;
	}
}

function byteLength(body: Body): number {
	return body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

function contentLengthOf(headers: Record<string, string | string[] | undefined>): number | undefined {
	const value = headers['content-length'];
	const text = Array.isArray(value) ? value[0] : value;
	return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Sends `.http` requests over one undici dispatcher (keep-alive, proxies from the environment, TLS
 * always verified). Follows redirects itself so it decides, hop by hop, which credentials travel.
 */
export class HttpSender {
	private readonly network: NetworkDispatcher;
	private readonly userAgent: string;

	constructor(options: SenderOptions = {}) {
		this.network = createNetworkDispatcher({
			timeoutMs: options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS,
			...(options.caCertificates === undefined ? {} : { caCertificates: options.caCertificates }),
			...(options.env === undefined ? {} : { env: options.env }),
		});
		this.userAgent = options.userAgent ?? 'dhis2-pat';
	}

	get dispatcher(): Dispatcher {
		return this.network.dispatcher;
	}

	async close(): Promise<void> {
		await this.network.dispatcher.close();
	}

	async send(request: ResolvedRequest, options: Omit<SendOptions, 'caCertificates' | 'env'>): Promise<HttpExchange> {
		const startedAt = Date.now();
		const timeoutMs = request.directives.timeoutMs ?? options.timeoutMs ?? this.network.timeoutMs;
		const firstUrl = parseRequestUrl(request.url);
		if (!TOKEN_CHARS.test(request.method)) {
			throw new HttpSendError('invalid-request', { nextStep: 'Start the request line with a method such as GET or POST.', explanation: `"${request.method}" is not a valid HTTP method.` });
		}
		checkHeaders(request.headers);

		const decision = decideInjection(request, options.injection, firstUrl);
		if (decision.verdict === 'refuse') {
			throw new HttpSendError('token-refused', { url: request.url, decision, explanation: decision.explanation, nextStep: 'Nothing was sent.' });
		}
		if (decision.confirmations.length > 0) {
			const confirmed = options.confirm ? await options.confirm(decision.confirmations) : false;
			if (!confirmed) {
				throw new HttpSendError('not-confirmed', {
					url: request.url,
					decision,
					explanation: decision.confirmations.map((confirmation) => confirmation.message).join(' '),
					nextStep: 'Nothing was sent: this request needs a confirmation first.',
				});
			}
		}
		const source = decision.injects && decision.server ? options.injection.servers[decision.server.index]?.token : undefined;
		const key = source ? checkedKey(await source(), request, decision) : undefined;
		const scope = decision.server ? scopeOf(decision.server.baseUrl) : undefined;
		return await this.follow(request, options, { decision, key, scope, firstUrl, timeoutMs, startedAt });
	}



	private async follow(
		request: ResolvedRequest,
		options: Omit<SendOptions, 'caCertificates' | 'env'>,
		run: { decision: InjectionDecision; key: string | undefined; scope: ServerScope | undefined; firstUrl: URL; timeoutMs: number; startedAt: number },
	): Promise<HttpExchange> {
		const { key, scope, firstUrl, timeoutMs } = run;
		const hops: HttpHop[] = [];
		let url = firstUrl;
		let method = request.method;
		let body: Body = request.body;
		let headers: readonly Header[] = request.headers;
		let maskedHeaders: RecordedHeader[] | undefined;
		let maskedAuthorization: string | undefined;
		const hasUserAgent = headers.some((header) => header.name.toLowerCase() === 'user-agent');
		let state: CredentialState = { tokenActive: key !== undefined, userCredentialsActive: true };
		let credentials: HopCredentials = {
			tokenSent: key !== undefined,
			tokenDropped: false,
			droppedHeaders: [],
			explanation: key === undefined && run.decision.injects ? `${run.decision.explanation} No key was available, so it went without one.` : run.decision.explanation,
		};

		for (let index = 0; ; index++) {
			if (options.signal?.aborted) {
				throw new HttpSendError('cancelled', { url: url.toString(), hops, explanation: `The request to ${url.host} was cancelled.`, nextStep: 'Send it again when you are ready.' });
			}
			const sent: Header[] = [...headers];
			// Masked once per header set (they only change at a redirect), not once per hop.
			if (maskedHeaders === undefined) maskedHeaders = maskHeaders(headers);
			const recordedHeaders: RecordedHeader[] = [...maskedHeaders];
			if (!hasUserAgent) {
				sent.push({ name: 'User-Agent', value: this.userAgent });
				recordedHeaders.push({ name: 'User-Agent', value: this.userAgent });
			}
			if (state.tokenActive && key !== undefined) {
				sent.push({ name: 'Authorization', value: `ApiToken ${key}` });
				recordedHeaders.push({ name: 'Authorization', value: maskedAuthorization ??= `ApiToken ${mask(key)}` });
			}
			const hopRequest: HopRequest = { method, url: maskUrl(url), headers: recordedHeaders, bodyBytes: byteLength(body), bodyText: recordedBodyText(body) };
			const hopStarted = Date.now();
			const hopCredentials = credentials;
			// Hop records are built as plain literals: this runs for every request, and spreads cost more than the rest.
			const record = (headersAt: number | undefined, finishedAt: number | undefined, response: HopResponse | undefined, redirect?: HttpHop['redirect']): HttpHop => ({
				index,
				request: hopRequest,
				credentials: hopCredentials,
				response,
				timing: {
					startedAt: hopStarted,
					headersMs: headersAt === undefined ? undefined : headersAt - hopStarted,
					totalMs: finishedAt === undefined ? undefined : finishedAt - hopStarted,
				},
				redirect,
			});
			options.onProgress?.({ hop: index, url: hopRequest.url, phase: 'waiting', receivedBytes: 0 });

			// A timeout shorter than the dispatcher's must also bound connecting, which undici times with the
			// dispatcher's own setting: a timer of our own covers connect + headers then. Otherwise undici's
			// connect and headers timeouts do, and the hot path creates neither timer nor controller.
			let timedOut = false;
			let timer: NodeJS.Timeout | undefined;
			let signal = options.signal;
			let onAbort: (() => void) | undefined;
			if (timeoutMs < this.network.timeoutMs) {
				const controller = new AbortController();
				const outer = options.signal;
				if (outer) {
					onAbort = () => controller.abort(outer.reason);
					outer.addEventListener('abort', onAbort, { once: true });
				}
				timer = setTimeout(() => {
					timedOut = true;
					controller.abort();
				}, timeoutMs);
				signal = controller.signal;
			}
			const progress: BodyProgress = { receivedBytes: 0 };
			let headersAt: number | undefined;
			let expectedBytes: number | undefined;
			try {
				const flat: string[] = [];
				for (const { name, value } of sent) flat.push(name, value);
				const response = await undici().request(url, {
					method,
					headers: flat,
					body: body === undefined || body === '' ? null : body,
					dispatcher: this.network.dispatcher,
					signal,
					headersTimeout: timeoutMs,
					bodyTimeout: timeoutMs,
				});
				headersAt = Date.now();
				if (timer !== undefined) clearTimeout(timer);
				timer = undefined;
				expectedBytes = contentLengthOf(response.headers);
				const hopResponse: HopResponse = { status: response.statusCode, statusText: response.statusText, headers: recordResponseHeaders(response.headers) };
				const location = headerValue(response.headers, 'location');
				const isRedirect = location !== undefined && REDIRECT_STATUSES.has(response.statusCode);

				if (isRedirect && !request.directives.noRedirect) {
					const next = this.redirectTarget(location, url, hops, record(headersAt, undefined, hopResponse));
					await response.body.dump({ limit: 1024 * 1024 }).catch(() => undefined);
					hops.push(record(headersAt, Date.now(), hopResponse, { location: maskUrl(next), followed: true }));
					if (index >= MAX_REDIRECTS) {
						throw new HttpSendError('too-many-redirects', {
							url: url.toString(),
							hops,
							explanation: `${firstUrl.host} redirected more than ${MAX_REDIRECTS} times (last to ${maskUrl(next)}).`,
							nextStep: 'The server is probably redirecting in a loop; check the URL, or add "# @no-redirect" to see the first answer.',
						});
					}
					options.onProgress?.({ hop: index, url: maskUrl(next), phase: 'redirecting', receivedBytes: 0 });
					const carry = carryCredentials(state, scope, firstUrl, url, next);
					const after = methodAfterRedirect(response.statusCode, method);
					const dropped: string[] = [];
					const from = url;
					headers = headers.filter((header) => {
						const lower = header.name.toLowerCase();
						if (carry.userCredentialsDropped && CREDENTIAL_HEADERS.has(lower)) {
							dropped.push(header.name);
							return false;
						}
						// A Host written for the first origin would misroute the next one.
						if (lower === 'host' && next.origin !== from.origin) return false;
						return after.keepBody || !isBodyHeader(lower);
					});
					if (!after.keepBody) body = undefined;
					maskedHeaders = undefined;
					credentials = {
						tokenSent: carry.tokenActive,
						tokenDropped: carry.tokenDropped,
						droppedHeaders: dropped,
						explanation: hopExplanation(carry, key !== undefined, dropped, run.decision),
					};
					state = carry;
					method = after.method;
					url = next;
					continue;
				}

				const contentType = headerValue(response.headers, 'content-type') ?? '';
				const onProgress = options.onProgress;
				onProgress?.({ hop: index, url: hopRequest.url, phase: 'receiving', receivedBytes: 0, totalBytes: expectedBytes });
				const responseBody = await readResponseBody(
					response.body,
					{
						maxInMemoryBytes: options.maxInMemoryBytes ?? DEFAULT_MAX_IN_MEMORY_BYTES,
						contentType,
						tempDir: options.tempDir,
						expectedBytes,
						onChunk: onProgress && ((receivedBytes: number) => onProgress({ hop: index, url: hopRequest.url, phase: 'receiving', receivedBytes, totalBytes: expectedBytes })),
					},
					progress,
				);
				const finishedAt = Date.now();
				hops.push(record(headersAt, finishedAt, hopResponse, isRedirect ? { location: maskUrl(new URL(location, url)), followed: false } : undefined));
				return {
					name: request.name,
					decision: run.decision,
					hops,
					response: { url: hopRequest.url, status: response.statusCode, statusText: hopResponse.statusText, headers: hopResponse.headers, contentType, body: responseBody },
					redirects: index,
					stoppedAtRedirect: isRedirect,
					timing: { startedAt: run.startedAt, totalMs: finishedAt - run.startedAt },
				};
			} catch (error) {
				throw sendFailure(error, {
					url,
					timeoutMs,
					caConfigured: this.network.caConfigured,
					proxy: proxyFor(url, this.network.proxies),
					cancelled: options.signal?.aborted === true,
					timedOut,
					receivedBytes: headersAt === undefined ? undefined : progress.receivedBytes,
					expectedBytes,
					hops: [...hops, record(headersAt, undefined, undefined)],
					decision: run.decision,
				});
			} finally {
				if (timer !== undefined) clearTimeout(timer);
				if (onAbort) options.signal?.removeEventListener('abort', onAbort);
			}
		}
	}

	private redirectTarget(location: string, from: URL, hops: readonly HttpHop[], hop: HttpHop): URL {
		let next: URL;
		try {
			next = new URL(location, from);
		} catch {
			throw new HttpSendError('bad-redirect', {
				url: from.toString(),
				hops: [...hops, hop],
				explanation: `${from.host} redirected to "${redactTokens(location)}", which is not a valid URL.`,
				nextStep: 'Add "# @no-redirect" above the request to see the redirect itself.',
			});
		}
		if (next.protocol !== 'http:' && next.protocol !== 'https:') {
			throw new HttpSendError('bad-redirect', {
				url: from.toString(),
				hops: [...hops, hop],
				explanation: `${from.host} redirected to a ${next.protocol}// URL, which is not followed.`,
				nextStep: 'Add "# @no-redirect" above the request to see the redirect itself.',
			});
		}
		return next;
	}
}

/** The key as sent: trimmed, printable ASCII only (anything else could split the header). */
function checkedKey(raw: string | undefined, request: ResolvedRequest, decision: InjectionDecision): string | undefined {
	const server = decision.server;
	const key = raw?.trim();
	if (key !== undefined && key !== '' && !/^[\x21-\x7e]+$/.test(key)) {
		throw new HttpSendError('no-token', {
			url: request.url,
			decision,
			explanation: `The token stored for ${server?.label ?? 'this server'} is not a valid key (it contains spaces or control characters).`,
			nextStep: 'Store the key again; nothing was sent.',
		});
	}
	if ((key === undefined || key === '') && request.wantsDhis2Token) {
		throw new HttpSendError('no-token', {
			url: request.url,
			decision,
			explanation: `The file asks for the DHIS2 token, but no token is available for ${server?.label ?? 'this server'}.`,
			nextStep: 'Choose a token for the server (or set DHIS2_TOKEN for the CLI); nothing was sent.',
		});
	}
	return key === '' ? undefined : key;
}

function hopExplanation(carry: ReturnType<typeof carryCredentials>, injected: boolean, dropped: readonly string[], decision: InjectionDecision): string {
	const parts: string[] = [];
	if (carry.tokenDropped) parts.push(`Token dropped: ${carry.reason}.`);
	else if (carry.tokenActive) parts.push(`Token kept: the redirect stays under ${decision.server?.baseUrl ?? 'the same server'}.`);
	else if (injected) parts.push('No token: it was dropped at an earlier redirect and is never sent again.');
	else parts.push('No token.');
	if (dropped.length > 0) parts.push(`Dropped the request's own ${dropped.join(', ')}: ${carry.reason}.`);
	return parts.join(' ');
}

const sharedSenders = new Map<string, HttpSender>();

/**
 * Sends one resolved request under the injection policy. Senders (and their keep-alive connections)
 * are shared per CA configuration; pass `env` for a one-off sender with other proxy variables.
 */
export async function sendRequest(request: ResolvedRequest, options: SendOptions): Promise<HttpExchange> {
	if (options.env !== undefined) {
		const sender = new HttpSender({ env: options.env, ...(options.caCertificates === undefined ? {} : { caCertificates: options.caCertificates }) });
		try {
			return await sender.send(request, options);
		} finally {
			await sender.close();
		}
	}
	const cacheKey = JSON.stringify(options.caCertificates ?? null);
	let sender = sharedSenders.get(cacheKey);
	if (!sender) {
		sender = new HttpSender(options.caCertificates === undefined ? {} : { caCertificates: options.caCertificates });
		sharedSenders.set(cacheKey, sender);
	}
	return sender.send(request, options);
}

/** Closes the shared senders' connections (tests, CLI exit). */
export async function closeSharedSenders(): Promise<void> {
	const senders = [...sharedSenders.values()];
	sharedSenders.clear();
	await Promise.all(senders.map((sender) => sender.close()));
}
