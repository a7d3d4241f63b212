import { type ApiTokenInfo, type CreatedToken, type Dhis2Client, Dhis2Error, isDhis2Error, type RevokeResult, type ServerFeatures } from '../dhis2/client';
import { buildCreateTokenBody, contextOfRestrictions, formatDate, type TokenRestrictions } from '../dhis2/tokens';
import { type StoredToken } from '../vault/storedToken';
import { asDhis2Error, cacheNote, explain, featuresOf, type LifecycleDeps, nowOf, tokenLabel } from './deps';
import { undoUnstoredToken } from './generate';
import { rotatedName } from './rotatedName';
import { DEFAULT_LIFETIME_MS, parseDhis2Date, recordOfNewToken } from './tokenRecord';

export type RotationStepName = 'create' | 'store' | 'activate' | 'revoke-old' | 'forget-old';
export type RotationStepStatus = 'done' | 'failed' | 'skipped';

export interface RotationStep {
	readonly step: RotationStepName;
	readonly status: RotationStepStatus;
	readonly detail?: string;
}

export interface RotationReport {
	/** Every step done (or skipped because there was nothing to do): the old token is revoked and forgotten. */
	readonly ok: boolean;
	/** Set once the new token exists and is stored here. */
	readonly newToken?: StoredToken;
	/** All five steps, in order, each done, failed or skipped. */
	readonly steps: RotationStep[];
	/** Exactly where things stand, for a notification. Names tokens by name, masked key and id. */
	readonly message: string;
	/** The old token was not revoked: it still authenticates. */
	readonly oldTokenAlive: boolean;
	/** On 2.37–2.40 the revoked old key may keep working this long (auth cache). */
	readonly mayStillWorkForMs?: number;
	/** The failure that stopped the rotation. */
	readonly error?: Dhis2Error;
}

export interface RotateOptions {
	/** Called as each step starts (for progress); if it throws, that step fails like any other. */
	readonly onStep?: (step: RotationStepName) => unknown;
}

const STEP_ORDER: readonly RotationStepName[] = ['create', 'store', 'activate', 'revoke-old', 'forget-old'];
/** Derived names tried before creating the new token without a server-side name. */
const NAME_ATTEMPTS = 5;

interface Replacement {
	readonly name?: string;
	readonly context: 'server' | 'browser';
	readonly restrictions: TokenRestrictions;
	readonly lifetimeMs: number;
}

/**
 * Replaces a token by a new one with the same context, restrictions and lifetime length: create,
 * store the new key, move the active reference, revoke the old token, forget its key. Each step
 * runs only if the previous one succeeded, so until `revoke-old` is done the old token keeps working
 * — a failure never leaves the user without a working, stored key.
 */
export async function rotateToken(deps: LifecycleDeps, id: string, options: RotateOptions = {}): Promise<RotationReport> {
	const { vault, client, serverUrl } = deps;
	const now = nowOf(deps);
	const stored = vault.get(serverUrl, id);
	const oldLabel = tokenLabel(stored ?? { id });
	const wasActive = vault.activeId(serverUrl) === id;
	const steps: RotationStep[] = [];
	const oldStanding = `The old ${oldLabel} ${joinAnd(['still works', ...(stored ? ['is still stored in VS Code'] : []), ...(wasActive ? ['is still the active token for .http requests'] : [])])}.`;

	const stop = (step: RotationStepName, error: unknown, message: string, extra: Partial<RotationReport> = {}): RotationReport => {
		steps.push({ step, status: 'failed', detail: explain(error) });
		for (const later of STEP_ORDER.slice(STEP_ORDER.indexOf(step) + 1)) steps.push({ step: later, status: 'skipped', detail: 'not attempted after the failure' });
		return { ok: false, steps, message, oldTokenAlive: true, error: asDhis2Error(error, 'See the message for what to do next.'), ...extra };
	};

	if (stored && !stored.idKnown) {
		// Its restrictions and lifetime are unknown: a "replacement" could quietly allow more than the original.
		const error = new Dhis2Error('bad-request', {
			explanation: `The ${oldLabel} was imported without finding out which token it is on ${serverUrl}, so its restrictions and lifetime cannot be copied.`,
			nextStep: 'Generate a new token instead, then revoke the old one in the DHIS2 User Profile app and remove it from the Tokens view.',
		});
		return stop('create', error, `Rotation not started: ${error.userMessage} Nothing was changed.`);
	}

	// 1. Create the replacement on the server.
	let created: CreatedToken;
	let replacement: Replacement;
	let newName: string | undefined;
	let nameDetail: string;
	try {
		await options.onStep?.('create');
		const features = await featuresOf(client);
		replacement = await replacementFor(client, id, stored);
		const attempt = await createWithFreeName(client, replacement, features, now);
		created = attempt.created;
		newName = attempt.name;
		nameDetail = attempt.detail;
	} catch (error) {
		return stop('create', error, `Rotation stopped: the new token could not be created. ${explain(error)} Nothing was changed. ${oldStanding}`);
	}
	const newToken = recordOfNewToken({
		serverUrl,
		id: created.id,
		key: created.key,
		...(newName === undefined ? {} : { name: newName }),
		context: replacement.context,
		expire: now + replacement.lifetimeMs,
		restrictions: replacement.restrictions,
		created: now,
		...(stored?.owner === undefined ? {} : { owner: stored.owner }),
	});
	const newLabel = tokenLabel(newToken);
	steps.push({ step: 'create', status: 'done', detail: `created ${newLabel}, expiring ${formatDate(newToken.expire)}${nameDetail}` });

	// 2. Store its key. If that fails, the new token is revoked again: a key nobody has is of no use.
	try {
		await options.onStep?.('store');
		await vault.store(newToken, created.key);
	} catch (error) {
		const undo = await undoUnstoredToken(deps, newToken, error);
		return stop('store', undo, `Rotation stopped: ${undo.explanation} ${oldStanding} ${undo.nextStep}`);
	}
	steps.push({ step: 'store', status: 'done', detail: `key stored in VS Code as ${newToken.masked}` });

	// 3. Move the active reference.
	if (wasActive) {
		try {
			await options.onStep?.('activate');
			await vault.setActive(serverUrl, newToken.id);
		} catch (error) {
			return stop('activate', error, `Rotation stopped: the new ${newLabel} is created and stored in VS Code, but it could not be made the active token: ${explain(error)} Nothing was revoked. ${oldStanding} Set the new token as active, then revoke the old one from the Tokens view.`, { newToken });
		}
		steps.push({ step: 'activate', status: 'done', detail: 'the new token is now used for .http requests' });
	} else {
		steps.push({ step: 'activate', status: 'skipped', detail: 'the old token was not the active one' });
	}
	const newStanding = `The new ${newLabel} is created, stored in VS Code${wasActive ? ' and now the active token' : ''}.`;

	// 4. Revoke the old token.
	let revoked: RevokeResult;
	try {
		await options.onStep?.('revoke-old');
		revoked = await client.revokeToken(id);
	} catch (error) {
		return stop('revoke-old', error, `${newStanding} Revoking the old ${oldLabel} failed: ${explain(error)} The old token still works${stored ? ' and is still stored in VS Code' : ''}; revoke it from the Tokens view once the problem is fixed.`, { newToken });
	}
	const mayStillWorkForMs = revoked.outcome === 'revoked' ? revoked.mayStillWorkForMs : 0;
	const cache = mayStillWorkForMs > 0 ? { mayStillWorkForMs } : {};
	const note = mayStillWorkForMs > 0 ? ` ${cacheNote(mayStillWorkForMs)}` : '';
	steps.push({ step: 'revoke-old', status: 'done', detail: revoked.outcome === 'revoked' ? 'revoked' : 'already revoked' });

	// 5. Forget the old key.
	if (stored) {
		try {
			await options.onStep?.('forget-old');
			await vault.remove(serverUrl, id);
		} catch (error) {
			return stop('forget-old', error, `${newStanding} The old ${oldLabel} is revoked on the server, but its key could not be removed from VS Code: ${explain(error)} Remove it from the Tokens view.${note}`, { newToken, oldTokenAlive: false, ...cache });
		}
		steps.push({ step: 'forget-old', status: 'done', detail: 'old key removed from VS Code' });
	} else {
		steps.push({ step: 'forget-old', status: 'skipped', detail: 'the old key was not stored in VS Code' });
	}

	const revokedText = revoked.outcome === 'revoked' ? 'was revoked' : 'was already revoked';
	return {
		ok: true,
		newToken,
		steps,
		oldTokenAlive: false,
		...cache,
		message: `Rotated ${oldLabel} on ${serverUrl}. ${newStanding} It expires ${formatDate(newToken.expire)}. The old token ${revokedText}${stored ? ' and its key removed from VS Code' : ''}.${nameDetail.includes('every derived name') ? ` Note: ${nameDetail.replace(/^; /, '')}.` : ''}${note} Replace the old key anywhere else it is used.`,
	};
}

/** What the new token copies: the server's current restrictions when it can be read, else the vault's. */
async function replacementFor(client: Dhis2Client, id: string, stored: StoredToken | undefined): Promise<Replacement> {
	let server: ApiTokenInfo;
	try {
		server = await client.getToken(id);
	} catch (error) {
		if (isDhis2Error(error, 'not-found')) {
			throw new Dhis2Error('not-found', {
				...(error.status === undefined ? {} : { status: error.status }),
				explanation: `The token ${id} no longer exists on the server (or belongs to another user), so there is nothing to rotate.`,
				nextStep: 'Remove it from the Tokens view and generate a new token.',
			});
		}
		throw error;
	}
	const created = parseDhis2Date(server.created);
	const serverLifetime = server.expire !== undefined && created !== undefined ? server.expire - created : undefined;
	return {
		...optionalName(server.code ?? stored?.name),
		context: stored?.context ?? contextOfRestrictions(server.restrictions),
		restrictions: server.restrictions,
		lifetimeMs: positive(stored?.lifetimeMs ?? serverLifetime),
	};
}

/** Tries derived names while DHIS2 says a name is taken; never gives up on the rotation for a name. */
async function createWithFreeName(
	client: Dhis2Client,
	replacement: Replacement,
	features: ServerFeatures,
	now: number,
): Promise<{ readonly created: CreatedToken; readonly name?: string; readonly detail: string }> {
	const spec = (name: string | undefined) => buildCreateTokenBody({
		expire: now + replacement.lifetimeMs,
		...optionalName(name),
		restrictions: replacement.restrictions,
	}, features);
	const base = replacement.name;
	if (base === undefined || !features.supportsCode) {
		// Without server-side names the name lives only in VS Code, so the old one can be kept.
		return { created: await client.createToken(spec(base)), ...optionalName(base), detail: '' };
	}
	for (let attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
		const name = rotatedName(base, now, attempt);
		try {
			return { created: await client.createToken(spec(name)), name, detail: `; named "${name}" because names are unique and the old token still held its name` };
		} catch (error) {
			if (!isDhis2Error(error, 'name-taken')) throw error;
		}
	}
	const name = rotatedName(base, now);
	return {
		created: await client.createToken(spec(undefined)),
		name,
		detail: `; every derived name was taken on the server, so the token has no name there ("${name}" is kept in VS Code only)`,
	};
}

function joinAnd(parts: readonly string[]): string {
	return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

function optionalName(name: string | undefined): { readonly name?: string } {
	return name === undefined || name.trim() === '' ? {} : { name };
}

function positive(lifetimeMs: number | undefined): number {
	return lifetimeMs !== undefined && Number.isFinite(lifetimeMs) && lifetimeMs > 0 ? lifetimeMs : DEFAULT_LIFETIME_MS;
}
