import { type TokenFormCapabilities } from '../tokens';

/** A DHIS2 release as reported by `/api/system/info` (`2.41.5`, `2.40.9.1`, `2.42-SNAPSHOT`). */
export interface Dhis2Version {
	readonly major: number;
	readonly minor: number;
	readonly patch: number;
	readonly hotfix: number;
	/** What the server said, suffix included. */
	readonly text: string;
}

/** Everything the client decides from the version (shared/spec §6). */
export interface ServerFeatures extends TokenFormCapabilities {
	/** Format of newly issued keys: `v1` = `d2pat_` (2.37–2.40), `v2` = `d2p_` (2.41+). */
	readonly keyFormat: 'v1' | 'v2';
	/** 2.41+ checks the checksum before looking a key up, so 2.37–2.40 `d2pat_` keys fail there. */
	readonly checksumCheckedOnAuth: boolean;
	/** `/api/apiTokens` exists besides `/api/apiToken` (2.41+). The client always uses the singular. */
	readonly pluralEndpoint: boolean;
	/** A revoked key stops working at once (2.41+); before, it may keep working for up to an hour. */
	readonly deleteEvictsAuthCache: boolean;
	/** `enable.api_token.authentication` is on unless an admin turned it off (2.38+); off by default in 2.37. */
	readonly tokenAuthOnByDefault: boolean;
	/** 2.41+ answers a bad attribute on create with 409 E1004; older servers with a bare 400. */
	readonly attributeErrorsAre409: boolean;
}

export function parseDhis2Version(text: string): Dhis2Version | undefined {
	const match = /^\s*(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
	if (!match) return undefined;
	return {
		major: Number(match[1]),
		minor: Number(match[2]),
		// A snapshot or an unknown patch counts as the first patch of its line: the conservative guess.
		patch: Number(match[3] ?? 0),
		hotfix: Number(match[4] ?? 0),
		text: text.trim(),
	};
}

function atLeast(version: Dhis2Version, minor: number, patch = 0): boolean {
	if (version.major !== 2) return version.major > 2;
	return version.minor > minor || (version.minor === minor && version.patch >= patch);
}

/** True from the given patch of each listed minor line and for every minor from `allFrom` on. */
function fromPatches(version: Dhis2Version, patches: Readonly<Record<number, number>>, allFrom: number): boolean {
	if (atLeast(version, allFrom)) return true;
	const since = patches[version.minor];
	return version.major === 2 && since !== undefined && version.patch >= since;
}

export function featuresOf(version: Dhis2Version): ServerFeatures {
	const modern = atLeast(version, 41);
	return {
		keyFormat: modern ? 'v2' : 'v1',
		checksumCheckedOnAuth: modern,
		pluralEndpoint: modern,
		deleteEvictsAuthCache: modern,
		tokenAuthOnByDefault: atLeast(version, 38),
		attributeErrorsAre409: modern,
		// 2.41.0–2.41.4 and 2.42.0–2.42.1 drop `code` silently. Before 2.41 the whole posted object was
		// imported, so `code` was probably kept (shared/spec §1, UNCONFIRMED); unknown properties are
		// ignored either way, so sending it there is harmless.
		supportsCode: !modern || fromPatches(version, { 41: 5, 42: 2 }, 43),
		supportsHead: fromPatches(version, { 40: 9, 41: 6, 42: 2 }, 43),
	};
}
