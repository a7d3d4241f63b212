import { type TokenAttribute } from './attributes';

/**
 * One row of DHIS2's `api_token` table (spec §4). `keyHash` is the SHA-256 hex of the whole key;
 * there is deliberately no field that could hold the key itself.
 */
export interface StoredToken {
	readonly id: string;
	code: string | undefined;
	readonly created: number;
	lastUpdated: number;
	readonly createdBy: string;
	lastUpdatedBy: string;
	version: number;
	type: string;
	expire: number;
	attributes: readonly TokenAttribute[];
	readonly keyHash: string;
}

export class TokenStore {
	private readonly rows = new Map<string, StoredToken>();

	add(token: StoredToken): void {
		if (this.rows.has(token.id)) throw new Error(`Duplicate token uid ${token.id}`);
		if (this.findByHash(token.keyHash)) throw new Error('Duplicate key hash');
		this.rows.set(token.id, token);
	}

	get(id: string): StoredToken | undefined {
		return this.rows.get(id);
	}

	/** The only lookup authentication uses: exact equality on the hash, as `HibernateApiTokenStore.getByKey`. */
	findByHash(keyHash: string): StoredToken | undefined {
		for (const token of this.rows.values()) if (token.keyHash === keyHash) return token;
		return undefined;
	}

	findByCode(code: string): StoredToken | undefined {
		for (const token of this.rows.values()) if (token.code === code) return token;
		return undefined;
	}

	delete(id: string): StoredToken | undefined {
		const token = this.rows.get(id);
		this.rows.delete(id);
		return token;
	}

	/** In creation order. */
	all(): StoredToken[] {
		return [...this.rows.values()];
	}

	count(): number {
		return this.rows.size;
	}
}
