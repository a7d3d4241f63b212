const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** DHIS2's V2 checksum encoding: most significant digit first, left-padded with `0` to six characters. */
export function base62Pad6(value: number): string {
	let remaining = value >>> 0;
	let digits = '';
	do {
		digits = ALPHABET[remaining % 62] + digits;
		remaining = Math.floor(remaining / 62);
	} while (remaining > 0);
	return digits.padStart(6, '0');
}
