import { type ApiKey, apiKey, type ApiTokenInfo, type Dhis2Client, type Dhis2Error, isDhis2Error, type Me } from '../dhis2/client';
import { contextOfRestrictions } from '../dhis2/tokens';
import { fingerprint, mask, verifyToken } from '../token';
import { localIdOf, type StoredToken } from '../vault/storedToken';
import { explain, type LifecycleDeps, nowOf, tokenLabel } from './deps';
import { DEFAULT_LIFETIME_MS, parseDhis2Date } from './tokenRecord';

export type ImportDeps = Omit<LifecycleDeps, 'client'> & {
	/** A client authenticated by `key` itself. Closed after the import (a no-op for a shared transport). */
	clientFor(key: ApiKey): Dhis2Client;
};

export type ImportResult =
	| { readonly ok: true; readonly token: StoredToken; readonly warnings: string[] }
	| { readonly ok: false; readonly message: string; readonly error?: Dhis2Error };

/** Lets the user say which of their tokens the key belongs to; `undefined` = "none of these / don't know". */
export type ChooseToken = (candidates: ApiTokenInfo[]) => Promise<ApiTokenInfo | undefined>;

/**
 * Stores a key the user already has. Checks its checksum first (no network for a mistyped key),
 * then proves it works with `GET /api/me` authenticated by the key (a 401 for an IP, referrer or
 * method restriction still proves the key is live: it is stored, unidentified, with a warning),
 * then works out which token it
 * is: DHIS2 never returns keys or hashes, so the candidates are the owner's unexpired tokens that
 * are not already stored here under another key. Exactly one candidate is the answer; with several,
 * `choose` asks. Unidentified keys are stored with `idKnown: false`, an id of `local-<fingerprint>`,
 * empty restrictions and, as `expire`, the earliest expiry among the candidates (`expireKnown: false`):
 * the key cannot live longer than the token it belongs to, so reminders come early rather than late.
 */
export async function importToken(deps: ImportDeps, key: string, choose?: ChooseToken): Promise<ImportResult> {
	const text = key.trim();
	if (text === '') return { ok: false, message: 'Paste the key of a DHIS2 personal access token (it starts with d2p_ or d2pat_).' };
	const checksum = verifyToken(text);
	if (!checksum) {
		return {
			ok: false,
			message: `${mask(text)} is not a complete DHIS2 personal access token: the prefix, length or checksum is wrong, so it is mistyped or cut short. Copy the whole key again (d2p_ keys are 54 characters, d2pat_ keys 48). Nothing was sent to the server.`,
		};
	}
	const secret = apiKey(text);
	const client = deps.clientFor(secret);
	try {
		const warnings: string[] = [];
		let me: Me | undefined;
		let identified: Identified = {};
		try {
			me = await client.verifyToken(secret);
		} catch (error) {
			if (!isDhis2Error(error)) throw error;
			if (!RESTRICTED_HERE.has(error.kind)) return { ok: false, message: `${secret.masked} was not accepted by ${deps.serverUrl}: ${error.userMessage}`, error };
			// DHIS2 checks a token's restrictions only after finding it, unexpired, with a usable owner:
			// the key is genuine, it just cannot be used from this machine (a browser token, typically).
			warnings.push(`${deps.serverUrl} knows this key, but its restrictions stop VS Code from using it here (${error.explanation}) so it cannot be matched to its token.`);
		}
		if (me) identified = await identify(deps, client, secret, choose, warnings);
		const token = recordOfImport(deps, secret, me, identified);
		try {
			await deps.vault.store(token, secret);
		} catch (error) {
			return { ok: false, message: `${secret.masked} works, but it could not be saved: ${explain(error)} Check that VS Code can use the system keychain and import it again.` };
		}
		await replaceEarlierCopies(deps, token);
		if (!token.idKnown) warnings.push(`${tokenLabel(token)} is stored, but which token it is on the server is unknown: it can be used for requests, but not revoked or rotated from here.`);
		return { ok: true, token, warnings };
	} finally {
		await client.close();
	}
}

/** 401s that DHIS2 only gives for a key it found and would accept from elsewhere. */
const RESTRICTED_HERE = new Set(['token-ip-not-allowed', 'token-referrer-not-allowed', 'token-method-not-allowed']);

interface Identified {
	readonly match?: ApiTokenInfo;
	/** Unmatched: the earliest expiry among the tokens it could be. */
	readonly earliestExpire?: number;
}

async function identify(deps: ImportDeps, client: Dhis2Client, key: ApiKey, choose: ChooseToken | undefined, warnings: string[]): Promise<Identified> {
	let own: ApiTokenInfo[];
	try {
		own = await client.listOwnTokens();
	} catch (error) {
		warnings.push(`The key works, but its owner's tokens could not be listed, so it is stored without its id: ${explain(error)}`);
		return {};
	}
	const now = nowOf(deps);
	const keyFingerprint = fingerprint(key.reveal());
	const stored = deps.vault.list(deps.serverUrl).filter((token) => token.idKnown);
	const already = stored.find((token) => token.fingerprint === keyFingerprint);
	const knownMatch = already && own.find((token) => token.id === already.id);
	if (knownMatch) return { match: knownMatch };
	// A token stored here under a different key cannot be this one.
	const otherKeys = new Set(stored.filter((token) => token.fingerprint !== keyFingerprint).map((token) => token.id));
	const candidates = own.filter((token) => !otherKeys.has(token.id) && (token.expire === undefined || token.expire > now));
	if (candidates.length === 1) return { match: candidates[0] };
	const earliest = candidates.map((token) => token.expire).filter((expire): expire is number => expire !== undefined);
	const unmatched = earliest.length > 0 ? { earliestExpire: Math.min(...earliest) } : {};
	if (candidates.length === 0 || !choose) return unmatched;
	const chosen = await choose(candidates);
	return chosen && candidates.some((token) => token.id === chosen.id) ? { match: chosen } : unmatched;
}

function recordOfImport(deps: ImportDeps, key: ApiKey, me: Me | undefined, identified: Identified): StoredToken {
	const now = nowOf(deps);
	const keyFingerprint = fingerprint(key.reveal());
	const owner = me === undefined ? {} : { owner: { id: me.id, ...(me.username === undefined ? {} : { username: me.username }) } };
	const common = { serverUrl: deps.serverUrl, masked: key.masked, fingerprint: keyFingerprint, ...owner };
	const { match } = identified;
	if (!match) {
		return {
			...common,
			id: localIdOf(keyFingerprint),
			idKnown: false,
			context: 'server',
			expire: identified.earliestExpire ?? Number.MAX_SAFE_INTEGER,
			expireKnown: false,
			lifetimeMs: DEFAULT_LIFETIME_MS,
			restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: [] },
			created: now,
		};
	}
	const created = parseDhis2Date(match.created) ?? now;
	const expire = match.expire ?? Number.MAX_SAFE_INTEGER;
	return {
		...common,
		id: match.id,
		idKnown: true,
		...(match.code === undefined || match.code === '' ? {} : { name: match.code }),
		context: contextOfRestrictions(match.restrictions),
		expire,
		...(match.expire === undefined ? { expireKnown: false } : {}),
		lifetimeMs: match.expire !== undefined && match.expire > created ? match.expire - created : DEFAULT_LIFETIME_MS,
		restrictions: match.restrictions,
		created,
	};
}

/** The same key imported before under another id (e.g. unidentified then): keep one entry, and its active role. */
async function replaceEarlierCopies(deps: ImportDeps, token: StoredToken): Promise<void> {
	const copies = deps.vault.list(deps.serverUrl).filter((other) => other.fingerprint === token.fingerprint && other.id !== token.id);
	for (const copy of copies) {
		try {
			if (deps.vault.activeId(deps.serverUrl) === copy.id) await deps.vault.setActive(deps.serverUrl, token.id);
			await deps.vault.remove(deps.serverUrl, copy.id);
		} catch {
			// A duplicate entry is untidy but harmless: both hold the same, working key.
		}
	}
}
