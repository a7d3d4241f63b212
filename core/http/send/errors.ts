import { CA_CERTIFICATES_SETTING } from '../../dhis2/client/requestContext';
import { transportError } from '../../dhis2/client/transportErrors';
import { redactTokens } from '../../redact';
import { type InjectionDecision } from '../inject';
import { maskUrl } from './mask';
import { type HttpHop } from './types';

export type HttpSendErrorKind =
	// Before anything is sent.
	| 'invalid-url'
	/** A header or method the file wrote that HTTP cannot carry (a line break, spaces in a name). */
	| 'invalid-request'
	| 'token-refused'
	| 'not-confirmed'
	| 'no-token'
	// Below HTTP.
	| 'dns'
	| 'unreachable'
	| 'tls'
	| 'proxy'
	| 'timeout'
	| 'cancelled'
	| 'not-http'
	| 'incomplete-body'
	// Redirects and local storage.
	| 'bad-redirect'
	| 'too-many-redirects'
	| 'body-file';

export interface HttpSendErrorDetails {
	readonly explanation: string;
	readonly nextStep: string;
	readonly url?: string;
	/** Node/undici code (`ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`, …), for support. */
	readonly code?: string;
	readonly hops?: readonly HttpHop[];
	readonly decision?: InjectionDecision;
}

/** Why a request could not be sent or finished. Every text passes `redactTokens`: no key can ride along. */
export class HttpSendError extends Error {
	override readonly name = 'HttpSendError';
	readonly kind: HttpSendErrorKind;
	readonly explanation: string;
	readonly nextStep: string;
	readonly url?: string;
	readonly code?: string;
	/** The hops that went out before the failure (masked, like an exchange's). */
	readonly hops: readonly HttpHop[];
	readonly decision?: InjectionDecision;

	constructor(kind: HttpSendErrorKind, details: HttpSendErrorDetails) {
		super(redactTokens(details.explanation));
		this.kind = kind;
		this.explanation = redactTokens(details.explanation);
		this.nextStep = redactTokens(details.nextStep);
		this.hops = details.hops ?? [];
		if (details.url !== undefined) this.url = maskUrl(details.url);
		if (details.code !== undefined) this.code = details.code;
		if (details.decision !== undefined) this.decision = details.decision;
	}

	get userMessage(): string {
		return `${this.explanation} ${this.nextStep}`;
	}

	toJSON(): Record<string, unknown> {
		return { name: this.name, kind: this.kind, explanation: this.explanation, nextStep: this.nextStep, url: this.url, code: this.code };
	}
}

export interface FailureContext {
	readonly url: URL;
	readonly timeoutMs: number;
	readonly caConfigured: boolean;
	readonly proxy?: string;
	readonly cancelled: boolean;
	readonly timedOut: boolean;
	/** Set once the status line arrived: a failure after it is a body cut short. */
	readonly receivedBytes?: number;
	readonly expectedBytes?: number;
	readonly hops: readonly HttpHop[];
	readonly decision?: InjectionDecision;
}

const NEXT_STEPS: Partial<Record<HttpSendErrorKind, string>> = {
	dns: 'Check the host name for typos; if the server is on a private network, connect to its VPN first.',
	unreachable: 'Check the address and port, and that the server is running.',
	'not-http': 'Check the scheme (http:// or https://) and the port, then try again.',
};

/** A failure below HTTP as a clear `HttpSendError`; the classification is the DHIS2 client's. */
export function sendFailure(error: unknown, context: FailureContext): HttpSendError {
	if (error instanceof HttpSendError) return error;
	const url = context.url.toString();
	const host = context.url.host;
	const base = { url, hops: context.hops, ...(context.decision === undefined ? {} : { decision: context.decision }) };
	if (context.cancelled) {
		return new HttpSendError('cancelled', { ...base, explanation: `The request to ${host} was cancelled.`, nextStep: 'Send it again when you are ready.' });
	}
	if (context.timedOut) {
		const seconds = Math.round(context.timeoutMs / 100) / 10;
		const phase = context.receivedBytes === undefined ? 'to answer' : context.receivedBytes < 0 ? 'to send the rest of its answer' : `to send the rest of its answer (${context.receivedBytes} bytes received)`;
		return new HttpSendError('timeout', {
			...base,
			explanation: `${host} took longer than ${seconds} s ${phase}.`,
			nextStep: 'Try again, or give the request more time with a "# @timeout <ms>" line above it.',
		});
	}
	const mapped = transportError(error, {
		operation: 'me',
		url: context.url,
		authKind: 'apiToken',
		timeoutMs: context.timeoutMs,
		caConfigured: context.caConfigured,
		...(context.proxy === undefined ? {} : { proxy: context.proxy }),
		cancelled: () => false,
	});
	const code = mapped.code === undefined ? {} : { code: mapped.code };
	if (context.receivedBytes !== undefined && mapped.kind !== 'timeout') {
		const expected = context.expectedBytes === undefined ? '' : ` of the ${context.expectedBytes} it announced`;
		const after = context.receivedBytes >= 0
			? `after ${context.receivedBytes} bytes${expected}`
			: context.expectedBytes === undefined ? 'before its end' : `before all ${context.expectedBytes} bytes it announced had arrived`;
		return new HttpSendError('incomplete-body', {
			...base,
			...code,
			explanation: `${host} closed the connection in the middle of its answer, ${after}.`,
			nextStep: 'The response is incomplete and was discarded; try again, and check the server\'s logs if it keeps happening.',
		});
	}
	if (mapped.kind === 'timeout') {
		const seconds = Math.round(context.timeoutMs / 100) / 10;
		return new HttpSendError('timeout', {
			...base,
			...code,
			explanation: context.receivedBytes === undefined
				? mapped.explanation
				: `${host} stopped sending its answer for longer than ${seconds} s${context.receivedBytes < 0 ? '' : ` (${context.receivedBytes} bytes received)`}.`,
			nextStep: 'Try again, or give the request more time with a "# @timeout <ms>" line above it.',
		});
	}
	const kind: HttpSendErrorKind = mapped.kind === 'dns' || mapped.kind === 'tls' || mapped.kind === 'proxy' || mapped.kind === 'not-http' || mapped.kind === 'cancelled'
		? mapped.kind
		: 'unreachable';
	const nextStep = kind === 'tls' && mapped.tlsProblem !== 'plain-http' && mapped.tlsProblem !== 'expired' && mapped.tlsProblem !== 'hostname-mismatch' && mapped.tlsProblem !== 'not-yet-valid'
		? (context.caConfigured
			? `The trusted CA certificates ("${CA_CERTIFICATES_SETTING}") do not cover this server: add the CA certificate (PEM) that signed it.`
			: `If the server uses a private or self-signed CA, add its certificate (PEM) to "${CA_CERTIFICATES_SETTING}" (or NODE_EXTRA_CA_CERTS for the CLI); certificate checks are never switched off.`)
		: NEXT_STEPS[kind] ?? mapped.nextStep;
	return new HttpSendError(kind, { ...base, ...code, explanation: mapped.explanation, nextStep });
}
