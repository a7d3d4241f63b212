// Real loopback servers for the API client tests: no HTTP mocking, the client talks TCP/TLS to these.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Dhis2Error } from '../../core/dhis2/client';

export interface SeenRequest {
	readonly method: string;
	readonly url: string;
	readonly headers: IncomingMessage['headers'];
	readonly body: string;
}

export interface LoopbackServer {
	readonly url: string;
	readonly port: number;
	readonly requests: SeenRequest[];
	close(): Promise<void>;
}

type Handler = (req: SeenRequest, res: ServerResponse) => void;

async function listen(server: Server, sockets: Set<Socket>): Promise<number> {
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
	return () => new Promise<void>((resolve) => {
		for (const socket of sockets) socket.destroy();
		server.close(() => resolve());
	});
}

function wire(server: Server, requests: SeenRequest[], handler: Handler): void {
	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			requests.push(seen);
			handler(seen, res);
		});
	});
}

/** An HTTP server on 127.0.0.1 that answers with `handler`; records every request with its body. */
export async function startHttpServer(handler: Handler): Promise<LoopbackServer> {
	const server = createHttpServer();
	const requests: SeenRequest[] = [];
	const sockets = new Set<Socket>();
	wire(server, requests, handler);
	const port = await listen(server, sockets);
	return { url: `http://127.0.0.1:${port}`, port, requests, close: closer(server, sockets) };
}

export async function startHttpsServer(tls: { key: string; cert: string }, handler: Handler): Promise<LoopbackServer> {
	const server = createHttpsServer({ key: tls.key, cert: tls.cert });
	const requests: SeenRequest[] = [];
	const sockets = new Set<Socket>();
	wire(server, requests, handler);
	const port = await listen(server, sockets);
	return { url: `https://localhost:${port}`, port, requests, close: closer(server, sockets) };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
	res.end(JSON.stringify(body));
}

export function webMessage(status: number, message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { httpStatus: String(status), httpStatusCode: status, status: status < 400 ? 'OK' : 'ERROR', message, ...extra };
}

/** Accepts TCP connections and never says a word: for header timeouts and cancellation. */
export async function startSilentServer(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
	const sockets = new Set<Socket>();
	let count = 0;
	const server = createTcpServer((socket) => {
		count += 1;
		sockets.add(socket);
		socket.on('error', () => undefined);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		connections: () => count,
		close: () => new Promise<void>((resolve) => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		}),
	};
}

/** A port that was free a moment ago and has nothing listening now. */
export async function closedPort(): Promise<number> {
	const server = createTcpServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** A forward proxy that only speaks CONNECT (what undici's ProxyAgent uses), logging each target. */
export async function startConnectProxy(): Promise<{ url: string; targets: string[]; close(): Promise<void> }> {
	const targets: string[] = [];
	const sockets = new Set<Socket>();
	const server = createHttpServer((_req, res) => {
		res.writeHead(405);
		res.end();
	});
	server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
		targets.push(req.url ?? '');
		const [host = '', port = '80'] = (req.url ?? '').split(/:(?=\d+$)/);
		const upstream = connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		sockets.add(upstream);
		sockets.add(client);
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	const port = await listen(server, sockets);
	return { url: `http://127.0.0.1:${port}`, targets, close: closer(server, sockets) };
}

export interface GeneratedCertificate {
	readonly key: string;
	readonly cert: string;
}

/**
 * A self-signed certificate (by default for `localhost` and 127.0.0.1), made now with the openssl CLI. Returns a reason
 * instead when openssl is missing, so TLS tests skip visibly rather than pass vacuously.
 */
export function selfSignedCertificate(commonName = 'localhost', altNames = 'DNS:localhost,IP:127.0.0.1'): GeneratedCertificate | { readonly skip: string } {
	const dir = mkdtempSync(join(tmpdir(), 'dhis2-pat-tls-'));
	try {
		const result = spawnSync('openssl', [
			'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2',
			'-subj', `/CN=${commonName}`, '-addext', `subjectAltName=${altNames}`,
			'-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
		], { encoding: 'utf8' });
		if (result.error || result.status !== 0) return { skip: `openssl could not make a certificate: ${result.error?.message ?? result.stderr}` };
		return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Every way an error can be turned into text must keep the key (and its random body) out. */
export function assertNoSecret(error: unknown, ...secrets: string[]): void {
	const renderings = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), (error as Error).stack ?? ''];
	for (const secret of secrets) {
		const body = secret.slice(secret.indexOf('_') + 1);
		for (const text of renderings) {
			assert.ok(!text.includes(secret), `secret leaked into: ${text.slice(0, 200)}`);
			if (body.length >= 16) assert.ok(!text.includes(body.slice(4, -4)), 'the body of the secret leaked');
		}
	}
}

/** Awaits a call that must fail with a Dhis2Error that explains itself and says what to do next. */
export async function rejection(promise: Promise<unknown>): Promise<Dhis2Error> {
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof Dhis2Error, `expected a Dhis2Error, got ${inspect(error)}`);
		assert.ok(error.explanation.length > 10 && error.nextStep.length > 10, 'explains and says what to do');
		return error;
	}
	assert.fail('expected the call to fail');
}
