/**
 * The two DHIS2 personal-access-token layouts (shared/spec §3). Everything else in the token
 * model reads these constants rather than repeating lengths and prefixes.
 */
export type TokenVersion = 'v1' | 'v2';

export interface TokenLayout {
	readonly version: TokenVersion;
	/** Prefix including the underscore separator. */
	readonly prefix: string;
	readonly bodyLength: number;
	readonly checksumLength: number;
	/** Characters allowed in the checksum: V1 is decimal, V2 is base62. */
	readonly checksumPattern: RegExp;
}

export const V1: TokenLayout = {
	version: 'v1',
	prefix: 'd2pat_',
	bodyLength: 32,
	checksumLength: 10,
	checksumPattern: /^[0-9]{10}$/,
};

export const V2: TokenLayout = {
	version: 'v2',
	prefix: 'd2p_',
	bodyLength: 44,
	checksumLength: 6,
	checksumPattern: /^[0-9A-Za-z]{6}$/,
};

export const LAYOUTS: readonly TokenLayout[] = [V1, V2];

export function tokenLength(layout: TokenLayout): number {
	return layout.prefix.length + layout.bodyLength + layout.checksumLength;
}

/** The literal every token starts with; the scanner's prefilter. */
export const COMMON_PREFIX = 'd2p';
