import { type ApiKey } from '../../core/dhis2/client/credentials';
import { isDhis2Error } from '../../core/dhis2/client/errors';
import {
	type CreateTokenBody, DEFAULT_ALLOWED_METHODS, DEFAULT_EXPIRY_DAYS, type TokenFormCapabilities, type TokenRequestInput,
	validateTokenRequest,
} from '../../core/dhis2/tokens';
import {
	type CreatedTokenSummary, type FormDefaults, type HostToWebviewMessage, isWebviewToHostMessage, type ServerCapabilitiesState,
	type ServerChoice, type TokenAction, type WebviewMessageOf,
} from '../../core/protocol/webview';
import { redactTokens } from '../../core/redact';
import { capabilitiesFailure, generateFailure } from './generateTokenErrors';

/** The part of a VS Code webview the controller talks to (`panel.webview` fits). */
export interface WebviewPort {
	postMessage(message: HostToWebviewMessage): PromiseLike<boolean> | boolean;
}

export interface ServerCapabilities {
	readonly capabilities: TokenFormCapabilities;
	/** The version text `/api/system/info` gave, shown next to the server. */
	readonly version?: string;
}

export interface GenerateTokenRequest {
	readonly server: ServerChoice;
	/** As the webview sent it and the host re-validated it (the name is kept even where DHIS2 drops it). */
	readonly input: TokenRequestInput;
	/** Exactly what to `POST /api/apiToken`, built by `validateTokenRequest`. */
	readonly body: CreateTokenBody;
	readonly capabilities: TokenFormCapabilities;
	/** Shows progress in the form ("Signing in…", "Storing the key…"). */
	readonly progress: (message: string) => void;
}

export interface GeneratedToken {
	readonly tokenId: string;
	/** Already in SecretStorage when `generate` resolves (see `GenerateTokenHandlers.generate`). */
	readonly key: ApiKey;
	/** Epoch ms, as created; defaults to the `expire` that was sent. */
	readonly expire?: number;
}

export interface TokenActionRequest {
	readonly server: ServerChoice;
	readonly tokenId: string;
}

/** Shown under the result's buttons; a plain string counts as success. */
export type TokenActionOutcome = { readonly ok: boolean; readonly message: string } | string | void;

/** Everything the form needs from the rest of the extension; the lead wires vault and API client here. */
export interface GenerateTokenHandlers {
	/** The server's capabilities from its version. Throw a `Dhis2Error` to show its explanation and next step. */
	capabilitiesFor(serverId: string): Promise<ServerCapabilities>;
	/**
	 * Creates the token AND stores its key in SecretStorage, then resolves. The key is displayed only
	 * after this resolves, so a key is never on screen without being stored. Throw a `Dhis2Error` on
	 * failure (name taken and invalid attributes land on their fields); nothing may be half-stored.
	 */
	generate(request: GenerateTokenRequest): Promise<GeneratedToken>;
	/** Copies the stored key (from the vault, not from the page) to the clipboard. */
	copyKey(request: TokenActionRequest): Promise<TokenActionOutcome>;
	useForHttp(request: TokenActionRequest): Promise<TokenActionOutcome>;
	/** Only ever called from the explicit "Write to .env" button. */
	writeEnv(request: TokenActionRequest): Promise<TokenActionOutcome>;
}

export interface GenerateTokenOptions extends GenerateTokenHandlers {
	readonly servers: readonly ServerChoice[];
	/** Preselected in the picker, e.g. when started from a server in the Tokens view. */
	readonly selectedServerId?: string;
	readonly defaults?: Partial<FormDefaults>;
	/** Clock for validation; tests pass a fixed one. */
	readonly now?: () => number;
}

export interface ControllerHooks {
	/** The user pressed Done or Cancel. */
	readonly close: () => void;
	/** A token was created while its page was gone (closed or reloading): tell the user where it is. */
	readonly createdUnseen?: (token: CreatedTokenSummary) => void;
	/** Messages that were dropped; never given any message content. */
	readonly log?: (line: string) => void;
}

/** A `Dhis2Error`'s explanation, or an error's own message; redacted, as it comes from anywhere. */
function actionErrorText(error: unknown): string {
	if (isDhis2Error(error)) return `${error.explanation} ${error.nextStep}`;
	return redactTokens(error instanceof Error ? error.message : String(error));
}

const ACTION_FAILED: Readonly<Record<TokenAction, string>> = {
	copyKey: 'Could not copy the key',
	useForHttp: 'Could not set the token for .http requests',
	writeEnv: 'Could not write the .env file',
};

/**
 * The host side of the generate-token page, without `vscode`: the handshake, routing of every
 * webview message, re-validation of the form with the same rules the page uses, and the rule that
 * a key is posted once, after it was stored, and then forgotten.
 */
export class GenerateTokenController {
	private ready = false;
	/** Counts `ready`s: a different value after an await means the page reloaded meanwhile. */
	private pageGeneration = 0;
	private selectedServerId: string | undefined;
	private readonly capabilityCache = new Map<string, Promise<ServerCapabilities>>();
	private generating: string | undefined;
	private created: CreatedTokenSummary | undefined;
	private disposed = false;
	private readonly defaults: FormDefaults;
	private readonly now: () => number;

	constructor(
		private readonly port: WebviewPort,
		private readonly options: GenerateTokenOptions,
		private readonly hooks: ControllerHooks,
	) {
		this.selectedServerId = options.selectedServerId;
		this.now = options.now ?? Date.now;
		this.defaults = {
			context: options.defaults?.context ?? 'server',
			expiryDays: options.defaults?.expiryDays ?? DEFAULT_EXPIRY_DAYS,
			allowedMethods: options.defaults?.allowedMethods ?? DEFAULT_ALLOWED_METHODS,
		};
	}

	/** The token this page created, without its key. */
	get createdToken(): CreatedTokenSummary | undefined {
		return this.created;
	}

	/** The page was hidden, so VS Code threw its document away; it posts `ready` again when shown. */
	pageGone(): void {
		this.ready = false;
	}

	dispose(): void {
		this.disposed = true;
		this.ready = false;
	}

	/** Handles one message from the page. Resolves when the host's work for it is done (tests await it). */
	async receive(message: unknown): Promise<void> {
		if (this.disposed) return;
		if (!isWebviewToHostMessage(message)) {
			this.hooks.log?.('Ignored a message from the generate-token page that is not part of the protocol.');
			return;
		}
		// Before the handshake (or after the page went away) nothing but `ready` and `close` means anything.
		if (!this.ready && message.type !== 'ready' && message.type !== 'close') {
			this.hooks.log?.(`Ignored "${message.type}" from the generate-token page before it was ready.`);
			return;
		}
		switch (message.type) {
			case 'ready':
				return this.pageReady();
			case 'selectServer':
				return this.selectServer(message.serverId);
			case 'generate':
				return this.generate(message);
			case 'copyKey':
			case 'useForHttp':
			case 'writeEnv':
				return this.tokenAction(message.type, message.tokenId);
			case 'close':
				this.hooks.close();
				return;
		}
	}

	private async post(message: HostToWebviewMessage): Promise<boolean> {
		// The handshake: anything posted before `ready` would be lost, or land in a page mid-reload.
		if (!this.ready || this.disposed) return false;
		return this.port.postMessage(message);
	}

	private async pageReady(): Promise<void> {
		this.ready = true;
		this.pageGeneration += 1;
		await this.post({
			type: 'init',
			servers: this.options.servers,
			...(this.selectedServerId === undefined ? {} : { selectedServerId: this.selectedServerId }),
			defaults: this.defaults,
			...(this.created === undefined ? {} : { created: this.created }),
		});
		if (this.generating !== undefined) await this.post({ type: 'busy', busy: true, message: this.generating });
	}

	private server(serverId: string): ServerChoice | undefined {
		return this.options.servers.find((server) => server.id === serverId);
	}

	/** One lookup per server and page; a failure is not cached, so "Try again" asks again. */
	private capabilities(serverId: string): Promise<ServerCapabilities> {
		let pending = this.capabilityCache.get(serverId);
		if (pending === undefined) {
			pending = this.options.capabilitiesFor(serverId);
			this.capabilityCache.set(serverId, pending);
			pending.catch(() => this.capabilityCache.delete(serverId));
		}
		return pending;
	}

	private async selectServer(serverId: string): Promise<void> {
		if (this.server(serverId) === undefined) return;
		this.selectedServerId = serverId;
		let state: ServerCapabilitiesState;
		try {
			const found = await this.capabilities(serverId);
			state = { status: 'known', capabilities: found.capabilities, ...(found.version === undefined ? {} : { version: found.version }) };
		} catch (error) {
			state = { status: 'failed', ...capabilitiesFailure(error) };
		}
		await this.post({ type: 'capabilities', serverId, state });
	}

	private async generate(message: WebviewMessageOf<'generate'>): Promise<void> {
		const { requestId, input } = message;
		const fail = (explanation: string, nextStep: string) =>
			this.post({ type: 'generateResult', requestId, result: { kind: 'failed', explanation, nextStep } });
		if (this.generating !== undefined) return void (await fail('A token is already being created.', 'Wait for it to finish.'));
		if (this.created !== undefined) {
			return void (await fail('This page has already created a token.', 'Close it and run "DHIS2: Generate Token" again for another one.'));
		}
		const server = this.server(message.serverId);
		if (server === undefined) return void (await fail('That server is no longer configured.', 'Close this page and open it again.'));

		let capabilities: TokenFormCapabilities;
		try {
			capabilities = (await this.capabilities(server.id)).capabilities;
		} catch (error) {
			const failure = capabilitiesFailure(error);
			return void (await fail(failure.explanation, failure.nextStep));
		}
		// The page checked the same rules, but the host never trusts it: a tampered page gets nothing past here.
		const checked = validateTokenRequest(input, capabilities, this.now());
		if (!checked.ok) {
			await this.post({
				type: 'generateResult',
				requestId,
				result: { kind: 'invalid', problems: checked.errors, explanation: 'Some values cannot be sent to DHIS2.', nextStep: 'Fix the marked fields and try again.' },
			});
			return;
		}

		const generation = this.pageGeneration;
		const progress = (text: string) => {
			this.generating = text;
			void this.post({ type: 'busy', busy: true, message: text });
		};
		progress(`Creating the token on ${server.label}…`);
		let summary: CreatedTokenSummary;
		try {
			const generated = await this.options.generate({ server, input, body: checked.body, capabilities, progress });
			summary = {
				tokenId: generated.tokenId,
				serverId: server.id,
				serverLabel: server.label,
				masked: generated.key.masked,
				expire: generated.expire ?? checked.body.expire,
				...(input.name === undefined || input.name.trim() === '' ? {} : { name: input.name.trim() }),
				context: input.context,
			};
			this.created = summary;
			this.generating = undefined;
			// Posted once, straight from the handler's result; nothing here keeps the key afterwards.
			const shown = generation === this.pageGeneration
				&& await this.post({ type: 'generateResult', requestId, result: { kind: 'created', token: summary, key: generated.key.reveal() } });
			if (shown) return;
		} catch (error) {
			this.generating = undefined;
			await this.post({ type: 'busy', busy: false });
			await this.post({ type: 'generateResult', requestId, result: generateFailure(error, input) });
			return;
		}
		// The page reloaded or closed meanwhile: it never learnt of this request. Show the result
		// again without the key (which stays copyable from the vault), and say where it went.
		if (this.ready) await this.pageReady();
		this.hooks.createdUnseen?.(summary);
	}

	private async tokenAction(action: TokenAction, tokenId: string): Promise<void> {
		const created = this.created;
		const server = created === undefined ? undefined : this.server(created.serverId);
		// Only the token this page created: a page must not be able to ask for any stored key.
		if (created === undefined || server === undefined || created.tokenId !== tokenId) {
			await this.post({ type: 'actionResult', action, ok: false, message: 'This page can only act on the token it created.' });
			return;
		}
		let outcome: { readonly ok: boolean; readonly message: string };
		try {
			const result = await this.options[action]({ server, tokenId });
			outcome = typeof result === 'string' ? { ok: true, message: result } : result ?? { ok: true, message: 'Done.' };
		} catch (error) {
			outcome = { ok: false, message: `${ACTION_FAILED[action]}: ${actionErrorText(error)}` };
		}
		await this.post({ type: 'actionResult', action, ...outcome });
	}
}
