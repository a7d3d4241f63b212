import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { COMMON_PREFIX } from '../token';
import { DEFAULT_MAX_FILE_BYTES, decodeForScan, looksBinary } from './content';
import { type Finding } from './finding';
import { scanText } from './scanner';
import { describeFsError } from './walk';

export interface FileScanOptions {
	/** Larger files are skipped as `too-large`. Default `DEFAULT_MAX_FILE_BYTES`. */
	readonly maxFileBytes?: number;
	readonly includeLookalikes?: boolean;
	/** Default true. */
	readonly honourInlineIgnores?: boolean;
	/** Fingerprints (lowercase SHA-256 hex) silenced by a `.dhis2-pat-ignore`. */
	readonly ignoredFingerprints?: ReadonlySet<string>;
}

export type FileScanResult =
	| {
			readonly status: 'scanned';
			readonly findings: Finding[];
			readonly bytes: number;
			/** False when the file was not valid UTF-8; a file holding the prefix was then scanned with U+FFFD replacements. */
			readonly validUtf8: boolean;
			/** The decoded text, only when findings were made (to turn their offsets into lines and columns). */
			readonly text?: string;
	  }
	| { readonly status: 'skipped'; readonly reason: 'binary' | 'too-large' | 'unreadable'; readonly message: string };

// `2p` rather than `d2p`: Buffer#indexOf finds a short needle by memchr on its first byte, and `d` is
// one of the commonest bytes in source code while `2` is rare, so this is several times faster.
const PREFIX_TAIL = Buffer.from(COMMON_PREFIX.slice(1), 'latin1');
const PREFIX_HEAD = COMMON_PREFIX.charCodeAt(0);

function containsPrefix(bytes: Buffer): boolean {
	for (let at = bytes.indexOf(PREFIX_TAIL, 1); at > 0; at = bytes.indexOf(PREFIX_TAIL, at + 1)) {
		if (bytes[at - 1] === PREFIX_HEAD) return true;
	}
	return false;
}

/**
 * Scans raw file content. Bytes are searched for the `d2p` literal before anything is decoded,
 * so the common case (no prefix anywhere) costs one memchr-style pass and no string allocation.
 */
export function scanBytes(bytes: Uint8Array, options: FileScanOptions = {}): FileScanResult {
	const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
	if (bytes.length > maxFileBytes) return tooLargeResult(bytes.length, maxFileBytes);
	if (looksBinary(bytes)) return { status: 'skipped', reason: 'binary', message: 'binary file' };
	const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
	// UTF-16 (with its byte-order mark) spells the prefix with NUL bytes between the letters: always decode it.
	if (!hasUtf16ByteOrderMark(buffer) && !containsPrefix(buffer)) {
		return { status: 'scanned', findings: [], bytes: bytes.length, validUtf8: isUtf8(buffer) };
	}
	const { text, validUtf8 } = decodeForScan(buffer);
	let findings = scanText(text, {
		includeLookalikes: options.includeLookalikes ?? false,
		honourInlineIgnores: options.honourInlineIgnores ?? true,
	});
	const ignored = options.ignoredFingerprints;
	if (ignored && ignored.size > 0) findings = findings.filter((finding) => !ignored.has(finding.fingerprint));
	return findings.length > 0
		? { status: 'scanned', findings, bytes: bytes.length, validUtf8, text }
		: { status: 'scanned', findings, bytes: bytes.length, validUtf8 };
}

function hasUtf16ByteOrderMark(bytes: Uint8Array): boolean {
	return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

// Most files are small: reading them into one reused buffer spares the allocator and the GC a
// buffer per file. Larger files get their own, so the scratch buffer never pins megabytes.
const SCRATCH_LIMIT = 256 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_LIMIT);

/**
 * Stats first, so an oversized file is never read and a FIFO is never opened (which would block),
 * then reads and scans. Never throws.
 */
export function scanFile(path: string, options: FileScanOptions = {}): FileScanResult {
	const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
	let size: number;
	try {
		const stat = statSync(path);
		if (!stat.isFile()) return { status: 'skipped', reason: 'unreadable', message: stat.isDirectory() ? 'is a directory' : 'not a regular file' };
		size = stat.size;
	} catch (error) {
		return unreadable(error);
	}
	if (size > maxFileBytes) return tooLargeResult(size, maxFileBytes);
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch (error) {
		return unreadable(error);
	}
	try {
		return scanBytes(readUpTo(fd, size), options);
	} catch (error) {
		return unreadable(error);
	} finally {
		closeSync(fd);
	}
}

/**
 * `scanFile` for a path a directory listing has just reported as a regular file (walk's items): reads
 * first and stats only when the file fills the read buffer, one system call fewer for the usual small
 * file. O_NONBLOCK, so a file swapped for a FIFO since the listing cannot block the scan.
 */
export function scanListedFile(path: string, options: FileScanOptions = {}): FileScanResult {
	const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
	let fd: number;
	try {
		fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		return unreadable(error);
	}
	try {
		const wanted = Math.min(SCRATCH_LIMIT, maxFileBytes + 1);
		let length = 0;
		for (;;) {
			const read = readSync(fd, scratch, length, wanted - length, null);
			if (read === 0) return scanBytes(scratch.subarray(0, length), options);
			length += read;
			if (length === wanted) break;
		}
		const stat = fstatSync(fd);
		if (!stat.isFile()) return { status: 'skipped', reason: 'unreadable', message: 'not a regular file' };
		if (stat.size > maxFileBytes) return tooLargeResult(stat.size, maxFileBytes);
		const buffer = Buffer.allocUnsafe(Math.max(stat.size, length));
		scratch.copy(buffer, 0, 0, length);
		return scanBytes(readRest(fd, buffer, length), options);
	} catch (error) {
		return unreadable(error);
	} finally {
		closeSync(fd);
	}
}

function readRest(fd: number, buffer: Buffer, from: number): Buffer {
	let length = from;
	while (length < buffer.length) {
		const read = readSync(fd, buffer, length, buffer.length - length, null);
		if (read === 0) break;
		length += read;
	}
	return buffer.subarray(0, length);
}

/**
 * Reads the `size` bytes stat reported, like readFileSync, and no further: a file still growing is
 * scanned as it was when stat ran, and the usual file costs one read call instead of two.
 */
function readUpTo(fd: number, size: number): Buffer {
	let buffer: Buffer;
	if (size <= SCRATCH_LIMIT) {
		buffer = scratch;
	} else {
		buffer = Buffer.allocUnsafe(size);
	}
	return readRest(fd, buffer.subarray(0, size), 0);
}

function unreadable(error: unknown): FileScanResult {
	return { status: 'skipped', reason: 'unreadable', message: describeFsError(error) };
}

/** The result for a file over the size limit, for callers that learn its size some other way (a git blob). */
export function tooLargeResult(size: number, limit: number): FileScanResult {
	return {
		status: 'skipped',
		reason: 'too-large',
		message: `larger than the size limit (${formatKiB(size)} > ${formatKiB(limit)})`,
	};
}

function formatKiB(bytes: number): string {
	return `${Math.ceil(bytes / 1024)} KB`;
}
