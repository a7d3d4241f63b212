import { redactTokens } from '../../redact';

/**
 * Every way a DHIS2 call can fail, as the user needs to tell them apart. Each kind comes with an
 * explanation ("what happened") and a next step ("what to do"), written for the person at the
 * keyboard rather than for a log.
 */
export type Dhis2ErrorKind =
	// Configuration, before anything is sent.
	| 'invalid-setting'
	// On this machine: VS Code's secret storage (the OS keychain) refused to save or remove a key.
	| 'secret-storage'
	// Network and transport.
	| 'unreachable'
	| 'dns'
	| 'tls'
	| 'timeout'
	| 'cancelled'
	| 'proxy'
	| 'not-http'
	// The server answered, but not as DHIS2's API does.
	| 'redirect'
	| 'login-page'
	| 'not-json'
	| 'invalid-json'
	| 'unexpected-response'
	// Authentication.
	| 'bad-credentials'
	| 'token-auth-disabled'
	| 'token-unknown'
	| 'token-expired'
	| 'token-owner-disabled'
	| 'token-owner-missing'
	| 'token-ip-not-allowed'
	| 'token-referrer-not-allowed'
	| 'token-method-not-allowed'
	| 'token-malformed'
	| 'token-checksum'
	| 'token-rejected'
	// Request outcomes.
	| 'bad-request'
	| 'forbidden'
	| 'not-found'
	| 'name-taken'
	| 'invalid-attribute'
	| 'conflict'
	| 'server-error'
	| 'http-error';

/** Which certificate check failed, when `kind` is `tls`. */
export type TlsProblem = 'self-signed' | 'untrusted-issuer' | 'expired' | 'not-yet-valid' | 'hostname-mismatch' | 'plain-http' | 'other';

/** The token attribute DHIS2 rejected on create (409 E1004, or 400 on 2.37–2.40). */
export interface InvalidAttribute {
	readonly field: 'ip' | 'method' | 'referrer';
	readonly value: string;
}

/** One entry of a WebMessage's `response.errorReports[]`. */
export interface Dhis2ErrorReport {
	readonly errorCode?: string;
	readonly errorProperty?: string;
	readonly message?: string;
}

export interface Dhis2ErrorDetails {
	readonly explanation: string;
	readonly nextStep: string;
	readonly status?: number;
	/** DHIS2's own `message`, redacted. */
	readonly serverMessage?: string;
	readonly errorCode?: string;
	readonly errorReports?: readonly Dhis2ErrorReport[];
	readonly attribute?: InvalidAttribute;
	readonly tlsProblem?: TlsProblem;
	/** The request URL (never carries a secret: keys only travel in the Authorization header). */
	readonly url?: string;
	/** Low-level code from Node/undici (`ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`, …), for support. */
	readonly code?: string;
}

export class Dhis2Error extends Error {
	override readonly name = 'Dhis2Error';
	readonly kind: Dhis2ErrorKind;
	readonly explanation: string;
	readonly nextStep: string;
	readonly status?: number;
	readonly serverMessage?: string;
	readonly errorCode?: string;
	readonly errorReports: readonly Dhis2ErrorReport[];
	readonly attribute?: InvalidAttribute;
	readonly tlsProblem?: TlsProblem;
	readonly url?: string;
	readonly code?: string;

	constructor(kind: Dhis2ErrorKind, details: Dhis2ErrorDetails) {
		// Everything that may echo server or library text goes through redaction: belt and braces
		// against a key that reached a message by some path nobody foresaw.
		super(redactTokens(details.explanation));
		this.kind = kind;
		this.explanation = redactTokens(details.explanation);
		this.nextStep = redactTokens(details.nextStep);
		this.errorReports = (details.errorReports ?? []).map((report) => ({
			...report,
			...(report.message === undefined ? {} : { message: redactTokens(report.message) }),
		}));
		if (details.status !== undefined) this.status = details.status;
		if (details.serverMessage !== undefined) this.serverMessage = redactTokens(details.serverMessage);
		if (details.errorCode !== undefined) this.errorCode = details.errorCode;
		if (details.attribute !== undefined) this.attribute = { ...details.attribute, value: redactTokens(details.attribute.value) };
		if (details.tlsProblem !== undefined) this.tlsProblem = details.tlsProblem;
		if (details.url !== undefined) this.url = details.url;
		if (details.code !== undefined) this.code = details.code;
	}

	/** Explanation and next step together, for a notification. */
	get userMessage(): string {
		return `${this.explanation} ${this.nextStep}`;
	}

	toJSON(): Record<string, unknown> {
		return {
			name: this.name,
			kind: this.kind,
			message: this.message,
			explanation: this.explanation,
			nextStep: this.nextStep,
			status: this.status,
			serverMessage: this.serverMessage,
			errorCode: this.errorCode,
			errorReports: this.errorReports,
			attribute: this.attribute,
			tlsProblem: this.tlsProblem,
			url: this.url,
			code: this.code,
		};
	}
}

export function isDhis2Error(error: unknown, kind?: Dhis2ErrorKind): error is Dhis2Error {
	return error instanceof Dhis2Error && (kind === undefined || error.kind === kind);
}
