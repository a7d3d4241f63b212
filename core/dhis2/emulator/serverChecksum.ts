import { expectedChecksum, LAYOUTS, paddedCrc32, V1 } from '../../token';

/**
 * The 2.41+ server-side checksum rule (spec §3 "Offline validation"), which is looser than the
 * token model's `verifyToken`: the checksum's length is not checked, and a V1 checksum is compared
 * as a number, so `+0251491445` or `251491445` pass where the canonical form is `0251491445`.
 */
export function passesServerChecksum(token: string): boolean {
	const separator = token.indexOf('_');
	if (separator < 0) return false;
	const layout = LAYOUTS.find((candidate) => candidate.prefix === token.slice(0, separator + 1));
	if (!layout) return false;
	const rest = token.slice(separator + 1);
	if (rest.length < layout.bodyLength) return false;
	const body = rest.slice(0, layout.bodyLength);
	const checksum = rest.slice(layout.bodyLength);
	if (layout === V1) {
		// Java's Long.parseLong: optional sign, decimal digits, at most a signed 64-bit value.
		if (!/^[+-]?\d{1,19}$/.test(checksum)) return false;
		const parsed = BigInt(checksum);
		return parsed <= 9223372036854775807n && parsed === BigInt(paddedCrc32(body));
	}
	return checksum === expectedChecksum(layout, body, 'padded');
}
