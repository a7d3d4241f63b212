import { type ChecksumVariant, type Era, type TokenVersion } from '../token';

/** `token`: the checksum verifies, so it is almost certainly a real key. `lookalike`: right shape, wrong checksum. */
export type FindingKind = 'token' | 'lookalike';

export interface Finding {
	readonly kind: FindingKind;
	readonly version: TokenVersion;
	/** Set for `token` findings only. */
	readonly checksum?: ChecksumVariant;
	readonly era?: Era;
	/** UTF-16 offsets into the scanned text, end exclusive. */
	readonly start: number;
	readonly end: number;
	/** The raw secret. Never print, log or persist it: use `masked` or `fingerprint`. */
	readonly token: string;
	readonly masked: string;
	/** SHA-256 hex of the token (what DHIS2 stores). */
	readonly fingerprint: string;
}
