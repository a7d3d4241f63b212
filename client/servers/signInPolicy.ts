import { type Dhis2Error, type Dhis2ErrorKind } from '../../core/dhis2/client/errors';
import { sendsSecretsInClear } from '../../core/dhis2/client/serverUrl';
import { type ServerEntry } from './serverList';

/**
 * A password the user asked VS Code to remember. SecretStorage only, one entry per server, so
 * "Sign Out" of one server forgets exactly that one.
 */
export const LOGIN_SECRET_PREFIX = 'dhis2-pat:login:';

export function loginSecretKey(serverUrl: string): string {
	return `${LOGIN_SECRET_PREFIX}${serverUrl}`;
}

export interface RememberedLogin {
	readonly username: string;
	readonly password: string;
}

export function serialiseLogin(login: RememberedLogin): string {
	return JSON.stringify({ username: login.username, password: login.password });
}

/** Anything unreadable counts as nothing remembered: the user is asked again. */
export function parseRememberedLogin(text: string | undefined): RememberedLogin | undefined {
	if (text === undefined) return undefined;
	try {
		const value = JSON.parse(text) as unknown;
		if (typeof value !== 'object' || value === null) return undefined;
		const { username, password } = value as Record<string, unknown>;
		return typeof username === 'string' && username !== '' && typeof password === 'string' ? { username, password } : undefined;
	} catch {
		return undefined;
	}
}

/** For the user-name input box. Basic auth joins name and password with a colon. */
export function usernameProblem(input: string): string | undefined {
	if (input.trim() === '') return 'Enter your DHIS2 user name.';
	if (input.includes(':')) return 'A DHIS2 user name cannot contain ":".';
	return undefined;
}

const TOKEN_REJECTIONS: readonly Dhis2ErrorKind[] = [
	'token-unknown', 'token-expired', 'token-owner-disabled', 'token-owner-missing', 'token-ip-not-allowed',
	'token-referrer-not-allowed', 'token-method-not-allowed', 'token-malformed', 'token-checksum', 'token-rejected',
];

/**
 * True when the server refused the sign-in itself (as opposed to the network or the request):
 * then the cached password or token is forgotten and the user is asked again.
 */
export function rejectsSignIn(error: Dhis2Error, credentials: 'basic' | 'apiToken'): boolean {
	return credentials === 'basic' ? error.kind === 'bad-credentials' : TOKEN_REJECTIONS.includes(error.kind) || error.kind === 'bad-credentials';
}

export interface ClearTextWarning {
	readonly message: string;
	readonly detail: string;
	readonly proceed: string;
}

/**
 * The modal shown before a password or key would cross the network unencrypted; undefined when
 * the address is https or loopback. Cancel (VS Code's own button of a modal) is the default.
 */
export function clearTextWarning(server: ServerEntry, what: 'password' | 'token'): ClearTextWarning | undefined {
	if (!sendsSecretsInClear(server.url)) return undefined;
	const secret = what === 'password' ? 'your user name and password' : 'a personal access token';
	return {
		message: `"${server.label}" uses plain http: ${secret} would be sent unencrypted.`,
		detail: `Anyone on the network path to ${new URL(server.url).host} can read ${secret} and use ${what === 'password' ? 'your account' : 'it'}. `
			+ 'Use the https:// address of the server if it has one.',
		proceed: 'Send Anyway',
	};
}

/** A button offered with an error message, and what it does. */
export type ErrorAction =
	| { readonly kind: 'retry'; readonly label: 'Retry' }
	| { readonly kind: 'signIn'; readonly label: 'Sign In Again' }
	| { readonly kind: 'settings'; readonly label: 'Open Settings…'; readonly setting: string };

const RETRY: ErrorAction = { kind: 'retry', label: 'Retry' };
const settings = (setting: string): ErrorAction => ({ kind: 'settings', label: 'Open Settings…', setting });

/** The useful buttons for an error: what the user can do about it from where they are. */
export function errorActions(error: Dhis2Error): ErrorAction[] {
	switch (error.kind) {
		case 'invalid-setting':
			return [settings('dhis2.http')];
		case 'tls':
			return error.tlsProblem === 'plain-http' ? [settings('dhis2.servers')] : [RETRY, settings('dhis2.http.caCertificates')];
		case 'timeout':
			return [RETRY, settings('dhis2.http.timeoutSeconds')];
		case 'unreachable':
		case 'dns':
		case 'proxy':
		case 'server-error':
		case 'http-error':
			return [RETRY];
		case 'redirect':
		case 'login-page':
		case 'not-json':
		case 'invalid-json':
		case 'not-http':
			return [RETRY, settings('dhis2.servers')];
		case 'bad-credentials':
			return [{ kind: 'signIn', label: 'Sign In Again' }];
		default:
			return [];
	}
}
