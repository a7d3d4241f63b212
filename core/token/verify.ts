import { base62Pad6 } from './base62';
import { type ChecksumVariant, crc32For } from './crc32';
import { type TokenLayout, V1, V2 } from './format';

/** Which DHIS2 releases issue a token whose checksum matched this way. */
export type Era = '2.37-2.40' | '2.41+';

export interface ChecksumMatch {
	readonly variant: ChecksumVariant;
	readonly era: Era;
}

const VARIANTS_IN_ORDER: readonly ChecksumVariant[] = ['padded', 'plain'];

export function expectedChecksum(layout: TokenLayout, body: string, variant: ChecksumVariant): string {
	const crc = crc32For(body, variant);
	return layout === V1 ? String(crc).padStart(10, '0') : base62Pad6(crc);
}

/**
 * Checks the checksum of a string already known to have `layout`'s shape.
 * Returns the matching variant, or `undefined` for a lookalike.
 */
export function matchChecksum(layout: TokenLayout, body: string, checksum: string): ChecksumMatch | undefined {
	for (const variant of VARIANTS_IN_ORDER) {
		if (expectedChecksum(layout, body, variant) === checksum) {
			return { variant, era: variant === 'plain' ? '2.37-2.40' : '2.41+' };
		}
	}
	return undefined;
}

export function layoutOf(token: string): TokenLayout | undefined {
	if (token.startsWith(V1.prefix)) return V1;
	if (token.startsWith(V2.prefix)) return V2;
	return undefined;
}

/** A full-string check, for input the user pasted (import, `.http` variables) rather than scanned text. */
export function verifyToken(token: string): ChecksumMatch | undefined {
	const layout = layoutOf(token);
	if (!layout || token.length !== layout.prefix.length + layout.bodyLength + layout.checksumLength) return undefined;
	const body = token.slice(layout.prefix.length, layout.prefix.length + layout.bodyLength);
	const checksum = token.slice(layout.prefix.length + layout.bodyLength);
	if (!/^[A-Za-z0-9]+$/.test(body) || !layout.checksumPattern.test(checksum)) return undefined;
	return matchChecksum(layout, body, checksum);
}
