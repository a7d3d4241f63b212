/**
 * Every message between the generate-token webview (`webview/generateToken/`) and its host panel
 * (`client/webviews/`), declared once and imported by both sides. Browser-safe: no `node:` and no
 * `vscode` imports, because the webview bundle includes this file.
 *
 * Handshake: the webview posts `ready` once its script has run; the host posts nothing before that
 * (a message posted earlier is lost), and again after every reload of the webview, which happens
 * whenever the panel is hidden because it does not retain its context.
 *
 * Each side checks what it receives with the guard of this file before acting on it: the host
 * treats the webview as untrusted input, and the webview ignores anything that is not the host's.
 */
import {
	EXPIRY_PRESET_DAYS, type ExpiryChoice, type ExpiryPresetDays, type FieldProblem, HTTP_METHODS, type HttpMethod,
	type LineError, type TokenContext, type TokenFormCapabilities, type TokenRequestField, type TokenRequestInput,
} from '../dhis2/tokens';

export const GENERATE_TOKEN_VIEW_TYPE = 'dhis2.generateToken';

/** A configured DHIS2 server as the picker shows it. Never carries credentials. */
export interface ServerChoice {
	readonly id: string;
	readonly label: string;
	readonly url: string;
	/** Marked in the picker so nobody creates a production token by accident. */
	readonly production: boolean;
}

/** What a new form starts with. */
export interface FormDefaults {
	readonly context: TokenContext;
	readonly expiryDays: ExpiryPresetDays;
	readonly allowedMethods: readonly HttpMethod[];
}

/** What the host learnt about a server's version, or why it could not. */
export type ServerCapabilitiesState =
	| { readonly status: 'known'; readonly capabilities: TokenFormCapabilities; readonly version?: string }
	| { readonly status: 'failed'; readonly explanation: string; readonly nextStep: string };

/** A token this panel created, without its key: safe to post again after a reload. */
export interface CreatedTokenSummary {
	readonly tokenId: string;
	readonly serverId: string;
	readonly serverLabel: string;
	/** `d2p_v3aW…9OZl`. */
	readonly masked: string;
	/** Epoch ms. */
	readonly expire: number;
	readonly name?: string;
	readonly context: TokenContext;
}

export type GenerateResult =
	/** `key` is posted exactly once, after the host has stored it; a reload only gets the summary. */
	| { readonly kind: 'created'; readonly token: CreatedTokenSummary; readonly key: string }
	/** The server (or the host's own check) rejected values; each problem names its field. */
	| { readonly kind: 'invalid'; readonly problems: readonly FieldProblem[]; readonly explanation: string; readonly nextStep: string }
	| { readonly kind: 'failed'; readonly explanation: string; readonly nextStep: string };

export type TokenAction = 'copyKey' | 'useForHttp' | 'writeEnv';
export const TOKEN_ACTIONS: readonly TokenAction[] = ['copyKey', 'useForHttp', 'writeEnv'];

// ── Webview → host ──────────────────────────────────────────────────────────────────────────────

/** The script has run and listens; the host may post now. */
export interface ReadyMessage { readonly type: 'ready' }
/** The user picked a server: the host answers with `capabilities`. */
export interface SelectServerMessage { readonly type: 'selectServer'; readonly serverId: string }
/**
 * Create a token. `input` is already cleaned: trimmed non-blank lines, referrers lower-cased, only
 * the list that belongs to the context, `name` only where the server stores it.
 */
export interface GenerateMessage {
	readonly type: 'generate';
	readonly requestId: number;
	readonly serverId: string;
	readonly input: TokenRequestInput;
}
/** The host copies the key from its own store; the webview never touches the clipboard. */
export interface CopyKeyMessage { readonly type: 'copyKey'; readonly tokenId: string }
export interface UseForHttpMessage { readonly type: 'useForHttp'; readonly tokenId: string }
/** Explicit: only ever sent from the "Write to .env" button. */
export interface WriteEnvMessage { readonly type: 'writeEnv'; readonly tokenId: string }
/** Done or Cancel: the webview has already removed the key from its DOM. */
export interface CloseMessage { readonly type: 'close' }

export type WebviewToHostMessage =
	| ReadyMessage | SelectServerMessage | GenerateMessage | CopyKeyMessage | UseForHttpMessage | WriteEnvMessage | CloseMessage;

// ── Host → webview ──────────────────────────────────────────────────────────────────────────────

export interface InitMessage {
	readonly type: 'init';
	readonly servers: readonly ServerChoice[];
	readonly selectedServerId?: string;
	readonly defaults: FormDefaults;
	/** Set after a reload that followed a success: show the result again, masked. */
	readonly created?: CreatedTokenSummary;
}
export interface CapabilitiesMessage { readonly type: 'capabilities'; readonly serverId: string; readonly state: ServerCapabilitiesState }
/** Host-side progress for the running request (signing in, creating, storing). */
export interface BusyMessage { readonly type: 'busy'; readonly busy: boolean; readonly message?: string }
export interface GenerateResultMessage { readonly type: 'generateResult'; readonly requestId: number; readonly result: GenerateResult }
export interface ActionResultMessage {
	readonly type: 'actionResult';
	readonly action: TokenAction;
	readonly ok: boolean;
	readonly message: string;
}

export type HostToWebviewMessage = InitMessage | CapabilitiesMessage | BusyMessage | GenerateResultMessage | ActionResultMessage;

export type WebviewMessageOf<T extends WebviewToHostMessage['type']> = Extract<WebviewToHostMessage, { readonly type: T }>;
export type HostMessageOf<T extends HostToWebviewMessage['type']> = Extract<HostToWebviewMessage, { readonly type: T }>;

// ── Runtime guards ──────────────────────────────────────────────────────────────────────────────

/** Generous for any field a person types; stops a runaway message from reaching the API client. */
const MAX_TEXT = 100_000;
/** Server ids may be their URLs. */
const MAX_ID = 2048;

type Fields = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max = MAX_TEXT): value is string {
	return typeof value === 'string' && value.length <= max;
}

function isId(value: unknown): value is string {
	return isText(value, MAX_ID) && value !== '';
}

function isOptional<T>(value: unknown, check: (item: unknown) => item is T): value is T | undefined {
	return value === undefined || check(value);
}

function isArrayOf<T>(value: unknown, check: (item: unknown) => item is T): value is readonly T[] {
	return Array.isArray(value) && value.length <= 1000 && value.every((item) => check(item));
}

function isOneOf<T extends string | number>(choices: readonly T[]): (value: unknown) => value is T {
	return (value): value is T => (choices as readonly unknown[]).includes(value);
}

const isContext = isOneOf<TokenContext>(['server', 'browser']);
const isPresetDays = isOneOf<ExpiryPresetDays>(EXPIRY_PRESET_DAYS);
const isHttpMethod = isOneOf<HttpMethod>(HTTP_METHODS);
const isTokenAction = isOneOf<TokenAction>(TOKEN_ACTIONS);
const isField = isOneOf<TokenRequestField>(['context', 'name', 'expiry', 'allowedIps', 'allowedReferrers', 'allowedMethods']);

function isExpiry(value: unknown): value is ExpiryChoice {
	if (!isRecord(value)) return false;
	if (value.kind === 'preset') return isPresetDays(value.days);
	return value.kind === 'custom' && isText(value.date, 40);
}

export function isTokenRequestInput(value: unknown): value is TokenRequestInput {
	return isRecord(value)
		&& isContext(value.context)
		&& isOptional(value.name, isText)
		&& isExpiry(value.expiry)
		&& isOptional(value.allowedIps, isText)
		&& isOptional(value.allowedReferrers, isText)
		// Any string: an unknown method is the validator's to explain, not a reason to drop the message.
		&& isArrayOf(value.allowedMethods, (item): item is string => isText(item, 20));
}

function isRequestId(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** For the host: is this a message the webview may send, with every field of the right type? */
export function isWebviewToHostMessage(value: unknown): value is WebviewToHostMessage {
	if (!isRecord(value)) return false;
	switch (value.type) {
		case 'ready':
		case 'close':
			return true;
		case 'selectServer':
			return isId(value.serverId);
		case 'generate':
			return isRequestId(value.requestId) && isId(value.serverId) && isTokenRequestInput(value.input);
		case 'copyKey':
		case 'useForHttp':
		case 'writeEnv':
			return isId(value.tokenId);
		default:
			return false;
	}
}

function isCapabilities(value: unknown): value is TokenFormCapabilities {
	return isRecord(value) && typeof value.supportsCode === 'boolean' && typeof value.supportsHead === 'boolean';
}

function isServerChoice(value: unknown): value is ServerChoice {
	return isRecord(value) && isId(value.id) && isText(value.label, 1000) && isText(value.url, 4000) && typeof value.production === 'boolean';
}

function isDefaults(value: unknown): value is FormDefaults {
	return isRecord(value) && isContext(value.context) && isPresetDays(value.expiryDays) && isArrayOf(value.allowedMethods, isHttpMethod);
}

function isExplained(value: Fields): boolean {
	return isText(value.explanation) && isText(value.nextStep);
}

function isCapabilitiesState(value: unknown): value is ServerCapabilitiesState {
	if (!isRecord(value)) return false;
	if (value.status === 'known') return isCapabilities(value.capabilities) && isOptional(value.version, isText);
	return value.status === 'failed' && isExplained(value);
}

function isCreatedSummary(value: unknown): value is CreatedTokenSummary {
	return isRecord(value) && isId(value.tokenId) && isId(value.serverId) && isText(value.serverLabel, 1000)
		&& isText(value.masked, 200) && typeof value.expire === 'number' && Number.isFinite(value.expire)
		&& isOptional(value.name, isText) && isContext(value.context);
}

function isLineError(value: unknown): value is LineError {
	return isRecord(value) && isRequestId(value.line) && isText(value.value) && isText(value.reason);
}

function isFieldProblem(value: unknown): value is FieldProblem {
	return isRecord(value) && isField(value.field) && isText(value.message) && isOptional(value.lines, (lines): lines is readonly LineError[] => isArrayOf(lines, isLineError));
}

function isGenerateResult(value: unknown): value is GenerateResult {
	if (!isRecord(value)) return false;
	switch (value.kind) {
		case 'created':
			return isCreatedSummary(value.token) && isText(value.key, 200) && value.key !== '';
		case 'invalid':
			return isArrayOf(value.problems, isFieldProblem) && isExplained(value);
		case 'failed':
			return isExplained(value);
		default:
			return false;
	}
}

/** For the webview: is this a message from the host, with every field of the right type? */
export function isHostToWebviewMessage(value: unknown): value is HostToWebviewMessage {
	if (!isRecord(value)) return false;
	switch (value.type) {
		case 'init':
			return isArrayOf(value.servers, isServerChoice) && isOptional(value.selectedServerId, isId)
				&& isDefaults(value.defaults) && isOptional(value.created, isCreatedSummary);
		case 'capabilities':
			return isId(value.serverId) && isCapabilitiesState(value.state);
		case 'busy':
			return typeof value.busy === 'boolean' && isOptional(value.message, isText);
		case 'generateResult':
			return isRequestId(value.requestId) && isGenerateResult(value.result);
		case 'actionResult':
			return isTokenAction(value.action) && typeof value.ok === 'boolean' && isText(value.message);
		default:
			return false;
	}
}
