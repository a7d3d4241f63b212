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

// Most files are small: reading them into one reused buffer spares the allocator and the GC a buffer per
// file. A larger file streams through the same buffer in chunks, because fresh memory is expensive (page
// faults on first touch, and external memory that drives V8 into extra garbage collections): the prefix
// search and the UTF-8 check need only a chunk at a time. Only a large file holding the prefix is read whole.
const CHUNK_BYTES = 256 * 1024;
const scratch = Buffer.allocUnsafe(CHUNK_BYTES);
// Bytes kept from one chunk for the next so a prefix split between them is still found.
const PREFIX_OVERLAP = COMMON_PREFIX.length - 1;

/**
 * Stats first, so an oversized file is never read and a FIFO is never opened (which would block),
 * then reads and scans at most the size stat reported. Never throws.
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
		const wanted = Math.min(size, CHUNK_BYTES);
		let length = 0;
		while (length < wanted) {
			const read = readSync(fd, scratch, length, wanted - length, null);
			if (read === 0) break;
			length += read;
		}
		return scanChunks(fd, length, size, options);
	} catch (error) {
		return unreadable(error);
	} finally {
		closeSync(fd);
	}
}

/**
 * `scanFile` for a path a directory listing has just reported as a regular file (walk's items): reads
 * first and stats only when the file fills the read buffer, and takes a short read as the end of the file
 * (what it is for a regular file), so the usual small file costs open, one read and close. O_NONBLOCK, so
 * a file swapped for a FIFO since the listing cannot block the scan: its short read ends it.
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
		const wanted = Math.min(CHUNK_BYTES, maxFileBytes + 1);
		const length = readSync(fd, scratch, 0, wanted, null);
		if (length < wanted) return scanBytes(scratch.subarray(0, length), options);
		const stat = fstatSync(fd);
		if (!stat.isFile()) return { status: 'skipped', reason: 'unreadable', message: 'not a regular file' };
		if (stat.size > maxFileBytes) return tooLargeResult(stat.size, maxFileBytes);
		return scanChunks(fd, length, Math.max(stat.size, length), options);
	} catch (error) {
		return unreadable(error);
	} finally {
		closeSync(fd);
	}
}

/**
 * Finishes a regular file whose first `firstLength` bytes are in `scratch`, reading at most `size` bytes in
 * all (a file still growing is scanned as it was when its size was taken). Agrees with `scanBytes` on the
 * whole content: the binary sniff and byte-order mark are in the first chunk, and UTF-8 is validated chunk by
 * chunk, each cut where a multi-byte sequence starts so validity is the same as for the whole.
 */
function scanChunks(fd: number, firstLength: number, size: number, options: FileScanOptions): FileScanResult {
	if (firstLength < CHUNK_BYTES || firstLength >= size) return scanBytes(scratch.subarray(0, firstLength), options);
	const first = scratch.subarray(0, firstLength);
	if (looksBinary(first)) return { status: 'skipped', reason: 'binary', message: 'binary file' };
	if (hasUtf16ByteOrderMark(first)) return scanBytes(readWhole(fd, size), options);
	let length = firstLength;
	let total = firstLength;
	// `scratch[0, validated)` are carried-over bytes the previous chunk's UTF-8 check already covered.
	let validated = 0;
	let validUtf8 = true;
	let ended = false;
	for (;;) {
		const chunk = scratch.subarray(0, length);
		if (containsPrefix(chunk)) return scanBytes(readWhole(fd, size), options);
		const cut = ended ? length : utf8SequenceStart(chunk);
		if (validUtf8) validUtf8 = isUtf8(chunk.subarray(validated, cut));
		if (ended) return { status: 'scanned', findings: [], bytes: total, validUtf8 };
		const keep = Math.min(cut, length - PREFIX_OVERLAP);
		scratch.copyWithin(0, keep, length);
		validated = cut - keep;
		length -= keep;
		const wanted = Math.min(CHUNK_BYTES - length, size - total);
		const read = readSync(fd, scratch, length, wanted, null);
		length += read;
		total += read;
		ended = read < wanted || total >= size;
	}
}

/**
 * Where the chunk's last, possibly incomplete, multi-byte sequence starts (its end when none is cut).
 * Cutting before a lead byte keeps UTF-8 validity of the parts equal to that of the whole: a lead byte
 * always starts a sequence, and a valid sequence is at most 4 bytes, so only the last 3 can be cut.
 */
function utf8SequenceStart(bytes: Uint8Array): number {
	const end = bytes.length;
	for (let at = end - 1; at >= end - 3 && at >= 0; at--) {
		const byte = bytes[at]!;
		if (byte >= 0xc0) return at;
		if (byte < 0x80) return end;
	}
	return end;
}

/** The file from its start, for the rare large file that holds the prefix and is scanned as a whole. */
function readWhole(fd: number, size: number): Buffer {
	const buffer = Buffer.allocUnsafe(size);
	let length = 0;
	while (length < size) {
		const read = readSync(fd, buffer, length, size - length, length);
		if (read === 0) break;
		length += read;
	}
	return buffer.subarray(0, length);
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
