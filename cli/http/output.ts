import { type InjectionDecision } from '../../core/http/inject';
import { type ParseProblem } from '../../core/http/model';
import { type HttpExchange, type RecordedHeader } from '../../core/http/send';
import { type RecordedResponse } from '../../core/http/variables';
import { redactTokens } from '../../core/redact';

/** What happened to one request of the file, for both output formats. */
export interface Outcome {
	/** From 1, as `--request` numbers them. */
	readonly index: number;
	readonly name?: string;
	readonly method: string;
	/** Keys masked. */
	readonly url: string;
	readonly decision?: InjectionDecision;
	readonly exchange?: HttpExchange;
	readonly error?: { readonly kind: string; readonly explanation: string; readonly nextStep: string };
	/** Unresolved variables, missing body files…, each with its place. */
	readonly problems?: readonly string[];
	readonly dryRun?: { readonly headers: readonly RecordedHeader[]; readonly body: string | null; readonly bodyBytes: number };
}

export interface Summary {
	readonly requests: number;
	readonly sent: number;
	/** Answered 2xx or 3xx. */
	readonly ok: number;
	/** Answered with any other status. */
	readonly failed: number;
	/** Not sent: refused, unresolved, network failure. */
	readonly errors: number;
	/** Left out after an error stopped the run. */
	readonly skipped: number;
}

const TEXT_BODY_LIMIT = 64 * 1024;
const JSON_BODY_LIMIT = 1024 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(bytes: Uint8Array): string | undefined {
	try {
		return strictUtf8.decode(bytes);
	} catch {
		return undefined;
	}
}

/** A request body for the dry-run listing: text with keys masked, or only its size when it is binary. */
export function bodyText(body: string | Uint8Array | undefined): { body: string | null; bodyBytes: number } {
	if (body === undefined) return { body: null, bodyBytes: 0 };
	if (typeof body === 'string') return { body: redactTokens(body), bodyBytes: Buffer.byteLength(body) };
	const text = decodeText(body);
	return { body: text === undefined ? null : redactTokens(text), bodyBytes: body.byteLength };
}

function isJson(contentType: string): boolean {
	return /[/+]json\b/i.test(contentType);
}

/** The response body as printable text (keys masked, JSON pretty-printed), or why it is not shown. */
export function responseText(exchange: HttpExchange, limit: number): { text?: string; truncated: boolean; note?: string } {
	const { body, contentType } = exchange.response;
	if (body.kind === 'file') return { truncated: false, note: `${body.size} bytes, larger than the in-memory limit: not shown` };
	if (body.size === 0) return { text: '', truncated: false };
	const decoded = decodeText(body.bytes);
	if (decoded === undefined) return { truncated: false, note: `${body.size} bytes of binary data (${contentType || 'no content type'}): not shown` };
	let text = decoded;
	if (isJson(contentType)) {
		try {
			text = JSON.stringify(JSON.parse(decoded), null, 2);
		} catch {
			// Not valid JSON after all: shown as it came.
		}
	}
	text = redactTokens(text);
	return text.length > limit ? { text: text.slice(0, limit), truncated: true } : { text, truncated: false };
}

/** A named response for `{{name.response.body.$.x}}` in later requests: JSON parsed, else text. */
export function recordedResponse(exchange: HttpExchange): RecordedResponse {
	const headers: Record<string, string> = {};
	for (const { name, value } of exchange.response.headers) headers[name] = value;
	const { body, contentType } = exchange.response;
	if (body.kind !== 'memory') return { body: undefined, headers };
	const text = decodeText(body.bytes);
	if (text !== undefined && isJson(contentType)) {
		try {
			return { body: JSON.parse(text) as unknown, headers };
		} catch {
			return { body: text, headers };
		}
	}
	return { body: text ?? body.bytes, headers };
}

const succeeded = (status: number): boolean => status >= 200 && status < 400;

export function summaryOf(outcomes: readonly Outcome[], requests: number): Summary {
	let sent = 0;
	let ok = 0;
	let failed = 0;
	let errors = 0;
	for (const outcome of outcomes) {
		if (outcome.exchange) {
			sent += 1;
			if (succeeded(outcome.exchange.response.status)) ok += 1;
			else failed += 1;
		} else if (outcome.error || outcome.problems || outcome.decision?.verdict === 'refuse') {
			errors += 1;
		}
	}
	return { requests, sent, ok, failed, errors, skipped: requests - outcomes.length };
}

function label(outcome: Outcome): string {
	return `[${outcome.index}]${outcome.name === undefined ? '' : ` ${outcome.name}:`} ${outcome.method} ${outcome.url}`;
}

function size(bytes: number): string {
	return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1048576).toFixed(1)} MiB`;
}

export function printOutcomeText(outcome: Outcome, print: (text: string) => void): void {
	const lines = [`${label(outcome)}${outcome.dryRun ? ' (dry run)' : ''}`];
	if (outcome.decision) lines.push(`    token: ${outcome.decision.explanation}`);
	for (const problem of outcome.problems ?? []) lines.push(`    not sent: ${problem}`);
	if (outcome.error) lines.push(`    not sent: ${outcome.error.explanation} ${outcome.error.nextStep}`);
	if (outcome.dryRun) {
		for (const header of outcome.dryRun.headers) lines.push(`    ${header.name}: ${header.value}`);
		if (outcome.dryRun.body !== null) lines.push('', outcome.dryRun.body);
		else if (outcome.dryRun.bodyBytes > 0) lines.push(`    (${outcome.dryRun.bodyBytes} bytes of binary body)`);
	}
	const exchange = outcome.exchange;
	if (exchange) {
		for (const hop of exchange.hops.slice(1)) {
			lines.push(`    redirected to ${hop.request.method} ${hop.request.url}: ${hop.credentials.explanation}`);
		}
		const response = exchange.response;
		lines.push(`    ${response.status} ${response.statusText} · ${exchange.timing.totalMs} ms · ${size(response.body.size)}${response.contentType ? ` · ${response.contentType}` : ''}`);
		if (exchange.stoppedAtRedirect) lines.push('    (# @no-redirect: the redirect was not followed)');
		const body = responseText(exchange, TEXT_BODY_LIMIT);
		if (body.note !== undefined) lines.push(`    (${body.note})`);
		else if (body.text !== undefined && body.text !== '') lines.push('', body.text + (body.truncated ? '\n… (truncated)' : ''));
	}
	print(`${lines.join('\n')}\n\n`);
}

export function printSummaryText(summary: Summary, dryRun: boolean, print: (text: string) => void): void {
	if (dryRun) {
		print(`${summary.requests - summary.skipped - summary.errors} of ${summary.requests} request(s) resolved; nothing was sent (dry run).\n`);
		return;
	}
	const parts = [`${summary.sent} of ${summary.requests} request(s) sent`, `${summary.ok} answered 2xx/3xx`];
	if (summary.failed > 0) parts.push(`${summary.failed} answered with another status`);
	if (summary.errors > 0) parts.push(`${summary.errors} failed to send`);
	if (summary.skipped > 0) parts.push(`${summary.skipped} not run`);
	print(`${parts.join(', ')}.\n`);
}

function injectionJson(decision: InjectionDecision | undefined): unknown {
	if (!decision) return undefined;
	return {
		verdict: decision.verdict,
		injects: decision.injects,
		server: decision.server?.baseUrl ?? null,
		explanation: decision.explanation,
		confirmations: decision.confirmations.map((confirmation) => ({ reason: confirmation.reason, message: confirmation.message })),
	};
}

function exchangeJson(exchange: HttpExchange): Record<string, unknown> {
	const body = responseText(exchange, JSON_BODY_LIMIT);
	return {
		status: exchange.response.status,
		statusText: exchange.response.statusText,
		durationMs: exchange.timing.totalMs,
		redirects: exchange.redirects,
		stoppedAtRedirect: exchange.stoppedAtRedirect,
		hops: exchange.hops.map((hop) => ({
			method: hop.request.method,
			url: hop.request.url,
			requestHeaders: hop.request.headers,
			status: hop.response?.status ?? null,
			tokenSent: hop.credentials.tokenSent,
			tokenDropped: hop.credentials.tokenDropped,
			droppedHeaders: hop.credentials.droppedHeaders,
			credentials: hop.credentials.explanation,
			headersMs: hop.timing.headersMs ?? null,
		})),
		response: {
			contentType: exchange.response.contentType,
			size: exchange.response.body.size,
			headers: exchange.response.headers,
			body: body.text ?? null,
			bodyTruncated: body.truncated,
			...(body.note === undefined ? {} : { bodyNote: body.note }),
		},
	};
}

function outcomeJson(outcome: Outcome): unknown {
	return {
		index: outcome.index,
		name: outcome.name ?? null,
		method: outcome.method,
		url: outcome.url,
		...(outcome.decision ? { injection: injectionJson(outcome.decision) } : {}),
		...(outcome.dryRun ? { headers: outcome.dryRun.headers, body: outcome.dryRun.body, bodyBytes: outcome.dryRun.bodyBytes } : {}),
		...(outcome.exchange ? exchangeJson(outcome.exchange) : {}),
		...(outcome.error ? { error: outcome.error } : {}),
		...(outcome.problems ? { problems: outcome.problems } : {}),
	};
}

/** The `--format json` document: one object on stdout, keys masked everywhere. */
export function toJsonReport(outcomes: readonly Outcome[], dryRun: boolean, exitCode: number, parseProblems?: readonly ParseProblem[]): unknown {
	return {
		dryRun,
		exitCode,
		...(parseProblems ? { problems: parseProblems.map((problem) => ({ severity: problem.severity, line: problem.range.start.line + 1, column: problem.range.start.character + 1, message: problem.message })) } : {}),
		requests: outcomes.map(outcomeJson),
	};
}
