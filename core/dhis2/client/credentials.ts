import { mask } from '../../token';

/** Node's `util.inspect` hook, by its registered symbol so this file needs no `node:` import. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * A string that must never reach a log, an error message or persisted JSON. Every way of turning
 * it into text (`String()`, template literals, `JSON.stringify`, `console.log`/`util.inspect`)
 * yields the masked form; only `reveal()` gives the value, and only the HTTP layer and the
 * SecretStorage vault should call it.
 */
export class SecretValue {
	readonly #value: string;
	constructor(value: string, readonly masked: string) {
		this.#value = value;
	}
	reveal(): string {
		return this.#value;
	}
	equals(other: SecretValue): boolean {
		return this.#value === other.#value;
	}
	toString(): string {
		return this.masked;
	}
	toJSON(): string {
		return this.masked;
	}
	[INSPECT](): string {
		return `[secret ${this.masked}]`;
	}
}

/** A personal access token's key (`d2p_…`/`d2pat_…`), shown as `d2p_v3aW…9OZl`. */
export class ApiKey extends SecretValue {
	constructor(key: string) {
		super(key, mask(key));
	}
}

export function apiKey(key: string | ApiKey): ApiKey {
	return key instanceof ApiKey ? key : new ApiKey(key.trim());
}

export interface BasicCredentials {
	readonly kind: 'basic';
	readonly username: string;
	readonly password: SecretValue;
}

export interface ApiTokenCredentials {
	readonly kind: 'apiToken';
	readonly key: ApiKey;
}

export type Credentials = BasicCredentials | ApiTokenCredentials;

export function basicCredentials(username: string, password: string | SecretValue): BasicCredentials {
	// Basic auth joins the two with a colon, so a colon in the user name cannot be represented.
	if (username.includes(':')) throw new Error('A DHIS2 user name cannot contain ":".');
	const secret = password instanceof SecretValue ? password : new SecretValue(password, '••••••••');
	return { kind: 'basic', username, password: secret };
}

export function apiTokenCredentials(key: string | ApiKey): ApiTokenCredentials {
	return { kind: 'apiToken', key: apiKey(key) };
}

/** The `Authorization` header value. The one place a secret is revealed for the network. */
export function authorizationHeader(credentials: Credentials): string {
	if (credentials.kind === 'apiToken') return `ApiToken ${credentials.key.reveal()}`;
	const pair = `${credentials.username}:${credentials.password.reveal()}`;
	return `Basic ${base64Utf8(pair)}`;
}

/** How the credentials are named in messages: never the secret itself. */
export function describeCredentials(credentials: Credentials): string {
	return credentials.kind === 'apiToken' ? `token ${credentials.key.masked}` : `user "${credentials.username}"`;
}

function base64Utf8(text: string): string {
	let binary = '';
	for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
	return btoa(binary);
}
