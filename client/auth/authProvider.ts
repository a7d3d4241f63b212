import {
	type AuthenticationProvider, type AuthenticationProviderAuthenticationSessionsChangeEvent, type AuthenticationSession,
	CancellationError, type Disposable, EventEmitter, window,
} from 'vscode';
import { type StoredToken, type TokenVault } from '../../core/vault';
import { type Logger } from '../logger';
import { type ServerEntry } from '../servers/serverList';
import { type ServerRegistry } from '../servers/serverRegistry';
import { diffSessions, parseSessionId, type SessionShape, sessionShapes, serverFromScopes } from './sessions';

export interface SessionCreators {
	/** Runs Import for the server; resolves with the stored token, or undefined if the user gave up. */
	importFor(server: ServerEntry): Promise<StoredToken | undefined>;
	/** Opens the generate form for the server; resolves once a token was created and stored, or undefined. */
	generateFor(server: ServerEntry): Promise<StoredToken | undefined>;
	/** Offers to add a server when none fits the request. */
	addServer(): Promise<ServerEntry | undefined>;
}

/**
 * The `dhis2` authentication provider: other extensions get a stored DHIS2 token through VS Code's
 * consent flow (`authentication.getSession('dhis2', [serverUrl])`). Sessions are the stored,
 * unexpired tokens; removing a session forgets the local key but does NOT revoke the token.
 */
export class Dhis2AuthenticationProvider implements AuthenticationProvider, Disposable {
	private readonly emitter = new EventEmitter<AuthenticationProviderAuthenticationSessionsChangeEvent>();
	readonly onDidChangeSessions = this.emitter.event;
	private known: SessionShape[];
	private readonly subscriptions: { dispose(): unknown }[];

	constructor(
		private readonly vault: TokenVault,
		private readonly registry: ServerRegistry,
		private readonly creators: SessionCreators,
		private readonly logger: Logger,
		private readonly now: () => number,
	) {
		this.known = this.shapes(undefined);
		// The vault follows SecretStorage, so this also fires for tokens added or removed in other windows.
		this.subscriptions = [vault.onDidChange(() => this.announceChanges()), registry.onDidChange(() => this.announceChanges())];
	}

	async getSessions(scopes?: readonly string[]): Promise<AuthenticationSession[]> {
		const sessions: AuthenticationSession[] = [];
		for (const shape of this.shapes(scopes)) {
			const session = await this.sessionOf(shape);
			if (session) sessions.push(session);
		}
		return sessions;
	}

	async createSession(scopes: readonly string[]): Promise<AuthenticationSession> {
		const server = await this.serverFor(scopes);
		if (!server) throw new CancellationError();
		const choice = await window.showQuickPick(
			[
				{ label: '$(cloud-download) Import a token I already have', action: 'import' as const },
				{ label: '$(add) Generate a new token', action: 'generate' as const },
			],
			{ title: `DHIS2 sign-in for "${server.label}"`, placeHolder: 'An extension asked for a DHIS2 personal access token', ignoreFocusOut: true },
		);
		if (!choice) throw new CancellationError();
		const token = choice.action === 'import' ? await this.creators.importFor(server) : await this.creators.generateFor(server);
		if (!token) throw new CancellationError();
		const shape = this.shapes([server.url]).find((candidate) => candidate.tokenId === token.id);
		const session = shape ? await this.sessionOf(shape) : undefined;
		if (!session) throw new Error(`The new token for "${server.label}" could not be read back from VS Code's secret storage.`);
		this.announceChanges();
		return session;
	}

	async removeSession(sessionId: string): Promise<void> {
		const parsed = parseSessionId(sessionId);
		if (!parsed) return;
		const token = this.vault.get(parsed.serverUrl, parsed.tokenId);
		await this.vault.remove(parsed.serverUrl, parsed.tokenId);
		this.announceChanges();
		if (token) {
			void window.showInformationMessage(
				`Forgot the key of ${token.name ?? token.masked} for "${this.registry.labelOf(token.serverUrl)}". `
				+ 'The token itself was NOT revoked and still works on the server; revoke it from the DHIS2 Tokens view to disable it.',
			);
		}
	}

	dispose(): void {
		for (const subscription of this.subscriptions) subscription.dispose();
		this.emitter.dispose();
	}

	private shapes(scopes: readonly string[] | undefined): SessionShape[] {
		const configured = new Set(this.registry.list().map((server) => server.url));
		const stored = this.vault.list().filter((token) => configured.has(token.serverUrl));
		return sessionShapes(stored, scopes, (url) => this.registry.labelOf(url), (url) => this.vault.activeId(url), this.now());
	}

	private async sessionOf(shape: SessionShape): Promise<AuthenticationSession | undefined> {
		try {
			const key = await this.vault.key(shape.serverUrl, shape.tokenId);
			return key ? { id: shape.id, accessToken: key.reveal(), account: shape.account, scopes: shape.scopes } : undefined;
		} catch (error) {
			this.logger.warn(`Reading the key of session ${shape.id} failed`, error);
			return undefined;
		}
	}

	private async serverFor(scopes: readonly string[]): Promise<ServerEntry | undefined> {
		const wanted = serverFromScopes(scopes);
		if (wanted === undefined) throw new Error(`The scopes ${JSON.stringify(scopes)} do not name a DHIS2 server address.`);
		if (wanted !== null) {
			const server = this.registry.get(wanted);
			if (server) return server;
			const add = 'Add Server…';
			const picked = await window.showInformationMessage(`An extension asked for a DHIS2 token for ${wanted}, which is not in your list of servers.`, add);
			return picked === add ? this.creators.addServer() : undefined;
		}
		const servers = this.registry.list();
		if (servers.length === 0) return this.creators.addServer();
		if (servers.length === 1) return servers[0];
		const picked = await window.showQuickPick(servers.map((server) => ({ label: server.label, description: server.url, server })), {
			placeHolder: 'A DHIS2 token for which server?',
			ignoreFocusOut: true,
		});
		return picked?.server;
	}

	/** Compares with the last announced sessions and fires only for real differences. */
	private announceChanges(): void {
		const next = this.shapes(undefined);
		const delta = diffSessions(this.known, next);
		this.known = next;
		if (delta.added.length + delta.removed.length + delta.changed.length === 0) return;
		const toEvent = (shapes: SessionShape[]): AuthenticationSession[] =>
			// The event carries session identities only; listeners call getSessions for keys.
			shapes.map((shape) => ({ id: shape.id, accessToken: '', account: shape.account, scopes: shape.scopes }));
		this.emitter.fire({ added: toEvent(delta.added), removed: toEvent(delta.removed), changed: toEvent(delta.changed) });
	}
}
