import { expiryState } from '../dhis2/tokens';
import { type StoredToken } from '../vault/storedToken';
import { type TokenVault } from '../vault/tokenVault';

/**
 * Stored tokens that expire within `withinDays` of `now`, already expired ones included, soonest
 * first: the input of the expiry reminders.
 */
export function expiringTokens(vault: TokenVault, withinDays: number, now: number): StoredToken[] {
	return vault.list()
		.filter((token) => expiryState(token.expire, now, withinDays) !== 'valid')
		.sort((a, b) => a.expire - b.expire);
}
