import { Dhis2Error, type TlsProblem } from './errors';
import { CA_CERTIFICATES_SETTING, type RequestContext, TIMEOUT_SETTING } from './requestContext';

/** Node and undici put the useful code on the error or somewhere down its `cause` chain. */
function codesOf(error: unknown): string[] {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const record = current as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
		if (typeof record.code === 'string') codes.push(record.code);
		if (typeof record.name === 'string') codes.push(record.name);
		// happy-eyeballs failures (localhost → ::1 and 127.0.0.1) arrive as an AggregateError.
		if (Array.isArray(record.errors)) for (const inner of record.errors) codes.push(...codesOf(inner));
		current = record.cause;
	}
	return codes;
}

/** The `port` of the socket that failed, when Node says (connect errors do). */
function failedPortOf(error: unknown): number | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const record = current as { port?: unknown; cause?: unknown };
		if (typeof record.port === 'number') return record.port;
		current = record.cause;
	}
	return undefined;
}

function proxyPort(proxy: string): number | undefined {
	try {
		const url = new URL(proxy);
		return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
	} catch {
		return undefined;
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

const TLS_PROBLEMS: Readonly<Record<string, TlsProblem>> = {
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed',
	SELF_SIGNED_CERT_IN_CHAIN: 'self-signed',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted-issuer',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted-issuer',
	UNABLE_TO_GET_ISSUER_CERT: 'untrusted-issuer',
	CERT_UNTRUSTED: 'untrusted-issuer',
	CERT_HAS_EXPIRED: 'expired',
	CERT_NOT_YET_VALID: 'not-yet-valid',
	ERR_TLS_CERT_ALTNAME_INVALID: 'hostname-mismatch',
	ERR_SSL_WRONG_VERSION_NUMBER: 'plain-http',
	ERR_SSL_PACKET_LENGTH_TOO_LONG: 'plain-http',
};

const TLS_EXPLANATIONS: Readonly<Record<TlsProblem, string>> = {
	'self-signed': 'uses a self-signed certificate',
	'untrusted-issuer': 'has a certificate signed by an authority this computer does not trust (often a private or corporate CA)',
	expired: 'has an expired certificate',
	'not-yet-valid': 'has a certificate that is not valid yet (check this computer\'s clock)',
	'hostname-mismatch': 'has a certificate issued for a different host name',
	'plain-http': 'does not speak HTTPS on this port',
	other: 'failed the TLS handshake',
};

/** Turns a failure below HTTP (socket, DNS, TLS, timeouts, aborts) into a `Dhis2Error`. */
export function transportError(error: unknown, context: RequestContext): Dhis2Error {
	if (error instanceof Dhis2Error) return error;
	const codes = codesOf(error);
	const has = (...wanted: string[]): boolean => wanted.some((code) => codes.includes(code));
	const code = codes.find((candidate) => /^[A-Z_]+$/.test(candidate));
	const url = context.url.toString();
	const host = context.url.host;
	const base = { url, ...(code === undefined ? {} : { code }) };

	if (context.cancelled()) {
		return new Dhis2Error('cancelled', { ...base, explanation: `The request to ${host} was cancelled.`, nextStep: 'Nothing was changed on your side; run the command again when you are ready.' });
	}
	const port = failedPortOf(error);
	if (context.proxy !== undefined && port !== undefined && port === proxyPort(context.proxy) && port !== (Number(context.url.port) || undefined)) {
		return new Dhis2Error('proxy', {
			...base,
			explanation: `The proxy ${context.proxy} could not be reached (${code ?? 'connection failed'}), so ${host} was not contacted.`,
			nextStep: 'Check the HTTPS_PROXY / HTTP_PROXY environment variables VS Code was started with, or add the server to NO_PROXY.',
		});
	}
	if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA')) {
		return new Dhis2Error('dns', {
			...base,
			explanation: `The host name ${context.url.hostname} could not be found (DNS lookup failed).`,
			nextStep: 'Check the server address for typos; if the server is on a private network, connect to its VPN first.',
		});
	}
	if (has('ECONNREFUSED')) {
		return new Dhis2Error('unreachable', {
			...base,
			explanation: `Nothing is accepting connections at ${host}: the connection was refused.`,
			nextStep: 'Check the address and port, and that the DHIS2 server (Tomcat) is running.',
		});
	}
	if (has('EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN')) {
		return new Dhis2Error('unreachable', {
			...base,
			explanation: `${host} cannot be reached from this computer (no route to the host).`,
			nextStep: 'Check your network connection, VPN and firewall.',
		});
	}
	const tlsCode = codes.find((candidate) => candidate in TLS_PROBLEMS) ?? (codes.some((c) => c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL') || c.startsWith('CERT_')) ? 'other' : undefined);
	if (tlsCode !== undefined) {
		const problem: TlsProblem = TLS_PROBLEMS[tlsCode] ?? 'other';
		const nextStep = problem === 'plain-http'
			? `If the server has no TLS, use http:// instead of https://; otherwise check the port.`
			: problem === 'expired' || problem === 'not-yet-valid' || problem === 'hostname-mismatch'
				? 'Ask the server administrator to fix the certificate; certificate checks stay on to keep your password and tokens safe.'
				: context.caConfigured
					? `The certificates in the "${CA_CERTIFICATES_SETTING}" setting do not cover this server: add the CA certificate (PEM) that signed it.`
					: `If the server uses a private or self-signed CA, add its certificate (PEM) to the "${CA_CERTIFICATES_SETTING}" setting; certificate checks are never switched off.`;
		return new Dhis2Error('tls', { ...base, tlsProblem: problem, explanation: `The secure connection to ${host} failed: the server ${TLS_EXPLANATIONS[problem]}.`, nextStep });
	}
	if (has('UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'TimeoutError')) {
		const seconds = Math.round(context.timeoutMs / 100) / 10;
		const phase = has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT') ? 'to accept the connection' : has('UND_ERR_BODY_TIMEOUT') ? 'to finish its answer' : 'to answer';
		return new Dhis2Error('timeout', {
			...base,
			explanation: `${host} took longer than ${seconds} s ${phase}.`,
			nextStep: `The server may be overloaded or a firewall may be dropping traffic; try again, or raise "${TIMEOUT_SETTING}".`,
		});
	}
	if (context.proxy !== undefined && (has('UND_ERR_ABORTED', 'UND_ERR_PRX_TLS') || /proxy/i.test(messageOf(error)))) {
		return new Dhis2Error('proxy', {
			...base,
			explanation: `The proxy ${context.proxy} refused or failed to connect to ${host}.`,
			nextStep: 'Check the HTTPS_PROXY / HTTP_PROXY and NO_PROXY environment variables (and proxy credentials) that VS Code was started with.',
		});
	}
	if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'HTTPParserError') || codes.some((c) => c.startsWith('HPE_'))) {
		return new Dhis2Error('not-http', {
			...base,
			explanation: `${host} closed the connection or answered with something that is not HTTP.`,
			nextStep: context.url.protocol === 'http:'
				? 'If the server only accepts HTTPS, use https:// in the server address; otherwise try again.'
				: 'Check the port, and that no firewall or proxy is interfering; then try again.',
		});
	}
	if (context.cancelled() || has('AbortError', 'UND_ERR_ABORTED')) {
		return new Dhis2Error('cancelled', { ...base, explanation: `The request to ${host} was cancelled.`, nextStep: 'Nothing was changed on your side; run the command again when you are ready.' });
	}
	return new Dhis2Error('unreachable', {
		...base,
		explanation: `The request to ${host} failed: ${messageOf(error)}.`,
		nextStep: 'Check the server address and your network connection, then try again.',
	});
}
