import { type Dhis2Error, isDhis2Error, type RevokeResult } from '../dhis2/client';
import { cacheNote, explain, featuresOf, type LifecycleDeps, tokenLabel } from './deps';

export interface RevokeReport {
	readonly outcome: 'revoked' | 'already-revoked' | 'failed';
	/** What happened, for a notification; names the token by name, masked key and id only. */
	readonly message: string;
	/** Set (> 0) on 2.37–2.40, which may keep accepting a revoked key from their auth cache. */
	readonly mayStillWorkForMs?: number;
	readonly error?: Dhis2Error;
	/** Whether the key is gone from this machine (true also when it was never stored here). */
	readonly removedLocally: boolean;
}

/**
 * `DELETE /api/apiToken/{id}`, then forgets the key here. A 404 means it is already gone, which is
 * just as good (and the key is forgotten too). Any other failure changes nothing, here or there.
 */
export async function revokeToken(deps: LifecycleDeps, id: string): Promise<RevokeReport> {
	const stored = deps.vault.get(deps.serverUrl, id);
	const label = tokenLabel(stored ?? { id });
	if (stored && !stored.idKnown) {
		return {
			outcome: 'failed',
			removedLocally: false,
			message: `The ${label} was imported without finding out which token it is on ${deps.serverUrl}, so it cannot be revoked from here. Revoke it in the DHIS2 User Profile app, then remove it from the Tokens view.`,
		};
	}
	let result: RevokeResult;
	try {
		// Only to learn whether this server's auth cache outlives a delete; the DELETE decides the outcome.
		await featuresOf(deps.client).catch(() => undefined);
		result = await deps.client.revokeToken(id);
	} catch (error) {
		const kept = stored ? ' Its key is still stored in VS Code.' : '';
		return {
			outcome: 'failed',
			removedLocally: false,
			message: `Could not revoke ${label} on ${deps.serverUrl}: ${explain(error)} Nothing was changed: the token still works.${kept}`,
			...(isDhis2Error(error) ? { error } : {}),
		};
	}
	const done = result.outcome === 'revoked'
		? `Revoked ${label} on ${deps.serverUrl}.`
		: `${label.charAt(0).toUpperCase()}${label.slice(1)} was already revoked on ${deps.serverUrl} (DHIS2 no longer knows it).`;
	const mayStillWorkForMs = result.outcome === 'revoked' ? result.mayStillWorkForMs : 0;
	const note = mayStillWorkForMs > 0 ? ` ${cacheNote(mayStillWorkForMs)}` : '';
	if (!stored) {
		return { outcome: result.outcome, message: `${done}${note}`, removedLocally: true, ...(mayStillWorkForMs > 0 ? { mayStillWorkForMs } : {}) };
	}
	try {
		await deps.vault.remove(deps.serverUrl, id);
	} catch (error) {
		return {
			outcome: result.outcome,
			removedLocally: false,
			message: `${done}${note} But its key could not be removed from VS Code: ${explain(error)} Remove it from the Tokens view.`,
			...(mayStillWorkForMs > 0 ? { mayStillWorkForMs } : {}),
		};
	}
	return {
		outcome: result.outcome,
		removedLocally: true,
		message: `${done} Its key was removed from VS Code.${note}`,
		...(mayStillWorkForMs > 0 ? { mayStillWorkForMs } : {}),
	};
}
