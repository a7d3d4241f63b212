/**
 * A real loopback HTTP(S) server for the `.http` sender tests: it records every request exactly as it
 * arrived (method, target, raw headers, body) and answers from a script — plain replies, redirects to
 * anywhere (another origin, a downgrade), long streamed bodies, a connection cut mid-body, silence.
 * No mocking: the sender talks TCP/TLS to it.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type ResolvedRequest } from '../../core/http/model';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';

export interface RecordedRequest {
	/** `http://127.0.0.1:1234` or `https://…`: which origin (and protocol) received it. */
	readonly origin: string;
	readonly method: string;
	/** Request target as sent: path and query. */
	readonly url: string;
	readonly headers: IncomingMessage['headers'];
	/** Name, value, name, value… exactly as received, duplicates included. */
	readonly rawHeaders: readonly string[];
	readonly body: Buffer;
}

export type ScriptedReply =
	| { readonly status: number; readonly headers?: Readonly<Record<string, string | readonly string[]>>; readonly body?: string | Uint8Array }
	| { readonly redirect: string; readonly status?: number }
	/** `totalBytes` of a repeating pattern (see `patternBytes`), in chunks, honouring back-pressure. */
	| { readonly stream: { readonly totalBytes: number; readonly chunkBytes?: number; readonly contentLength?: boolean; readonly contentType?: string } }
	/** Announces `announcedBytes`, sends `sentBytes`, then destroys the socket. */
	| { readonly closeMidBody: { readonly announcedBytes?: number; readonly sentBytes: number } }
	/** Sends the headers and a first chunk, then nothing more (for body timeouts and cancellation). */
	| { readonly stall: { readonly sentBytes: number } }
	/** Never answers at all. */
	| { readonly silent: true };

export type Script = ScriptedReply | ((request: RecordedRequest) => ScriptedReply);

export interface RecordingServer {
	/** Base origin, e.g. `http://127.0.0.1:40123` (for a dual server: its https origin). */
	readonly url: string;
	readonly port: number;
	readonly host: string;
	/** For a dual-protocol server: the same host and port, spoken as plain http. */
	readonly httpUrl: string;
	readonly requests: RecordedRequest[];
	/** Answer requests to `path` (path only, no query) with `script`; later calls win. */
	route(path: string, script: Script): void;
	clear(): void;
	close(): Promise<void>;
}

export interface RecordingServerOptions {
	/** Default 127.0.0.1 (127.0.0.2 gives a second loopback host). */
	readonly host?: string;
	/** Speak TLS with this certificate. */
	readonly tls?: { readonly key: string; readonly cert: string };
	/** With `tls`: also speak plain HTTP on the same port (first byte 0x16 = TLS), for same-host downgrades. */
	readonly dualProtocol?: boolean;
}

/** The byte at `offset` of every streamed body: cheap to generate, easy to verify. */
export function patternBytes(offset: number, length: number): Buffer {
	const buffer = Buffer.allocUnsafe(length);
	for (let index = 0; index < length; index++) buffer[index] = (offset + index) % 251;
	return buffer;
}

async function writeChunk(res: ServerResponse, chunk: Buffer): Promise<boolean> {
	if (res.destroyed) return false;
	if (res.write(chunk)) return true;
	return new Promise((resolve) => {
		const done = (ok: boolean) => () => {
			res.off('drain', onDrain);
			res.off('close', onClose);
			resolve(ok);
		};
		const onDrain = done(true);
		const onClose = done(false);
		res.once('drain', onDrain);
		res.once('close', onClose);
	});
}

async function answer(reply: ScriptedReply, res: ServerResponse): Promise<void> {
	if ('silent' in reply) return;
	if ('redirect' in reply) {
		res.writeHead(reply.status ?? 302, { location: reply.redirect, 'content-type': 'text/plain' });
		res.end(`redirecting to ${reply.redirect}`);
		return;
	}
	if ('stream' in reply) {
		const { totalBytes, chunkBytes = 64 * 1024, contentLength = true, contentType = 'application/octet-stream' } = reply.stream;
		res.writeHead(200, { 'content-type': contentType, ...(contentLength ? { 'content-length': String(totalBytes) } : {}) });
		// One pattern chunk reused: 251 divides nothing we use, so offsets are tracked per chunk.
		for (let sent = 0; sent < totalBytes;) {
			const length = Math.min(chunkBytes, totalBytes - sent);
			if (!(await writeChunk(res, patternBytes(sent, length)))) return;
			sent += length;
		}
		res.end();
		return;
	}
	if ('closeMidBody' in reply) {
		const { announcedBytes, sentBytes } = reply.closeMidBody;
		res.writeHead(200, { 'content-type': 'application/octet-stream', ...(announcedBytes === undefined ? {} : { 'content-length': String(announcedBytes) }) });
		await writeChunk(res, patternBytes(0, sentBytes));
		// Let the bytes leave before the cut, so the client sees a body that stops short.
		setTimeout(() => res.socket?.destroy(), 50);
		return;
	}
	if ('stall' in reply) {
		res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(reply.stall.sentBytes * 1000) });
		await writeChunk(res, patternBytes(0, reply.stall.sentBytes));
		return;
	}
	const headers: Record<string, string | readonly string[]> = { 'content-type': 'application/json', ...(reply.headers ?? {}) };
	res.writeHead(reply.status, headers as Record<string, string | string[]>);
	res.end(reply.body ?? '');
}

function wire(server: Server, origin: () => string, requests: RecordedRequest[], routes: Map<string, Script>): void {
	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const recorded: RecordedRequest = {
				origin: origin(),
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				rawHeaders: [...req.rawHeaders],
				body: Buffer.concat(chunks),
			};
			requests.push(recorded);
			const path = new URL(recorded.url, 'http://x').pathname;
			const script = routes.get(path) ?? { status: 200, body: JSON.stringify({ ok: true, path }) };
			const reply = typeof script === 'function' ? script(recorded) : script;
			answer(reply, res).catch(() => res.destroy());
		});
	});
}

export async function startRecordingServer(options: RecordingServerOptions = {}): Promise<RecordingServer> {
	const host = options.host ?? '127.0.0.1';
	const requests: RecordedRequest[] = [];
	const routes = new Map<string, Script>();
	const sockets = new Set<Socket>();
	let port = 0;
	const track = (socket: Socket): void => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
	};

	const plain = createHttpServer();
	const secure = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }) : undefined;
	wire(plain, () => `http://${host}:${port}`, requests, routes);
	if (secure) wire(secure, () => `https://${host}:${port}`, requests, routes);

	// One TCP listener hands each connection to the HTTP or the HTTPS server by its first byte.
	const listener: TcpServer = createTcpServer((socket) => {
		track(socket);
		socket.once('data', (first: Buffer) => {
			socket.pause();
			socket.unshift(first);
			const target = secure && (first[0] === 0x16 || !options.dualProtocol) ? secure : plain;
			target.emit('connection', socket);
			process.nextTick(() => socket.resume());
		});
	});
	await new Promise<void>((resolve, reject) => {
		listener.once('error', reject);
		listener.listen(0, host, () => resolve());
	});
	port = (listener.address() as AddressInfo).port;
	const scheme = secure ? 'https' : 'http';
	return {
		url: `${scheme}://${host}:${port}`,
		httpUrl: `http://${host}:${port}`,
		port,
		host,
		requests,
		route: (path, script) => {
			routes.set(path, script);
		},
		clear: () => {
			requests.length = 0;
		},
		close: () => new Promise<void>((resolve) => {
			for (const socket of sockets) socket.destroy();
			plain.close();
			secure?.close();
			listener.close(() => resolve());
		}),
	};
}

/** Every header line any of the servers received, as text: for "the key never arrived here" checks. */
export function receivedHeaderText(...servers: readonly RecordingServer[]): string {
	return servers.flatMap((server) => server.requests.map((request) => request.rawHeaders.join('\n'))).join('\n');
}

/** A hand-built resolved request, as the parser/resolver would hand it to the sender. */
export function resolvedRequest(
	method: string,
	url: string,
	extra: { headers?: readonly { name: string; value: string }[]; body?: string | Uint8Array; wantsDhis2Token?: boolean; noRedirect?: boolean; timeoutMs?: number; name?: string } = {},
): ResolvedRequest {
	return {
		method,
		url,
		headers: extra.headers ?? [],
		...(extra.body === undefined ? {} : { body: extra.body }),
		...(extra.name === undefined ? {} : { name: extra.name }),
		directives: { noRedirect: extra.noRedirect ?? false, noCookieJar: false, ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }) },
		wantsDhis2Token: extra.wantsDhis2Token ?? false,
	};
}

/** Fails if `text` holds the key, or even its random middle (a partially masked leak). */
export function assertNoKey(text: string, key: string, where: string): void {
	if (text.includes(key)) throw new Error(`the key reached ${where}`);
	const body = key.slice(key.indexOf('_') + 1);
	if (body.length >= 16 && text.includes(body.slice(4, -4))) throw new Error(`the middle of the key reached ${where}`);
}
