import { randomInt } from 'node:crypto';
import { type ChecksumVariant } from './crc32';
import { type TokenLayout, V1, V2, type TokenVersion } from './format';
import { expectedChecksum } from './verify';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ALPHANUMERICS = `0123456789${LETTERS}`;

/** A source of integers in [0, bound); injectable so tests and fixtures can be reproducible. */
export type RandomIntSource = (bound: number) => number;

export interface GenerateOptions {
	readonly version?: TokenVersion;
	/** 2.41+ servers issue `padded`; 2.37–2.40 issued `plain` V1 tokens. */
	readonly variant?: ChecksumVariant;
	readonly random?: RandomIntSource;
}

export function generateToken(options: GenerateOptions = {}): string {
	const layout: TokenLayout = options.version === 'v1' ? V1 : V2;
	const variant = options.variant ?? 'padded';
	const random = options.random ?? ((bound: number) => randomInt(bound));
	// Like DHIS2's generator: the body starts with a letter, the rest is alphanumeric.
	let body = LETTERS[random(LETTERS.length)] ?? 'a';
	while (body.length < layout.bodyLength) body += ALPHANUMERICS[random(ALPHANUMERICS.length)] ?? '0';
	return layout.prefix + body + expectedChecksum(layout, body, variant);
}

/** Deterministic integers from a seed (mulberry32), for fixtures that must be identical on every run. */
export function seededRandom(seed: number): RandomIntSource {
	let state = seed >>> 0;
	return (bound: number) => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * bound);
	};
}
