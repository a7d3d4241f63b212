import { type IncomingMessage, type ServerResponse } from 'node:http';

/** What a handler answers; `send` turns it into bytes. Handlers never touch the response directly. */
export interface Reply {
	readonly status: number;
	readonly headers?: Readonly<Record<string, string>>;
	readonly json?: unknown;
	readonly html?: string;
}

/** Thrown anywhere below the router to answer early (auth failures, 404s, validation errors). */
export class ReplyError extends Error {
	constructor(readonly reply: Reply) {
		super(`HTTP ${reply.status}`);
	}
}

export function send(res: ServerResponse, reply: Reply): void {
	const headers: Record<string, string> = { ...reply.headers };
	let body = '';
	if (reply.json !== undefined) {
		body = JSON.stringify(reply.json);
		headers['Content-Type'] = 'application/json;charset=UTF-8';
	} else if (reply.html !== undefined) {
		body = reply.html;
		headers['Content-Type'] = 'text/html;charset=UTF-8';
	}
	headers['Content-Length'] = String(Buffer.byteLength(body));
	res.writeHead(reply.status, headers);
	// Node drops the body of a HEAD response by itself, so GET handlers serve HEAD as Spring does.
	res.end(body);
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_BODY_BYTES) throw new Error('Request body larger than 1 MiB');
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** `application/json;charset=UTF-8` → `application/json`; empty when the header is missing. */
export function mediaTypeOf(req: IncomingMessage): string {
	return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
