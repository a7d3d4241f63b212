import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { type Dispatcher } from 'undici';
import { undici } from './undici';
import { type Credentials, authorizationHeader } from './credentials';
import { Dhis2Error } from './errors';
import { type Environment, proxyFor, type ProxySettings, proxySettingsFrom } from './proxy';
import { CA_CERTIFICATES_SETTING, type Dhis2Operation, type RequestContext } from './requestContext';
import { transportError } from './transportErrors';
import { type ServerFeatures } from './version';

export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface HttpOptions {
	/** Connect, first-byte and between-chunks timeout, each. Default 30 s. */
	readonly timeoutMs?: number;
	/**
	 * Extra trusted CA certificates (PEM), added to Node's built-in roots — for servers behind a
	 * private or corporate CA. Certificate verification itself can never be switched off.
	 */
	readonly caCertificates?: string | readonly string[];
	/** Where proxy variables (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) are read. Default: `process.env`. */
	readonly env?: Environment;
	readonly userAgent?: string;
	readonly maxResponseBytes?: number;
	/** Called after every request; never given headers or bodies, so it is safe to log. */
	readonly trace?: (event: HttpTraceEvent) => void;
}

export interface HttpTraceEvent {
	readonly method: string;
	readonly url: string;
	readonly status?: number;
	readonly errorKind?: string;
	readonly durationMs: number;
}

export interface HttpRequest {
	readonly operation: Dhis2Operation;
	readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	readonly url: URL;
	readonly credentials: Credentials;
	readonly json?: unknown;
	/** Defaults to `application/json` when there is a body. */
	readonly contentType?: string;
	readonly signal?: AbortSignal;
	readonly features?: ServerFeatures;
}

export interface HttpResponse {
	readonly status: number;
	readonly contentType: string;
	readonly location?: string;
	readonly wwwAuthenticate?: string;
	readonly body: string;
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Node drops NODE_EXTRA_CA_CERTS when a `ca` list is given explicitly, so it is re-added by hand. */
function extraCaFromEnvironment(env: Environment): string[] {
	const file = env.NODE_EXTRA_CA_CERTS;
	if (file === undefined || file === '') return [];
	try {
		return readFileSync(file, 'utf8').match(PEM_CERTIFICATE) ?? [];
	} catch {
		return [];
	}
}

export function parseCaCertificates(input: string | readonly string[]): string[] {
	const texts = typeof input === 'string' ? [input] : input;
	const certificates = texts.flatMap((text) => text.match(PEM_CERTIFICATE) ?? []);
	if (texts.some((text) => text.trim() !== '') && certificates.length === 0) {
		throw new Dhis2Error('invalid-setting', {
			explanation: `The "${CA_CERTIFICATES_SETTING}" setting does not contain a PEM certificate.`,
			nextStep: 'Paste the CA certificate including its -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines.',
		});
	}
	return certificates;
}

/** An undici dispatcher with the extension's network policy, and what error messages need to know about it. */
export interface NetworkDispatcher {
	readonly dispatcher: Dispatcher;
	readonly timeoutMs: number;
	readonly proxies: ProxySettings;
	readonly caConfigured: boolean;
}

/**
 * Proxies from the environment, TLS verification always on (optionally trusting extra CAs), timeouts;
 * undici follows no redirects and keeps no cookies. Shared by the DHIS2 client and the `.http` sender.
 */
export function createNetworkDispatcher(options: Pick<HttpOptions, 'timeoutMs' | 'caCertificates' | 'env'> = {}): NetworkDispatcher {
	const env = options.env ?? process.env;
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const proxies = proxySettingsFrom(env);
	const custom = options.caCertificates === undefined ? [] : parseCaCertificates(options.caCertificates);
	const caConfigured = custom.length > 0;
	const tls = caConfigured
		? { ca: [...rootCertificates, ...extraCaFromEnvironment(env), ...custom], rejectUnauthorized: true }
		: { rejectUnauthorized: true };
	const dispatcher = new (undici().EnvHttpProxyAgent)({
		httpProxy: proxies.httpProxy,
		httpsProxy: proxies.httpsProxy,
		noProxy: proxies.noProxy,
		headersTimeout: timeoutMs,
		bodyTimeout: timeoutMs,
		connect: { ...tls, timeout: timeoutMs },
		// Through a proxy, the server's certificate is checked with the same trust.
		requestTls: tls,
		proxyTls: tls,
	});
	return { dispatcher, timeoutMs, proxies, caConfigured };
}

/**
 * One undici dispatcher with the extension's network policy: proxies from the environment, TLS
 * verification always on (optionally trusting extra CAs), timeouts, no redirects, no cookies.
 */
export class HttpTransport {
	private readonly dispatcher: Dispatcher;
	private readonly timeoutMs: number;
	private readonly proxies: ProxySettings;
	private readonly caConfigured: boolean;
	private readonly userAgent: string;
	private readonly maxResponseBytes: number;
	private readonly trace: ((event: HttpTraceEvent) => void) | undefined;

	constructor(options: HttpOptions = {}) {
		this.userAgent = options.userAgent ?? 'dhis2-pat';
		this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
		this.trace = options.trace;
		const network = createNetworkDispatcher(options);
		this.dispatcher = network.dispatcher;
		this.timeoutMs = network.timeoutMs;
		this.proxies = network.proxies;
		this.caConfigured = network.caConfigured;
	}

	contextFor(request: HttpRequest): RequestContext {
		const proxy = proxyFor(request.url, this.proxies);
		return {
			operation: request.operation,
			url: request.url,
			authKind: request.credentials.kind,
			...(request.credentials.kind === 'apiToken' ? { key: request.credentials.key } : {}),
			timeoutMs: this.timeoutMs,
			...(request.features === undefined ? {} : { features: request.features }),
			caConfigured: this.caConfigured,
			...(proxy === undefined ? {} : { proxy }),
			cancelled: () => request.signal?.aborted === true,
		};
	}

	/** Any HTTP status comes back as a response; only failures below HTTP throw (as `Dhis2Error`). */
	async send(req: HttpRequest): Promise<HttpResponse> {
		const context = this.contextFor(req);
		const started = Date.now();
		const headers: Record<string, string> = {
			accept: 'application/json',
			// Without it DHIS2 answers an unauthenticated call with a redirect to the login page.
			'x-requested-with': 'XMLHttpRequest',
			'user-agent': this.userAgent,
			authorization: authorizationHeader(req.credentials),
		};
		let body: string | undefined;
		if (req.json !== undefined) {
			body = JSON.stringify(req.json);
			headers['content-type'] = req.contentType ?? 'application/json';
		}
		try {
			if (req.signal?.aborted) throw req.signal.reason;
			const response = await undici().request(req.url, {
				method: req.method,
				headers,
				body,
				dispatcher: this.dispatcher,
				signal: req.signal,
			});
			const text = await this.readBody(response.body, context.url);
			const result: HttpResponse = {
				status: response.statusCode,
				contentType: headerOf(response.headers, 'content-type') ?? '',
				body: text,
				...optional('location', headerOf(response.headers, 'location')),
				...optional('wwwAuthenticate', headerOf(response.headers, 'www-authenticate')),
			};
			this.trace?.({ method: req.method, url: req.url.toString(), status: result.status, durationMs: Date.now() - started });
			return result;
		} catch (error) {
			const mapped = transportError(error, context);
			this.trace?.({ method: req.method, url: req.url.toString(), errorKind: mapped.kind, durationMs: Date.now() - started });
			throw mapped;
		}
	}

	private async readBody(body: AsyncIterable<Buffer> & { destroy(): unknown }, url: URL): Promise<string> {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of body) {
			size += chunk.length;
			if (size > this.maxResponseBytes) {
				body.destroy();
				throw new Dhis2Error('unexpected-response', {
					url: url.toString(),
					explanation: `${url.host} sent more than ${Math.round(this.maxResponseBytes / 1048576)} MiB in reply, far more than DHIS2 sends for this call.`,
					nextStep: 'Check the server address; something other than the DHIS2 API is answering.',
				});
			}
			chunks.push(chunk);
		}
		return Buffer.concat(chunks).toString('utf8');
	}

	async close(): Promise<void> {
		await this.dispatcher.close();
	}
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
	return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
