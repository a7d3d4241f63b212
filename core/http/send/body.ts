import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpSendError } from './errors';
import { type ResponseBody } from './types';

export interface BodyTarget {
	readonly maxInMemoryBytes: number;
	readonly tempDir?: string;
	readonly contentType: string;
	/** From Content-Length: a body announced as too big goes to a file from its first byte. */
	readonly expectedBytes?: number;
	readonly onChunk?: (receivedBytes: number) => void;
}

/** The body read so far, so a failure can say how much arrived (-1: not known). */
export interface BodyProgress {
	receivedBytes: number;
}

/** Bodies announced at most this large are read in one go rather than chunk by chunk. */
const SMALL_BODY_BYTES = 256 * 1024;

const EXTENSIONS: readonly [RegExp, string][] = [
	[/[/+]json\b/, '.json'],
	[/^text\/html\b/, '.html'],
	[/[/+]xml\b/, '.xml'],
	[/^text\/csv\b/, '.csv'],
	[/^text\//, '.txt'],
	[/^image\/png\b/, '.png'],
	[/^image\/jpeg\b/, '.jpg'],
	[/^image\/gif\b/, '.gif'],
	[/^image\/svg\+xml\b/, '.svg'],
	[/^application\/pdf\b/, '.pdf'],
	[/^application\/zip\b/, '.zip'],
	[/^application\/gzip\b/, '.gz'],
];

function extensionFor(contentType: string): string {
	const type = contentType.toLowerCase();
	return EXTENSIONS.find(([pattern]) => pattern.test(type))?.[1] ?? '.bin';
}

/** `wx` + 0600: a fresh file only this user can read, never following a planted symlink. */
function openBodyFile(target: BodyTarget): { path: string; stream: WriteStream } {
	const path = join(target.tempDir ?? tmpdir(), `dhis2-pat-response-${randomUUID()}${extensionFor(target.contentType)}`);
	return { path, stream: createWriteStream(path, { flags: 'wx', mode: 0o600 }) };
}

/** What `readResponseBody` needs of undici's body: a Node readable stream. */
export interface BodyStream {
	on(event: 'data', listener: (chunk: Buffer) => void): unknown;
	once(event: 'end', listener: () => void): unknown;
	once(event: 'error', listener: (error: Error) => void): unknown;
	pause(): unknown;
	resume(): unknown;
	destroy(error?: Error): unknown;
}

/**
 * Reads a response body chunk by chunk: in memory up to `maxInMemoryBytes`, then (moving what was
 * read) into a temp file, pausing the socket while the disk catches up, so neither memory nor the
 * event loop ever waits on a large body. Plain listeners rather than an async iterator: this runs for
 * every response, and the iterator machinery costs more than a small request itself.
 * On any failure the file is removed before the error propagates.
 */
export function readResponseBody(body: BodyStream & { arrayBuffer?: () => Promise<ArrayBuffer> }, target: BodyTarget, progress: BodyProgress): Promise<ResponseBody> {
	const expected = target.expectedBytes;
	if (body.arrayBuffer && expected !== undefined && expected <= SMALL_BODY_BYTES && expected <= target.maxInMemoryBytes) {
		// Content-Length framing caps the body at what was announced, so a small one is read in one go
		// (undici's own fast path); a body cut short still rejects, and the byte count is then unknown.
		progress.receivedBytes = -1;
		return body.arrayBuffer().then((buffer) => {
			progress.receivedBytes = buffer.byteLength;
			target.onChunk?.(buffer.byteLength);
			return { kind: 'memory', bytes: Buffer.from(buffer), size: buffer.byteLength };
		});
	}
	return new Promise<ResponseBody>((resolve, reject) => {
		let chunks: Buffer[] = [];
		let file: { path: string; stream: WriteStream } | undefined;
		let settled = false;

		const fail = (error: Error): void => {
			if (settled) return;
			settled = true;
			body.destroy();
			if (!file) {
				reject(error);
				return;
			}
			const { path, stream } = file;
			void closeQuietly(stream)
				.then(() => rm(path, { force: true }))
				.then(
					() => reject(isFileSystemError(error) ? bodyFileError(error, path, target) : error),
					() => reject(error),
				);
		};
		const toFile = (): void => {
			file = openBodyFile(target);
			const stream = file.stream;
			stream.on('error', fail);
			stream.on('drain', () => body.resume());
			for (const held of chunks) stream.write(held);
			chunks = [];
		};

		if (target.expectedBytes !== undefined && target.expectedBytes > target.maxInMemoryBytes) toFile();
		body.on('data', (chunk: Buffer) => {
			if (settled) return;
			progress.receivedBytes += chunk.byteLength;
			if (!file && progress.receivedBytes > target.maxInMemoryBytes) toFile();
			if (file) {
				if (!file.stream.write(chunk)) body.pause();
			} else {
				chunks.push(chunk);
			}
			target.onChunk?.(progress.receivedBytes);
		});
		body.once('error', fail);
		body.once('end', () => {
			if (settled) return;
			if (!file) {
				settled = true;
				const bytes = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
				resolve({ kind: 'memory', bytes, size: progress.receivedBytes });
				return;
			}
			const { path, stream } = file;
			// 'close' comes after every write has landed and the descriptor is closed; an error comes first.
			stream.once('close', () => {
				if (settled) return;
				settled = true;
				resolve({ kind: 'file', path, size: progress.receivedBytes });
			});
			stream.end();
		});
	});
}

function bodyFileError(error: unknown, path: string, target: BodyTarget): HttpSendError {
	return new HttpSendError('body-file', {
		explanation: `The response was larger than ${target.maxInMemoryBytes} bytes, and writing it to ${path} failed (${(error as NodeJS.ErrnoException).code}).`,
		nextStep: 'Check the free space and permissions of the temporary folder.',
	});
}

/** Destroys the stream and waits until its file is closed: removing it earlier could race a late open. */
async function closeQuietly(stream: WriteStream): Promise<void> {
	// A write still in flight reports the destruction as an error; nobody else is listening any more.
	stream.on('error', () => undefined);
	if (stream.closed) return;
	await new Promise<void>((resolve) => {
		stream.once('close', () => resolve());
		stream.destroy();
	});
}

function isFileSystemError(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return typeof code === 'string' && ['ENOSPC', 'EACCES', 'EPERM', 'EEXIST', 'ENOENT', 'EROFS', 'EDQUOT', 'EIO'].includes(code);
}

/** Deletes a body that was streamed to a file; a no-op for bodies in memory. */
export async function discardBody(body: ResponseBody): Promise<void> {
	if (body.kind === 'file') await rm(body.path, { force: true });
}
