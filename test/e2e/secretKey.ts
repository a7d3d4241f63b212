import { fingerprint, mask, verifyToken } from '../../core/token';

/**
 * The generated key, kept out of every string the harness prints: `String(key)`, template literals,
 * `util.inspect` and JSON all give the masked form. Only `reveal()` gives the key, for comparisons.
 */
export class SecretKey {
	readonly masked: string;
	readonly fingerprint: string;
	readonly #value: string;

	constructor(value: string) {
		this.#value = value;
		this.masked = mask(value);
		this.fingerprint = fingerprint(value);
	}

	reveal(): string {
		return this.#value;
	}

	/** True when the checksum of the key verifies (it is a real DHIS2 key, not a masked or truncated one). */
	get verifies(): boolean {
		return verifyToken(this.#value) !== undefined;
	}

	toString(): string {
		return this.masked;
	}

	toJSON(): string {
		return this.masked;
	}

	[Symbol.for('nodejs.util.inspect.custom')](): string {
		return `SecretKey(${this.masked})`;
	}
}
