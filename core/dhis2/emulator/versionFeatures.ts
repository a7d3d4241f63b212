import { type ChecksumVariant, type TokenVersion } from '../../token';

/**
 * Everything that differs between the DHIS2 releases the emulator can imitate (shared/spec §1, §5, §6).
 * One switchboard, so the rest of the emulator asks "does this version do X" instead of comparing numbers.
 */
export interface VersionFeatures {
	/** As configured, e.g. `2.41` or `2.40.9`; what `/api/system/info` reports. */
	readonly version: string;
	readonly minor: number;
	/** `enable.api_token.authentication` default: off in 2.37 only. */
	readonly tokenAuthEnabledByDefault: boolean;
	/** `/api/apiTokens` besides `/api/apiToken` (2.41+). */
	readonly pluralPath: boolean;
	/** `/api/{NN}/apiToken` (the "all API versions" annotation, gone in 2.43). */
	readonly versionedPaths: boolean;
	readonly newKey: { readonly version: TokenVersion; readonly variant: ChecksumVariant };
	readonly newTokenType: string;
	readonly tokenTypes: readonly string[];
	readonly checksumCheckedOnAuth: boolean;
	readonly headAllowed: boolean;
	readonly codeHonouredOnCreate: boolean;
	/** The `api_token` request parameter is still read (only to reject duplicates). */
	readonly apiTokenParameter: boolean;
	/** 2.41+ wraps attribute errors as 409 E1004; older releases answer 400 with the bare detail. */
	readonly wrappedAttributeErrors: boolean;
	readonly validatesAttributesOnUpdate: boolean;
	/** 2.37–2.40 answer a PATCH with a plain JSON body with 409 "Operation not supported on ApiToken". */
	readonly rejectsPlainJsonPatch: boolean;
	readonly deleteEvictsAuthCache: boolean;
	/** Filter-level errors (malformed header, multiple tokens): 400 in 2.41+; older ones escape the filter (probably 500, UNCONFIRMED). */
	readonly invalidRequestStatus: 400 | 500;
	readonly createResponseType: string;
	readonly unknownTokenMessage: string;
	readonly headerAndParameterMessage: string;
	readonly xmlCreateRejection: { readonly status: number; readonly message: string };
}

const VERSION_PATTERN = /^2\.(\d{2})(?:\.(\d+))?(?:\.(\d+))?$/;

export function parseVersion(version: string): readonly number[] {
	const match = VERSION_PATTERN.exec(version);
	const minor = Number(match?.[1]);
	if (!match || minor < 37) {
		throw new Error(`Unsupported DHIS2 version "${version}": use 2.37 or later, e.g. 2.40, 2.41.6 or 2.43`);
	}
	return [2, minor, Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compare(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const difference = (a[i] ?? 0) - (b[i] ?? 0);
		if (difference !== 0) return difference;
	}
	return 0;
}

/** True when `parts` is at least the given patch of its own minor line; every later minor counts as fixed. */
function fromPatch(parts: readonly number[], sinceByMinor: Readonly<Record<number, readonly number[]>>, firstMinorWithout: number): boolean {
	const minor = parts[1] ?? 0;
	if (minor >= firstMinorWithout) return true;
	const since = sinceByMinor[minor];
	return since !== undefined && compare(parts, since) >= 0;
}

export function featuresFor(version: string): VersionFeatures {
	const parts = parseVersion(version);
	const minor = parts[1] ?? 0;
	const modern = minor >= 41;
	const apiTokenParameterRemoved = fromPatch(parts, { 40: [2, 40, 9, 1], 41: [2, 41, 6, 1], 42: [2, 42, 3, 1] }, 43);
	return {
		version,
		minor,
		tokenAuthEnabledByDefault: minor >= 38,
		pluralPath: modern,
		versionedPaths: minor <= 42,
		newKey: modern ? { version: 'v2', variant: 'padded' } : { version: 'v1', variant: 'plain' },
		newTokenType: modern ? 'PERSONAL_ACCESS_TOKEN_V2' : 'PERSONAL_ACCESS_TOKEN',
		tokenTypes: modern ? ['PERSONAL_ACCESS_TOKEN_V1', 'PERSONAL_ACCESS_TOKEN_V2'] : ['PERSONAL_ACCESS_TOKEN'],
		checksumCheckedOnAuth: modern,
		headAllowed: fromPatch(parts, { 40: [2, 40, 9], 41: [2, 41, 6], 42: [2, 42, 2] }, 43),
		// ≤2.40 imported the posted object as a whole, so `code` was probably kept (spec §1, UNCONFIRMED).
		codeHonouredOnCreate: !modern || fromPatch(parts, { 41: [2, 41, 5], 42: [2, 42, 2] }, 43),
		apiTokenParameter: !apiTokenParameterRemoved,
		wrappedAttributeErrors: modern,
		validatesAttributesOnUpdate: !modern,
		rejectsPlainJsonPatch: !modern,
		deleteEvictsAuthCache: modern,
		invalidRequestStatus: modern ? 400 : 500,
		createResponseType: createResponseType(parts),
		unknownTokenMessage: modern ? 'The API token does not exists' : 'The API token does not exists.',
		headerAndParameterMessage: modern ? 'Found multiple tokens in the request' : 'Found multiple api tokens in the request',
		xmlCreateRejection: modern
			? { status: 405, message: 'Method type is not supported' }
			: { status: 409, message: 'Operation not supported on ApiToken' },
	};
}

function createResponseType(parts: readonly number[]): string {
	const minor = parts[1] ?? 0;
	if (minor <= 41) return 'ApiTokenCreationResponse';
	if (minor === 42 && compare(parts, [2, 42, 1]) < 0) return 'ObjectReportWebMessageResponse';
	return 'ObjectReport';
}
