import { HTTP_METHODS, type HttpMethod, type TokenAttribute, type TokenRestrictions } from './attributes';
import { type ExpiryChoice, expiryToEpoch } from './expiry';
import { ipAddressProblem } from './ipAddress';
import { describeLineError, type LineError, numberedLines, validateLines } from './lines';
import { normaliseReferrer, referrerHint, referrerProblem } from './referrer';

/** `server` = scripts and integrations (IP allowlist); `browser` = web pages (referrer allowlist). */
export type TokenContext = 'server' | 'browser';

/** DHIS2 stores the token name in `code`, a `varchar(50)` column. */
export const TOKEN_NAME_MAX_LENGTH = 50;

/** What the form needs to know about the server; derived from its version (see client/version.ts). */
export interface TokenFormCapabilities {
	/** The server stores `code` (the token name): 2.41.5+, 2.42.2+, 2.43+. */
	readonly supportsCode: boolean;
	/** `HEAD` is accepted in the method allowlist: 2.40.9+, 2.41.6+, 2.42.2+, 2.43+. */
	readonly supportsHead: boolean;
}

/** The form as the user filled it in; the multi-line fields are raw text-area contents. */
export interface TokenRequestInput {
	readonly context: TokenContext;
	readonly name?: string;
	readonly expiry: ExpiryChoice;
	/** One per line; only sent for the server context. */
	readonly allowedIps?: string;
	/** One per line; only sent for the browser context. */
	readonly allowedReferrers?: string;
	readonly allowedMethods: readonly string[];
}

export type TokenRequestField = 'context' | 'name' | 'expiry' | 'allowedIps' | 'allowedReferrers' | 'allowedMethods';

export interface FieldProblem {
	readonly field: TokenRequestField;
	readonly message: string;
	/** For the multi-line fields: every offending line. */
	readonly lines?: readonly LineError[];
}

/** The exact JSON body of `POST /api/apiToken`. Never carries `type` or `version` (shared/spec §1). */
export interface CreateTokenBody {
	readonly expire: number;
	readonly code?: string;
	readonly attributes: readonly TokenAttribute[];
}

export type TokenRequestValidation =
	| { readonly ok: true; readonly body: CreateTokenBody; readonly warnings: readonly FieldProblem[] }
	| { readonly ok: false; readonly errors: readonly FieldProblem[]; readonly warnings: readonly FieldProblem[] };

/** Default methods of a new token: GET only, as in DHIS2's form. */
export const DEFAULT_ALLOWED_METHODS: readonly HttpMethod[] = ['GET'];

export function allowedMethodChoices(capabilities: TokenFormCapabilities): readonly HttpMethod[] {
	return HTTP_METHODS.filter((method) => method !== 'HEAD' || capabilities.supportsHead);
}

/**
 * Checks the form the way DHIS2 will and builds the body it would post. Every problem is
 * reported at once, each on its field, so the form can mark all of them.
 */
export function validateTokenRequest(
	input: TokenRequestInput,
	capabilities: TokenFormCapabilities,
	now: number,
): TokenRequestValidation {
	const errors: FieldProblem[] = [];
	const warnings: FieldProblem[] = [];

	if (input.context !== 'server' && input.context !== 'browser') {
		errors.push({ field: 'context', message: 'Choose where the token will be used: server/script or browser.' });
	}

	const name = (input.name ?? '').trim();
	if (name.length > TOKEN_NAME_MAX_LENGTH) {
		errors.push({ field: 'name', message: `The token name can be at most ${TOKEN_NAME_MAX_LENGTH} characters (it has ${name.length}).` });
	} else if (name !== '' && !capabilities.supportsCode) {
		warnings.push({ field: 'name', message: 'This DHIS2 version does not store token names; the name is kept only in VS Code.' });
	}

	const expiry = expiryToEpoch(input.expiry, now);
	if (!expiry.ok) errors.push({ field: 'expiry', message: `Expiry: ${expiry.reason}.` });

	const methods = checkMethods(input.allowedMethods, capabilities);
	if ('message' in methods) errors.push({ field: 'allowedMethods', message: methods.message });

	let allowedIps: string[] = [];
	let allowedReferrers: string[] = [];
	if (input.context === 'server') {
		const ips = validateLines(input.allowedIps ?? '', ipAddressProblem);
		if (ips.errors.length > 0) errors.push(linesProblem('allowedIps', ['IP address', 'IP addresses'], ips.errors));
		allowedIps = ips.values;
	} else if (input.context === 'browser') {
		const referrers = validateLines(input.allowedReferrers ?? '', referrerProblem);
		if (referrers.errors.length > 0) errors.push(linesProblem('allowedReferrers', ['referrer', 'referrers'], referrers.errors));
		allowedReferrers = referrers.values.map(normaliseReferrer);
		const hints = numberedLines(input.allowedReferrers ?? '').flatMap(({ line, value }) => {
			const reason = referrerProblem(value) === undefined ? referrerHint(value) : undefined;
			return reason === undefined ? [] : [{ line, value, reason }];
		});
		if (hints.length > 0) warnings.push({ field: 'allowedReferrers', message: hints.map(describeLineError).join('\n'), lines: hints });
	}

	if (errors.length > 0 || !expiry.ok || !('methods' in methods)) return { ok: false, errors, warnings };
	const body = buildCreateTokenBody(
		{ expire: expiry.expire, name, restrictions: { allowedIps, allowedReferrers, allowedMethods: methods.methods } },
		capabilities,
	);
	return { ok: true, body, warnings };
}

function checkMethods(
	selected: readonly string[],
	capabilities: TokenFormCapabilities,
): { readonly methods: HttpMethod[] } | { readonly message: string } {
	const allowed = allowedMethodChoices(capabilities);
	const wanted = new Set(selected.map((method) => method.trim().toUpperCase()));
	const unknown = [...wanted].filter((method) => !(allowed as readonly string[]).includes(method));
	if (unknown.length > 0) {
		const headNote = unknown.includes('HEAD') && !capabilities.supportsHead ? ' (this DHIS2 version does not accept HEAD)' : '';
		return { message: `Not an allowed method: ${unknown.join(', ')}${headNote}. Choose from ${allowed.join(', ')}.` };
	}
	// An empty method list means "every method" to DHIS2, the opposite of what an empty selection suggests.
	if (wanted.size === 0) return { message: 'Tick at least one HTTP method the token may use.' };
	return { methods: allowed.filter((method) => wanted.has(method)) };
}

function linesProblem(field: TokenRequestField, [one, many]: readonly [string, string], lines: readonly LineError[]): FieldProblem {
	const heading = lines.length === 1 ? `1 invalid ${one}` : `${lines.length} invalid ${many}`;
	return { field, message: `${heading}:\n${lines.map(describeLineError).join('\n')}`, lines };
}

export interface TokenBodySpec {
	readonly expire: number;
	readonly name?: string;
	readonly restrictions: TokenRestrictions;
}

/**
 * The body in the User Profile app's shape: `{expire, code?, attributes: [IpAllowedList?,
 * MethodAllowedList, RefererAllowedList?]}`. Also used to recreate a token's restrictions when
 * rotating. Methods go upper-case and referrers lower-case because DHIS2 compares them exactly.
 */
export function buildCreateTokenBody(spec: TokenBodySpec, capabilities: TokenFormCapabilities): CreateTokenBody {
	const attributes: TokenAttribute[] = [];
	const { allowedIps, allowedReferrers, allowedMethods } = spec.restrictions;
	if (allowedIps.length > 0) attributes.push({ type: 'IpAllowedList', allowedIps: [...allowedIps] });
	attributes.push({ type: 'MethodAllowedList', allowedMethods: [...new Set(allowedMethods.map((m) => m.toUpperCase()))] });
	if (allowedReferrers.length > 0) {
		attributes.push({ type: 'RefererAllowedList', allowedReferrers: allowedReferrers.map(normaliseReferrer) });
	}
	const name = spec.name?.trim() ?? '';
	return name !== '' && capabilities.supportsCode
		? { expire: spec.expire, code: name, attributes }
		: { expire: spec.expire, attributes };
}
