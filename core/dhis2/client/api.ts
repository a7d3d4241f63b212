import { type CreateTokenBody, restrictionsFromAttributes, type TokenAttribute, type TokenRestrictions } from '../tokens';
import { type ApiKey, apiKey, apiTokenCredentials, type Credentials } from './credentials';
import { Dhis2Error } from './errors';
import { type HttpOptions, type HttpRequest, type HttpResponse, HttpTransport } from './http';
import { type Dhis2Operation } from './requestContext';
import { isHtml, responseError } from './responseErrors';
import { apiUrl, normaliseServerUrl } from './serverUrl';
import { type Dhis2Version, featuresOf, parseDhis2Version, type ServerFeatures } from './version';

export interface SystemInfo {
	readonly version: Dhis2Version;
	readonly features: ServerFeatures;
	readonly revision?: string;
	readonly systemName?: string;
}

export interface Me {
	readonly id: string;
	readonly username?: string;
	readonly name?: string;
	readonly displayName?: string;
}

/** A token as listed: never its key, which DHIS2 cannot show again. */
export interface ApiTokenInfo {
	readonly id: string;
	/** The token's name (2.41.5+/2.42.2+/2.43+). */
	readonly code?: string;
	/** DHIS2's `yyyy-MM-ddTHH:mm:ss.SSS` in server-local time, as sent. */
	readonly created?: string;
	/** Epoch ms; the token works while `expire > now`. */
	readonly expire?: number;
	readonly attributes: readonly TokenAttribute[];
	readonly restrictions: TokenRestrictions;
	/** 1 = `d2pat_`, 2 = `d2p_`; only on `getToken`. */
	readonly version?: number;
	readonly type?: string;
}

export interface CreatedToken {
	readonly id: string;
	/** Shown once; store it before displaying it. Masks itself in logs and JSON. */
	readonly key: ApiKey;
}

export type RevokeResult =
	| { readonly outcome: 'revoked'; readonly id: string; readonly mayStillWorkForMs: number }
	| { readonly outcome: 'already-revoked'; readonly id: string };

/** RFC 6902 operation, sent as `application/json-patch+json`. */
export interface JsonPatchOperation {
	readonly op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
	readonly path: string;
	readonly value?: unknown;
	readonly from?: string;
}

export interface Dhis2ClientOptions {
	/** Any form the user typed; normalised here (throws `ServerUrlError` when unusable). */
	readonly baseUrl: string;
	readonly credentials: Credentials;
	/** Share one transport between clients; the client then does not close it. */
	readonly transport?: HttpTransport;
	/** Options for a transport of its own, when none is shared. */
	readonly http?: HttpOptions;
}

/** How long a deleted token may keep authenticating on 2.37–2.40 (their 1-hour auth cache). */
export const PRE_241_AUTH_CACHE_MS = 60 * 60 * 1000;

const UID = /^[A-Za-z][A-Za-z0-9]{10}$/;
const LIST_FIELDS = 'id,code,created,expire,attributes';

/**
 * The DHIS2 Web API calls the extension needs, over one undici dispatcher. Pure: no `vscode`.
 * Every failure is a `Dhis2Error` with an explanation and a next step; no key is ever part of a
 * message, and keys are only handled as `ApiKey` values that mask themselves.
 */
export class Dhis2Client {
	readonly baseUrl: string;
	private readonly credentials: Credentials;
	private readonly transport: HttpTransport;
	private readonly ownsTransport: boolean;
	private features: ServerFeatures | undefined;
	private meId: string | undefined;

	constructor(options: Dhis2ClientOptions) {
		this.baseUrl = normaliseServerUrl(options.baseUrl);
		this.credentials = options.credentials;
		this.ownsTransport = options.transport === undefined;
		this.transport = options.transport ?? new HttpTransport(options.http);
	}

	/** Features learnt from the last `systemInfo()`, if it ran. */
	get knownFeatures(): ServerFeatures | undefined {
		return this.features;
	}

	async systemInfo(signal?: AbortSignal): Promise<SystemInfo> {
		const { json, url } = await this.json('systemInfo', 'GET', 'system/info', {}, undefined, signal);
		const record = objectOf(json);
		const text = typeof record?.version === 'string' ? record.version : undefined;
		const version = text === undefined ? undefined : parseDhis2Version(text);
		if (!version) {
			throw new Dhis2Error('unexpected-response', {
				status: 200,
				url: url.toString(),
				explanation: `${this.baseUrl} answered /api/system/info without a DHIS2 version${text === undefined ? '' : ` ("${text}")`}.`,
				nextStep: 'Check that the server address points at DHIS2 2.37 or later.',
			});
		}
		this.features = featuresOf(version);
		return {
			version,
			features: this.features,
			...stringField(record, 'revision'),
			...stringField(record, 'systemName'),
		};
	}

	async me(signal?: AbortSignal): Promise<Me> {
		return this.meWith(this.credentials, 'me', signal);
	}

	/** `GET /api/me` with the key: proves the key works and tells whose it is. */
	async verifyToken(key: string | ApiKey, signal?: AbortSignal): Promise<Me> {
		return this.meWith(apiTokenCredentials(apiKey(key)), 'verifyToken', signal);
	}

	/**
	 * `POST /api/apiToken` with exactly `{expire, code?, attributes}` (build it with
	 * `validateTokenRequest`/`buildCreateTokenBody`). Never sends `type` or `version`, which make
	 * other DHIS2 versions fail; drops `code` where the server is known not to store it.
	 */
	async createToken(body: CreateTokenBody, signal?: AbortSignal): Promise<CreatedToken> {
		const sendCode = body.code !== undefined && (this.features?.supportsCode ?? true);
		const payload = { expire: body.expire, ...(sendCode ? { code: body.code } : {}), attributes: body.attributes };
		const { json, url } = await this.json('createToken', 'POST', 'apiToken', {}, payload, signal, [200, 201]);
		const response = objectOf(objectOf(json)?.response);
		const id = response?.uid;
		const key = response?.key;
		if (typeof id !== 'string' || typeof key !== 'string' || key === '') {
			throw new Dhis2Error('unexpected-response', {
				status: 201,
				url: url.toString(),
				explanation: 'DHIS2 reported the token as created but sent no id or key back.',
				nextStep: 'Look for the new token in the DHIS2 User Profile app and revoke it: its key cannot be shown again. Then try again.',
			});
		}
		return { id, key: apiKey(key) };
	}

	/** The signed-in user's own tokens, expired ones included (superusers would otherwise see everyone's). */
	async listOwnTokens(signal?: AbortSignal): Promise<ApiTokenInfo[]> {
		const owner = this.meId ?? (await this.me(signal)).id;
		const query = { fields: LIST_FIELDS, paging: 'false', filter: `createdBy.id:eq:${owner}` };
		const { json } = await this.json('listTokens', 'GET', 'apiToken', query, undefined, signal);
		const list = objectOf(json)?.apiToken;
		return Array.isArray(list) ? list.map(tokenInfoOf).filter((token): token is ApiTokenInfo => token !== undefined) : [];
	}

	async getToken(id: string, signal?: AbortSignal): Promise<ApiTokenInfo> {
		const { json, url } = await this.json('getToken', 'GET', `apiToken/${checkedUid(id)}`, {}, undefined, signal);
		const token = tokenInfoOf(json);
		if (!token) {
			throw new Dhis2Error('unexpected-response', {
				status: 200,
				url: url.toString(),
				explanation: `DHIS2 answered with something that is not a token for id ${id}.`,
				nextStep: 'Check the server address and try again.',
			});
		}
		return token;
	}

	async patchToken(id: string, operations: readonly JsonPatchOperation[], signal?: AbortSignal): Promise<void> {
		await this.json('patchToken', 'PATCH', `apiToken/${checkedUid(id)}`, {}, operations, signal, [200, 204], 'application/json-patch+json');
	}

	/** `DELETE /api/apiToken/{id}`. A 404 is a result, not an error: the token is gone either way. */
	async revokeToken(id: string, signal?: AbortSignal): Promise<RevokeResult> {
		const request = this.request('revokeToken', 'DELETE', `apiToken/${checkedUid(id)}`, {}, undefined, signal);
		const response = await this.transport.send(request);
		if (response.status === 200 || response.status === 204) {
			const mayStillWorkForMs = this.features?.deleteEvictsAuthCache === false ? PRE_241_AUTH_CACHE_MS : 0;
			return { outcome: 'revoked', id, mayStillWorkForMs };
		}
		if (response.status === 404 && !isHtml(response) && parses(response.body)) return { outcome: 'already-revoked', id };
		throw responseError(response, this.transport.contextFor(request));
	}

	/** Closes the transport if this client created it. */
	async close(): Promise<void> {
		if (this.ownsTransport) await this.transport.close();
	}

	private async meWith(credentials: Credentials, operation: Dhis2Operation, signal?: AbortSignal): Promise<Me> {
		const { json, url } = await this.json(operation, 'GET', 'me', { fields: 'id,username,name,displayName,userCredentials[username]' }, undefined, signal, [200], undefined, credentials);
		const record = objectOf(json);
		if (typeof record?.id !== 'string') {
			throw new Dhis2Error('unexpected-response', {
				status: 200,
				url: url.toString(),
				explanation: `${this.baseUrl} answered /api/me without a user id.`,
				nextStep: 'Check that the server address points at DHIS2.',
			});
		}
		const credentialsRecord = objectOf(record.userCredentials);
		const username = typeof record.username === 'string' ? record.username : typeof credentialsRecord?.username === 'string' ? credentialsRecord.username : undefined;
		const me: Me = {
			id: record.id,
			...(username === undefined ? {} : { username }),
			...stringField(record, 'name'),
			...stringField(record, 'displayName'),
		};
		if (operation === 'me') this.meId = me.id;
		return me;
	}

	private request(
		operation: Dhis2Operation,
		method: HttpRequest['method'],
		path: string,
		query: Readonly<Record<string, string>>,
		json: unknown,
		signal: AbortSignal | undefined,
		contentType?: string,
		credentials: Credentials = this.credentials,
	): HttpRequest {
		return {
			operation,
			method,
			url: apiUrl(this.baseUrl, path, query),
			credentials,
			...(json === undefined ? {} : { json }),
			...(contentType === undefined ? {} : { contentType }),
			...(signal === undefined ? {} : { signal }),
			...(this.features === undefined ? {} : { features: this.features }),
		};
	}

	private async json(
		operation: Dhis2Operation,
		method: HttpRequest['method'],
		path: string,
		query: Readonly<Record<string, string>>,
		body: unknown,
		signal: AbortSignal | undefined,
		okStatuses: readonly number[] = [200],
		contentType?: string,
		credentials?: Credentials,
	): Promise<{ json: unknown; url: URL }> {
		const request = this.request(operation, method, path, query, body, signal, contentType, credentials);
		const response = await this.transport.send(request);
		const context = this.transport.contextFor(request);
		if (!okStatuses.includes(response.status) || isHtml(response)) throw responseError(response, context);
		if (response.body.trim() === '' && response.status === 204) return { json: undefined, url: request.url };
		return { json: parseJson(response, request.url), url: request.url };
	}
}

function parseJson(response: HttpResponse, url: URL): unknown {
	try {
		return JSON.parse(response.body) as unknown;
	} catch {
		throw new Dhis2Error('invalid-json', {
			status: response.status,
			url: url.toString(),
			explanation: `${url.host} answered HTTP ${response.status} with a body that is not valid JSON.`,
			nextStep: 'Check the server address; a proxy or another application may be answering instead of DHIS2.',
		});
	}
}

function parses(body: string): boolean {
	try {
		JSON.parse(body);
		return true;
	} catch {
		return false;
	}
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringField<K extends string>(record: Record<string, unknown> | undefined, key: K): Partial<Record<K, string>> {
	const value = record?.[key];
	return typeof value === 'string' ? ({ [key]: value } as Record<K, string>) : {};
}

function checkedUid(id: string): string {
	// Ids go into the path: anything but a DHIS2 uid could reach another endpoint (`..`, `/`).
	if (!UID.test(id)) {
		throw new Dhis2Error('bad-request', {
			explanation: `"${id}" is not a DHIS2 token id (11 letters and digits, starting with a letter).`,
			nextStep: 'Refresh the token list and pick the token again.',
		});
	}
	return id;
}

function tokenInfoOf(value: unknown): ApiTokenInfo | undefined {
	const record = objectOf(value);
	if (typeof record?.id !== 'string') return undefined;
	const attributes = Array.isArray(record.attributes) ? (record.attributes as TokenAttribute[]) : [];
	return {
		id: record.id,
		...stringField(record, 'code'),
		...stringField(record, 'created'),
		...stringField(record, 'type'),
		...(typeof record.expire === 'number' ? { expire: record.expire } : {}),
		...(typeof record.version === 'number' ? { version: record.version } : {}),
		attributes,
		restrictions: restrictionsFromAttributes(attributes),
	};
}
