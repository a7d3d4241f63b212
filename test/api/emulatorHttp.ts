import assert from 'node:assert/strict';
import { type Emulator } from '../../core/dhis2/emulator';

/** Real HTTP against a running emulator on loopback (Node's fetch); no mocking anywhere. */

export interface Credentials {
	readonly username: string;
	readonly password: string;
}

export interface ErrorReportBody {
	readonly errorCode: string;
	readonly message: string;
	readonly errorProperty?: string;
}

export interface WebMessageBody {
	readonly httpStatus?: string;
	readonly httpStatusCode?: number;
	readonly status?: string;
	readonly message?: string;
	readonly errorCode?: string;
	readonly response?: {
		readonly responseType?: string;
		readonly uid?: string;
		readonly klass?: string;
		readonly key?: string;
		readonly errorReports?: readonly ErrorReportBody[];
	};
}

export interface TokenBody {
	readonly id: string;
	readonly code?: string;
	readonly created?: string;
	readonly lastUpdated?: string;
	readonly createdBy?: { readonly id: string; readonly username: string };
	readonly version?: number;
	readonly type?: string;
	readonly expire?: number;
	readonly attributes?: readonly Record<string, unknown>[];
	readonly [other: string]: unknown;
}

export interface ListBody {
	readonly pager?: { readonly page: number; readonly pageCount: number; readonly total: number; readonly pageSize: number; readonly nextPage?: string; readonly prevPage?: string };
	readonly apiToken: readonly TokenBody[];
}

export interface CallOptions {
	/** Basic credentials. */
	readonly as?: Credentials;
	/** Sent as `Authorization: ApiToken <token>`. */
	readonly token?: string;
	/** A raw `Authorization` value (wins over `as`/`token`). */
	readonly authorization?: string;
	readonly headers?: Readonly<Record<string, string>>;
	/** JSON body sent with `Content-Type: application/json` unless `contentType` says otherwise. */
	readonly json?: unknown;
	readonly body?: string;
	readonly contentType?: string;
	/** `X-Requested-With: XMLHttpRequest`, on unless set to false (so auth failures come back as JSON). */
	readonly xhr?: boolean;
}

export interface CallResult<T> {
	readonly status: number;
	readonly headers: Headers;
	readonly text: string;
	/** Parsed JSON, or undefined when the body is not JSON. */
	readonly body: T;
}

export function basicHeader(user: Credentials): string {
	return `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
}

export async function call<T = WebMessageBody>(emulator: Emulator, method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.xhr !== false) headers['X-Requested-With'] = 'XMLHttpRequest';
	const authorization = options.authorization
		?? (options.token !== undefined ? `ApiToken ${options.token}` : options.as ? basicHeader(options.as) : undefined);
	if (authorization !== undefined) headers['Authorization'] = authorization;
	let body = options.body;
	if (options.json !== undefined) body = JSON.stringify(options.json);
	if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
	const response = await fetch(`${emulator.url}${path}`, { method, headers, body, redirect: 'manual' });
	const text = await response.text();
	let parsed: unknown;
	try {
		parsed = text === '' ? undefined : JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return { status: response.status, headers: response.headers, text, body: parsed as T };
}

/** Creates a token over HTTP as `user` and returns its id and key (asserting the 201). */
export async function createKey(emulator: Emulator, user: Credentials, body: Record<string, unknown> = {}): Promise<{ uid: string; key: string }> {
	const result = await call(emulator, 'POST', '/api/apiToken', { as: user, json: body });
	assert.equal(result.status, 201, result.text);
	const uid = result.body.response?.uid;
	const key = result.body.response?.key;
	assert.ok(uid !== undefined && key !== undefined, 'create response carries uid and key');
	return { uid, key };
}

/** The status and message of an auth attempt with `token`, for table rows. */
export interface Outcome {
	readonly status: number;
	readonly message: string | undefined;
	readonly wwwAuthenticate: string | null;
}

export async function tokenOutcome(emulator: Emulator, token: string, options: CallOptions & { method?: string; path?: string } = {}): Promise<Outcome> {
	const result = await call(emulator, options.method ?? 'GET', options.path ?? '/api/me', { ...options, token });
	return { status: result.status, message: result.body?.message, wwwAuthenticate: result.headers.get('www-authenticate') };
}

/** A key whose checksum no longer matches (last character changed). */
export function breakChecksum(key: string): string {
	const last = key.slice(-1);
	const replacement = /\d/.test(last) ? String((Number(last) + 1) % 10) : last === 'A' ? 'B' : 'A';
	return key.slice(0, -1) + replacement;
}
