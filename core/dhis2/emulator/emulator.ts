import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { MappingError } from './attributes';
import { authenticate } from './authenticate';
import { AuthCache } from './authCache';
import { createClock } from './clock';
import { loginPageReply } from './loginPage';
import { type Reply, ReplyError, send } from './reply';
import { recordRequest, type RequestLogEntry } from './requestLog';
import { routeApi } from './router';
import { type EmulatorState } from './state';
import { parseTokenInput } from './tokenJson';
import { createToken } from './tokenService';
import { TokenStore, type StoredToken } from './tokenStore';
import { UserDirectory } from './users';
import { featuresFor, type VersionFeatures } from './versionFeatures';
import { errorReply } from './webMessage';

export interface EmulatorOptions {
	/** Default `127.0.0.1`. */
	readonly host?: string;
	/** Default 0: a free port. */
	readonly port?: number;
	/** DHIS2 release to imitate, e.g. `2.37`, `2.40`, `2.40.9`, `2.41.6`, `2.43`. Default `2.41`. */
	readonly version?: string;
	/** `enable.api_token.authentication`; default off for 2.37, on from 2.38. */
	readonly enableApiTokenAuth?: boolean;
	/** Time source (epoch ms); default `Date.now`. */
	readonly now?: () => number;
}

/** A token row as tests may inspect it: everything DHIS2 stores, which never includes the key. */
export type StoredTokenSnapshot = Readonly<Omit<StoredToken, 'attributes'>> & { readonly attributes: readonly unknown[] };

export interface Emulator {
	/** Base URL without trailing slash, e.g. `http://127.0.0.1:41234`. */
	readonly url: string;
	readonly port: number;
	readonly version: string;
	readonly features: VersionFeatures;
	readonly tokenAuthEnabled: boolean;
	/** Every request that reached the server, oldest first; credentials masked. */
	readonly requests: readonly RequestLogEntry[];
	clearRequests(): void;
	close(): Promise<void>;
	now(): number;
	setNow(ms: number): void;
	advanceTime(ms: number): void;
	disableUser(username: string): void;
	enableTwoFactor(username: string): void;
	/**
	 * Creates a token for any user without HTTP (e.g. for the disabled or 2FA account, which cannot
	 * log in). `key` plants a known key instead of generating one, e.g. a 2.40-issued `d2pat_` key.
	 * Validation is the POST validation; failures throw.
	 */
	createToken(username: string, body?: Record<string, unknown>, key?: string): { readonly uid: string; readonly key: string };
	tokenCount(): number;
	/** SHA-256 hex of every stored key: the only form keys are kept in. */
	storedKeyHashes(): string[];
	storedTokens(): StoredTokenSnapshot[];
	authCacheSize(): number;
}

/** The origin the client used, so `Location` and pager links work through port forwards; junk Host headers fall back. */
function baseUrlOf(req: IncomingMessage, fallback: string): string {
	const host = req.headers.host;
	return host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? `http://${host}` : fallback;
}

async function handle(state: EmulatorState, fallbackUrl: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
	let reply: Reply;
	try {
		const baseUrl = baseUrlOf(req, fallbackUrl);
		const url = new URL(req.url ?? '/', baseUrl);
		if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
			const { user } = authenticate(state, req, url, baseUrl);
			reply = await routeApi({ state, req, url, baseUrl, user });
		} else if (url.pathname === '/login/' || url.pathname === '/login') {
			reply = loginPageReply(state.features.version);
		} else if (url.pathname === '/') {
			reply = { status: 302, headers: { Location: `${baseUrl}/login/` } };
		} else {
			reply = { status: 404, html: '<!DOCTYPE html><title>Not Found</title><h1>404 Not Found</h1>\n' };
		}
	} catch (error) {
		reply = error instanceof ReplyError ? error.reply : errorReply(500, `Emulator error: ${(error as Error).message}`);
	}
	send(res, reply);
}

function snapshot(token: StoredToken): StoredTokenSnapshot {
	return JSON.parse(JSON.stringify(token)) as StoredTokenSnapshot;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const features = featuresFor(options.version ?? '2.41');
	const clock = createClock(options.now);
	const state: EmulatorState = {
		features,
		tokenAuthEnabled: options.enableApiTokenAuth ?? features.tokenAuthEnabledByDefault,
		clock,
		users: new UserDirectory(),
		tokens: new TokenStore(),
		authCache: new AuthCache(clock),
	};
	const host = options.host ?? '127.0.0.1';
	const requests: RequestLogEntry[] = [];
	let url = '';
	const server: Server = createServer((req, res) => {
		const entry = recordRequest(req);
		requests.push(entry);
		res.on('finish', () => {
			entry.status = res.statusCode;
		});
		handle(state, url, req, res).catch(() => res.destroy());
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	return {
		url,
		port,
		version: features.version,
		features,
		tokenAuthEnabled: state.tokenAuthEnabled,
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		close: () => new Promise<void>((resolve, reject) => {
			server.close((error) => (error ? reject(error) : resolve()));
			// Keep-alive sockets (fetch pools them) would otherwise hold `close` open.
			server.closeAllConnections();
		}),
		now: () => clock.now(),
		setNow: (ms) => clock.setNow(ms),
		advanceTime: (ms) => clock.advance(ms),
		disableUser: (username) => {
			state.users.require(username).disabled = true;
		},
		enableTwoFactor: (username) => {
			state.users.require(username).twoFactorEnabled = true;
		},
		createToken: (username, body = {}, key) => {
			try {
				const created = createToken(state, state.users.require(username), parseTokenInput(body, features), key);
				return { uid: created.token.id, key: created.key };
			} catch (error) {
				if (error instanceof ReplyError) throw new Error(`createToken rejected: ${JSON.stringify(error.reply.json)}`, { cause: error });
				if (error instanceof MappingError) throw new Error(`createToken rejected: ${error.message}`, { cause: error });
				throw error;
			}
		},
		tokenCount: () => state.tokens.count(),
		storedKeyHashes: () => state.tokens.all().map((token) => token.keyHash),
		storedTokens: () => state.tokens.all().map(snapshot),
		authCacheSize: () => state.authCache.size(),
	};
}
