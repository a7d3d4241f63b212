import { type TokenAttribute } from './attributes';
import { type Clock } from './clock';

/** What DHIS2 caches per key hash: the token as it was when first used, and its owner. */
export interface CachedAuthentication {
	readonly tokenId: string;
	readonly ownerId: string;
	readonly expire: number;
	readonly attributes: readonly TokenAttribute[];
}

export const AUTH_CACHE_TTL_MS = 60 * 60 * 1000;

/**
 * The per-node API key cache (expire-after-write, one hour). A hit skips the database, so later
 * edits to the token's attributes or its owner's status are not seen until the entry ages out.
 */
export class AuthCache {
	private readonly entries = new Map<string, { readonly value: CachedAuthentication; readonly writtenAt: number }>();

	constructor(private readonly clock: Clock) {}

	get(keyHash: string): CachedAuthentication | undefined {
		const entry = this.entries.get(keyHash);
		if (!entry) return undefined;
		if (this.clock.now() - entry.writtenAt >= AUTH_CACHE_TTL_MS) {
			this.entries.delete(keyHash);
			return undefined;
		}
		return entry.value;
	}

	put(keyHash: string, value: CachedAuthentication): void {
		this.entries.set(keyHash, { value, writtenAt: this.clock.now() });
	}

	evict(keyHash: string): void {
		this.entries.delete(keyHash);
	}

	size(): number {
		return this.entries.size;
	}
}
