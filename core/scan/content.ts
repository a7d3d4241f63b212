/** Git's heuristic: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
	const limit = Math.min(bytes.length, 8000);
	for (let i = 0; i < limit; i++) {
		if (bytes[i] === 0) return true;
	}
	return false;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

export interface DecodedText {
	readonly text: string;
	/** False when the bytes were not valid UTF-8 and U+FFFD replaced the bad sequences. */
	readonly validUtf8: boolean;
}

/** Decodes for scanning. Tokens are ASCII, so replacement characters elsewhere cannot hide one. */
export function decodeForScan(bytes: Uint8Array): DecodedText {
	try {
		return { text: strictUtf8.decode(bytes), validUtf8: true };
	} catch {
		return { text: lenientUtf8.decode(bytes), validUtf8: false };
	}
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
