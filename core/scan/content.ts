import { TextDecoder } from 'node:util';

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

const strict: Record<Encoding, TextDecoder> = {
	'utf-8': new TextDecoder('utf-8', { fatal: true }),
	'utf-16le': new TextDecoder('utf-16le', { fatal: true }),
	'utf-16be': new TextDecoder('utf-16be', { fatal: true }),
};
const lenient: Record<Encoding, TextDecoder> = {
	'utf-8': new TextDecoder('utf-8'),
	'utf-16le': new TextDecoder('utf-16le'),
	'utf-16be': new TextDecoder('utf-16be'),
};

/** UTF-16 when a byte-order mark says so (Windows PowerShell 5 writes `>` redirections as UTF-16LE), else UTF-8. */
function encodingOf(bytes: Uint8Array): Encoding {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	return 'utf-8';
}

const SNIFF_BYTES = 8000;

/**
 * Git's heuristic: a NUL byte in the first 8000 bytes means binary. A UTF-16 file with a byte-order mark
 * is full of NUL bytes yet is text, so there the test is a NUL *character* instead.
 */
export function looksBinary(bytes: Uint8Array): boolean {
	const sniffed = bytes.subarray(0, SNIFF_BYTES);
	const encoding = encodingOf(bytes);
	if (encoding !== 'utf-8') return lenient[encoding].decode(sniffed).includes('\0');
	return sniffed.includes(0);
}

export interface DecodedText {
	readonly text: string;
	/** False when the bytes were not valid UTF-8 (or UTF-16 after its byte-order mark) and U+FFFD replaced the bad sequences. */
	readonly validUtf8: boolean;
}

/** Decodes for scanning. Tokens are ASCII, so replacement characters elsewhere cannot hide one. */
export function decodeForScan(bytes: Uint8Array): DecodedText {
	const encoding = encodingOf(bytes);
	try {
		return { text: strict[encoding].decode(bytes), validUtf8: true };
	} catch {
		return { text: lenient[encoding].decode(bytes), validUtf8: false };
	}
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
