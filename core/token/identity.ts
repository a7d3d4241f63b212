import { createHash } from 'node:crypto';
import { layoutOf } from './verify';

/** SHA-256 hex of the whole token: exactly what DHIS2 stores, so it identifies a token without revealing it. */
export function fingerprint(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `d2p_v3aW…9OZl`: the prefix, the first and last four characters after it. The only form a token is ever shown in. */
export function mask(token: string): string {
	const prefix = layoutOf(token)?.prefix ?? token.slice(0, token.indexOf('_') + 1);
	const rest = token.slice(prefix.length);
	if (rest.length <= 8) return `${prefix}…`;
	return `${prefix}${rest.slice(0, 4)}…${rest.slice(-4)}`;
}
