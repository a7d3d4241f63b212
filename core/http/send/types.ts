import { type InjectionDecision, type InjectionPolicy, type Confirmation } from '../inject';

/** A header as recorded: credentials masked (`ApiToken d2p_v3aW…9OZl`), every other value with keys redacted. */
export interface RecordedHeader {
	readonly name: string;
	readonly value: string;
}

export interface HopRequest {
	readonly method: string;
	/** As sent, with any DHIS2 key in it (e.g. `?api_token=`) masked. */
	readonly url: string;
	readonly headers: readonly RecordedHeader[];
	readonly bodyBytes: number;
	/** The body as text (keys masked), when it is text and at most 64 KiB; for the "request as sent" view. */
	readonly bodyText?: string;
}

export interface HopResponse {
	readonly status: number;
	readonly statusText: string;
	readonly headers: readonly RecordedHeader[];
}

/** What happened to credentials on one hop. */
export interface HopCredentials {
	/** The injected `Authorization: ApiToken …` went out on this hop. */
	readonly tokenSent: boolean;
	/** The injected token stopped at this hop (it is never sent again in this exchange). */
	readonly tokenDropped: boolean;
	/** Credential headers the file wrote itself (`Authorization`, `Cookie`, `Proxy-Authorization`) dropped at this hop. */
	readonly droppedHeaders: readonly string[];
	/** Why, for the exchange view ("dropped: the redirect goes from https to http"). */
	readonly explanation: string;
}

export interface HopTiming {
	/** Epoch ms when the hop started. */
	readonly startedAt: number;
	/** Until the status line and headers arrived. */
	readonly headersMs?: number;
	/** Until the body was read (or discarded, for a redirect that was followed). */
	readonly totalMs?: number;
}

export interface HttpHop {
	readonly index: number;
	readonly request: HopRequest;
	readonly credentials: HopCredentials;
	/** Absent when the hop failed before a response. */
	readonly response?: HopResponse;
	readonly timing: HopTiming;
	/** For a 301/302/303/307/308 with a Location. */
	readonly redirect?: { readonly location: string; readonly followed: boolean };
}

export type ResponseBody =
	| { readonly kind: 'memory'; readonly bytes: Uint8Array; readonly size: number }
	/** Larger than `maxInMemoryBytes`: streamed to a file only this user can read (0600). The caller deletes it. */
	| { readonly kind: 'file'; readonly path: string; readonly size: number };

export interface FinalResponse {
	readonly url: string;
	readonly status: number;
	readonly statusText: string;
	readonly headers: readonly RecordedHeader[];
	readonly contentType: string;
	readonly body: ResponseBody;
}

export interface HttpExchange {
	readonly name?: string;
	readonly decision: InjectionDecision;
	/** Every request that went out, in order; the last one answered `response`. */
	readonly hops: readonly HttpHop[];
	readonly response: FinalResponse;
	readonly redirects: number;
	/** `# @no-redirect` left a redirect unfollowed: `response` is the 3xx itself. */
	readonly stoppedAtRedirect: boolean;
	readonly timing: { readonly startedAt: number; readonly totalMs: number };
}

export interface SendProgress {
	readonly hop: number;
	/** Masked like the recorded URL. */
	readonly url: string;
	readonly phase: 'waiting' | 'receiving' | 'redirecting';
	readonly receivedBytes: number;
	/** From Content-Length, when the server sent one. */
	readonly totalBytes?: number;
}

export interface SendOptions {
	readonly injection: InjectionPolicy;
	/**
	 * Asked when the injection policy needs confirmations (plain http with a token, production writes,
	 * untrusted workspace). Absent, or answering false: nothing is sent and a `not-confirmed` error says why.
	 */
	readonly confirm?: (confirmations: readonly Confirmation[]) => boolean | Promise<boolean>;
	readonly signal?: AbortSignal;
	/** Per hop: connect + first byte, and then between chunks. `# @timeout` wins. Default 30 s. */
	readonly timeoutMs?: number;
	/** Extra trusted CA certificates (PEM), added to the built-in roots; verification is never switched off. */
	readonly caCertificates?: string | readonly string[];
	/** Larger bodies stream to a temporary file. Default 5 MB. */
	readonly maxInMemoryBytes?: number;
	/** Where large bodies go; default `os.tmpdir()`. */
	readonly tempDir?: string;
	readonly onProgress?: (progress: SendProgress) => void;
	/** Where proxy variables and NODE_EXTRA_CA_CERTS are read; default `process.env`. */
	readonly env?: Readonly<Record<string, string | undefined>>;
}

export const DEFAULT_MAX_IN_MEMORY_BYTES = 5 * 1024 * 1024;
export const DEFAULT_SEND_TIMEOUT_MS = 30_000;
export const MAX_REDIRECTS = 10;
