/**
 * Every message between the `.http` response webview (`webview/response/`) and its host panel
 * (`client/http/responsePanel.ts`), declared once and imported by both sides. Browser-safe: no
 * `node:` and no `vscode` imports, because the webview bundle includes this file.
 *
 * Handshake: the page posts `ready` once its script runs; the host posts nothing before that, and
 * again after every reload (the panel does not retain its context, so hiding it reloads the page).
 *
 * What the page receives is already safe to show: headers and URLs masked by the sender, body text
 * with DHIS2 keys masked, and no key anywhere. Save, copy and open are done by the host, so the
 * page never touches the clipboard or the file system.
 */

export const RESPONSE_VIEW_TYPE = 'dhis2.httpResponse';

export interface HeaderView {
	readonly name: string;
	readonly value: string;
}

export type BodyView =
	| { readonly kind: 'empty' }
	/** Raw JSON text as received (keys masked); the page pretty-prints it without re-parsing numbers. */
	| { readonly kind: 'json'; readonly text: string; readonly masked: boolean }
	| { readonly kind: 'text'; readonly text: string; readonly masked: boolean }
	| { readonly kind: 'image'; readonly mime: string; readonly base64: string; readonly size: number }
	| { readonly kind: 'binary'; readonly size: number; readonly contentType: string }
	/** Larger than `dhis2.http.maxInMemoryMB`: streamed to a temporary file, which the host opens on demand. */
	| { readonly kind: 'file'; readonly size: number; readonly limitBytes: number };

/** One request that went out (the first, or one after a redirect), as sent. */
export interface HopView {
	readonly index: number;
	readonly method: string;
	readonly url: string;
	/** Credentials masked: `Authorization: ApiToken d2p_v3aW…9OZl`. */
	readonly headers: readonly HeaderView[];
	readonly bodyBytes: number;
	readonly bodyText?: string;
	readonly status?: number;
	readonly statusText?: string;
	readonly tokenSent: boolean;
	readonly tokenDropped: boolean;
	/** Why the token went out, or was dropped, on this hop. */
	readonly credentials: string;
	readonly redirect?: { readonly location: string; readonly followed: boolean };
	readonly timeMs?: number;
}

export type ResponseActionId = 'rotateToken' | 'generateToken' | 'chooseToken' | 'showTokens' | 'showTokenDetails';
export const RESPONSE_ACTIONS: readonly ResponseActionId[] = ['rotateToken', 'generateToken', 'chooseToken', 'showTokens', 'showTokenDetails'];

export interface ExplanationView {
	readonly severity: 'error' | 'warning' | 'info';
	/** One line: "Token d2p_v3aW…9OZl expired on 2026-11-04". */
	readonly title: string;
	readonly detail: string;
	readonly actions: readonly { readonly id: ResponseActionId; readonly label: string }[];
}

export type ResponseOutcome = 'informational' | 'success' | 'redirect' | 'client-error' | 'server-error';

export interface ResponseViewModel {
	/** Changes with every response shown; actions name it so a late click cannot act on a newer response. */
	readonly viewId: number;
	/** The request's `# @name`, or `GET /api/me`. */
	readonly title: string;
	readonly method: string;
	/** As first sent (masked). */
	readonly url: string;
	/** Where the final response came from. */
	readonly finalUrl: string;
	readonly status: number;
	readonly statusText: string;
	readonly outcome: ResponseOutcome;
	readonly timeMs: number;
	/** Body bytes as received. */
	readonly size: number;
	readonly contentType: string;
	readonly headers: readonly HeaderView[];
	readonly body: BodyView;
	readonly hops: readonly HopView[];
	/** The injection decision, in a sentence ("Sending the token of play …"). */
	readonly injection: string;
	readonly environment?: string;
	readonly explanation?: ExplanationView;
	/** Epoch ms when the response finished. */
	readonly receivedAt: number;
	/** False once the host no longer holds the body (a temporary file was removed). */
	readonly canSaveBody: boolean;
	readonly canSendAgain: boolean;
}

// ── Webview → host ──────────────────────────────────────────────────────────────────────────────

export interface ResponseReadyMessage { readonly type: 'ready' }
export interface SaveBodyMessage { readonly type: 'saveBody'; readonly viewId: number }
export interface CopyCurlMessage { readonly type: 'copyCurl'; readonly viewId: number }
export interface OpenBodyFileMessage { readonly type: 'openBodyFile'; readonly viewId: number }
export interface SendAgainMessage { readonly type: 'sendAgain'; readonly viewId: number }
export interface RunActionMessage { readonly type: 'runAction'; readonly viewId: number; readonly action: ResponseActionId }

export type ResponseWebviewMessage =
	| ResponseReadyMessage | SaveBodyMessage | CopyCurlMessage | OpenBodyFileMessage | SendAgainMessage | RunActionMessage;

// ── Host → webview ──────────────────────────────────────────────────────────────────────────────

export interface ShowResponseMessage { readonly type: 'show'; readonly model: ResponseViewModel }
/** The line above the response: "Sending GET /api/me…", "GET /api/me failed: …", or '' to clear it. The page keeps showing the previous response. */
export interface StatusMessage { readonly type: 'status'; readonly text: string }
export interface ActionResultMessage { readonly type: 'actionResult'; readonly ok: boolean; readonly message: string }

export type ResponseHostMessage = ShowResponseMessage | StatusMessage | ActionResultMessage;

// ── Runtime guards ──────────────────────────────────────────────────────────────────────────────

type Fields = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Fields {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isViewId(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isAction(value: unknown): value is ResponseActionId {
	return (RESPONSE_ACTIONS as readonly unknown[]).includes(value);
}

/** For the host: a message the page may send, with every field of the right type. */
export function isResponseWebviewMessage(value: unknown): value is ResponseWebviewMessage {
	if (!isRecord(value)) return false;
	switch (value.type) {
		case 'ready':
			return true;
		case 'saveBody':
		case 'copyCurl':
		case 'openBodyFile':
		case 'sendAgain':
			return isViewId(value.viewId);
		case 'runAction':
			return isViewId(value.viewId) && isAction(value.action);
		default:
			return false;
	}
}

function isBodyView(value: unknown): value is BodyView {
	if (!isRecord(value)) return false;
	switch (value.kind) {
		case 'empty':
			return true;
		case 'json':
		case 'text':
			return typeof value.text === 'string' && typeof value.masked === 'boolean';
		case 'image':
			return typeof value.mime === 'string' && typeof value.base64 === 'string' && typeof value.size === 'number';
		case 'binary':
			return typeof value.size === 'number' && typeof value.contentType === 'string';
		case 'file':
			return typeof value.size === 'number' && typeof value.limitBytes === 'number';
		default:
			return false;
	}
}

function isModel(value: unknown): value is ResponseViewModel {
	return isRecord(value)
		&& isViewId(value.viewId)
		&& typeof value.title === 'string'
		&& typeof value.method === 'string'
		&& typeof value.url === 'string'
		&& typeof value.status === 'number'
		&& Array.isArray(value.headers)
		&& Array.isArray(value.hops)
		&& isBodyView(value.body);
}

/** For the page: a message from its host. The page trusts the shape it checks here, and nothing else. */
export function isResponseHostMessage(value: unknown): value is ResponseHostMessage {
	if (!isRecord(value)) return false;
	switch (value.type) {
		case 'show':
			return isModel(value.model);
		case 'status':
			return typeof value.text === 'string';
		case 'actionResult':
			return typeof value.ok === 'boolean' && typeof value.message === 'string';
		default:
			return false;
	}
}

// ── Display helpers both sides use (status bar, page) ───────────────────────────────────────────

/** `512 B`, `1.5 KB`, `12.3 MB`: binary multiples, as the size setting counts them. */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return '?';
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${units[unit] ?? 'TB'}`;
}

/** `87 ms`, `1.24 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) return '?';
	if (ms < 1000) return `${Math.round(ms)} ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
	const minutes = Math.floor(ms / 60_000);
	return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

export function outcomeOf(status: number): ResponseOutcome {
	if (status < 200) return 'informational';
	if (status < 300) return 'success';
	if (status < 400) return 'redirect';
	if (status < 500) return 'client-error';
	return 'server-error';
}
