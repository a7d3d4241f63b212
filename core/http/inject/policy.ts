import { isLoopbackHost } from '../../dhis2/client/serverUrl';
import { type ResolvedRequest } from '../model';
import { isWithinScope, type ServerScope, scopeOf } from './scope';

/** A DHIS2 server whose token may be injected into requests under its base URL. */
export interface InjectionServer {
	/** Any form `normaliseServerUrl` accepts; `/api` and trailing slashes are dropped. */
	readonly baseUrl: string;
	/** The key to send (vault: the server's active token; CLI: `DHIS2_TOKEN`). Absent: the server has no token. */
	readonly token?: () => Promise<string | undefined>;
	/** Writes (POST, PUT, PATCH, DELETE) to it need a confirmation. */
	readonly production?: boolean;
	/** Shown in explanations; defaults to the base URL. */
	readonly label?: string;
}

export interface InjectionPolicy {
	readonly servers: readonly InjectionServer[];
	/** Untrusted workspace: never inject, and every send needs a confirmation. */
	readonly untrusted?: boolean;
}

export type ConfirmationReason = 'insecure-http' | 'production-write' | 'untrusted-workspace';

export interface Confirmation {
	readonly reason: ConfirmationReason;
	/** The server it concerns (normalised base URL), so a caller can ask once per server. */
	readonly serverBaseUrl?: string;
	/** One sentence for the person deciding. */
	readonly message: string;
}

export interface MatchedServer {
	readonly baseUrl: string;
	readonly label: string;
	readonly production: boolean;
	/** Index into `InjectionPolicy.servers`, to reach its `token()`. */
	readonly index: number;
}

export type InjectionVerdict = 'inject' | 'send-without-token' | 'needs-confirmation' | 'refuse';

export interface InjectionDecision {
	/** `needs-confirmation` whenever `confirmations` is not empty (and nothing was refused). */
	readonly verdict: InjectionVerdict;
	/** Whether the token goes out once every confirmation is given. */
	readonly injects: boolean;
	/** The configured server the URL lies under, if any. */
	readonly server?: MatchedServer;
	readonly confirmations: readonly Confirmation[];
	/** Why, in a sentence or two, naming the server and (on refusal) the configured ones. */
	readonly explanation: string;
}

export type InjectionInput = Pick<ResolvedRequest, 'method' | 'url' | 'headers' | 'wantsDhis2Token'>;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOKEN_REFERENCE = 'Authorization: ApiToken {{$dhis2.token}}';

/** The server whose base URL holds `url`; the longest path prefix wins when servers nest. */
export function matchServer(url: URL, servers: readonly InjectionServer[]): MatchedServer | undefined {
	let best: { scope: ServerScope; server: MatchedServer } | undefined;
	servers.forEach((server, index) => {
		const scope = scopeOf(server.baseUrl);
		if (!scope || !isWithinScope(url, scope)) return;
		if (best && best.scope.pathPrefix.length >= scope.pathPrefix.length) return;
		best = { scope, server: { baseUrl: scope.baseUrl, label: server.label ?? scope.baseUrl, production: server.production === true, index } };
	});
	return best?.server;
}

function configuredList(servers: readonly InjectionServer[]): string {
	const names = servers.map((server) => scopeOf(server.baseUrl)?.baseUrl).filter((name): name is string => name !== undefined);
	return names.length === 0 ? 'no DHIS2 server is configured' : `configured: ${names.join(', ')}`;
}

function where(url: URL): string {
	return `${url.origin}${url.pathname}`;
}

function named(server: MatchedServer): string {
	return server.label === server.baseUrl ? server.baseUrl : `${server.label} (${server.baseUrl})`;
}

const NONE: readonly Confirmation[] = Object.freeze([]);

/** Built as one literal (no spreads): this runs for every request sent, so it stays cheap. */
function decided(verdict: InjectionVerdict, injects: boolean, server: MatchedServer | undefined, confirmations: readonly Confirmation[], explanation: string): InjectionDecision {
	return { verdict: confirmations.length > 0 && verdict !== 'refuse' ? 'needs-confirmation' : verdict, injects, server, confirmations, explanation };
}

function refuse(explanation: string, server?: MatchedServer): InjectionDecision {
	return decided('refuse', false, server, NONE, explanation);
}

/**
 * Whether the request gets `Authorization: ApiToken <key>`, is sent without it, needs a confirmation
 * first, or is refused. Pure and synchronous: it only looks at which servers have a token source,
 * never at the key. Every answer carries an explanation a user can act on. `parsedUrl` saves a
 * second parse when the caller already holds `new URL(request.url)`.
 */
export function decideInjection(request: InjectionInput, policy: InjectionPolicy, parsedUrl?: URL): InjectionDecision {
	let url: URL;
	try {
		url = parsedUrl ?? new URL(request.url);
	} catch {
		return refuse(`"${request.url}" is not a valid URL, so nothing is sent.`);
	}
	const server = matchServer(url, policy.servers);
	const hasOwnAuthorization = request.headers.some((header) => header.name.trim().toLowerCase() === 'authorization');
	let confirmations: Confirmation[] | undefined;
	const confirm = (confirmation: Confirmation): void => {
		(confirmations ??= []).push(confirmation);
	};

	if (request.wantsDhis2Token && hasOwnAuthorization) {
		return refuse(`The request has an Authorization header besides ${TOKEN_REFERENCE}; keep only one of them.`, server);
	}
	if (policy.untrusted === true) {
		if (request.wantsDhis2Token) {
			return refuse(`This workspace is not trusted, so DHIS2 tokens are never sent from it (the file asks for one with ${TOKEN_REFERENCE}). Trust the workspace to send it.`, server);
		}
		confirm({
			reason: 'untrusted-workspace',
			serverBaseUrl: server?.baseUrl,
			message: `This workspace is not trusted: send ${request.method} ${where(url)} without any DHIS2 token?`,
		});
	}
	if (server?.production === true && WRITE_METHODS.has(request.method.toUpperCase())) {
		confirm({
			reason: 'production-write',
			serverBaseUrl: server.baseUrl,
			message: `${named(server)} is a production server: really send ${request.method.toUpperCase()} ${where(url)}?`,
		});
	}

	if (policy.untrusted === true) {
		return decided('send-without-token', false, server, confirmations ?? NONE, 'No token: this workspace is not trusted, so tokens are never injected.');
	}
	if (!server) {
		if (request.wantsDhis2Token) {
			return refuse(
				`Refused: the file asks for the DHIS2 token (${TOKEN_REFERENCE}), but ${where(url)} is not under a configured DHIS2 server (${configuredList(policy.servers)}). ` +
					'A token is only ever sent to its own server.',
			);
		}
		return decided('send-without-token', false, undefined, confirmations ?? NONE, `No token: ${url.origin} is not a configured DHIS2 server.`);
	}
	if (hasOwnAuthorization) {
		return decided('send-without-token', false, server, confirmations ?? NONE, `No token added: the request sets its own Authorization header for ${named(server)}.`);
	}
	const configured = policy.servers[server.index];
	if (configured?.token === undefined) {
		if (request.wantsDhis2Token) {
			return refuse(`Refused: the file asks for the DHIS2 token, but no token is set up for ${named(server)}.`, server);
		}
		return decided('send-without-token', false, server, confirmations ?? NONE, `No token: none is set up for ${named(server)}.`);
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		confirm({
			reason: 'insecure-http',
			serverBaseUrl: server.baseUrl,
			message: `${named(server)} uses plain http:// to a host other than this computer: the token would cross the network unencrypted.`,
		});
	}
	const how = request.wantsDhis2Token ? `as the file asks (${TOKEN_REFERENCE})` : 'because the request has no Authorization header of its own';
	return decided('inject', true, server, confirmations ?? NONE, `Sending the token of ${named(server)} ${how}: ${where(url)} lies under that server.`);
}
