import { type Disposable, EventEmitter, ProgressLocation, type QuickPickItem, type SecretStorage, window } from 'vscode';
import { type Dhis2Client, type Me, type SystemInfo } from '../../core/dhis2/client/api';
import { apiTokenCredentials, basicCredentials, type Credentials, SecretValue } from '../../core/dhis2/client/credentials';
import { Dhis2Error, isDhis2Error } from '../../core/dhis2/client/errors';
import { type StoredToken, type TokenVault } from '../../core/vault';
import { type Logger } from '../logger';
import { type HttpClients } from './httpClients';
import { type ServerEntry } from './serverList';
import { type ServerRegistry } from './serverRegistry';
import { showDhis2Error } from './showError';
import { clearTextWarning, loginSecretKey, parseRememberedLogin, rejectsSignIn, serialiseLogin, usernameProblem } from './signInPolicy';

/** How management calls to one server authenticate, for the rest of the window. */
type Login =
	| { readonly kind: 'basic'; readonly username: string; readonly password: SecretValue; readonly remembered: boolean }
	/** A stored personal access token of that server; its key is read from the vault at each use. */
	| { readonly kind: 'token'; readonly tokenId: string };

/** A signed-in connection: the client, and what the server said about itself and the user. */
export interface ServerSession {
	readonly server: ServerEntry;
	readonly client: Dhis2Client;
	readonly info: SystemInfo;
	readonly me: Me;
	/** How the session signs in: a rejection means different things for a password and a token. */
	readonly credentialsKind: Credentials['kind'];
}

interface CachedSession {
	readonly login: Login;
	readonly session: Promise<ServerSession>;
}

/**
 * Sign-in for management calls (list, create, revoke tokens). Passwords stay in memory for the
 * window's life unless the user asks to remember them, then in SecretStorage only; never in
 * settings or logs. Rejected credentials are forgotten at once.
 */
export class SignIn implements Disposable {
	private readonly logins = new Map<string, Login>();
	private readonly sessions = new Map<string, CachedSession>();
	private readonly emitter = new EventEmitter<string>();
	/** Fires with the server URL whose sign-in changed (signed in, out, or forgotten). */
	readonly onDidChange = this.emitter.event;
	private readonly subscriptions: Disposable[];

	constructor(
		private readonly secrets: SecretStorage,
		private readonly vault: TokenVault,
		private readonly registry: ServerRegistry,
		private readonly http: HttpClients,
		private readonly logger: Logger,
	) {
		this.subscriptions = [
			http.onDidReplaceTransport(() => this.sessions.clear()),
			// Signed in with a stored token that was since revoked, rotated away or forgotten: that login is gone.
			vault.onDidChange(() => {
				for (const [url, login] of [...this.logins]) if (login.kind === 'token' && !vault.get(url, login.tokenId)) this.drop(url);
			}),
			// Another window remembered or forgot a password: forget what this one cached about it.
			secrets.onDidChange((event) => {
				const url = this.registry.list().find((server) => event.key === loginSecretKey(server.url))?.url;
				if (url === undefined) return;
				void this.followRememberedLogin(url);
			}),
		];
	}

	/** Signed in (in memory) right now; a remembered password counts once it has been used. */
	isSignedIn(url: string): boolean {
		return this.logins.has(url);
	}

	/** Whether a call could be made without asking: a login in memory or remembered in SecretStorage. */
	async canSignInQuietly(url: string): Promise<boolean> {
		return (await this.quietLogin(url)) !== undefined;
	}

	/**
	 * Runs `operation` signed in to `server`. Interactive: asks for a login when there is none and
	 * again after a rejection. Quiet: returns undefined when there is no login to use. Other errors
	 * are thrown for the caller to explain.
	 */
	async run<T>(server: ServerEntry, operation: (session: ServerSession) => Promise<T>, interactive: boolean): Promise<T | undefined> {
		for (;;) {
			const login = (await this.quietLogin(server.url)) ?? (interactive ? await this.prompt(server) : undefined);
			if (!login) return undefined;
			if (login.kind === 'token' && !(await this.vault.key(server.url, login.tokenId))) {
				this.drop(server.url);
				continue;
			}
			try {
				return await operation(await this.sessionFor(server, login));
			} catch (error) {
				if (!isDhis2Error(error) || !rejectsSignIn(error, login.kind === 'basic' ? 'basic' : 'apiToken')) throw error;
				await this.forget(server.url);
				if (!interactive) throw error;
				const again = 'Sign In Again';
				const who = login.kind === 'basic' ? `the user name or password for "${login.username}"` : 'the stored token used to sign in';
				const picked = await window.showErrorMessage(`"${server.label}" did not accept ${who}: ${error.userMessage}`, again);
				if (picked !== again) return undefined;
			}
		}
	}

	/** The explicit "Sign In" command: always asks, replacing the current login if it works. */
	async signIn(server: ServerEntry): Promise<ServerSession | undefined> {
		const login = await this.prompt(server);
		if (!login) return undefined;
		return this.run(server, (session) => Promise.resolve(session), true);
	}

	/** Forgets the login of this window and any remembered password. */
	async signOut(url: string): Promise<void> {
		this.drop(url);
		await this.secrets.delete(loginSecretKey(url));
	}

	dispose(): void {
		for (const subscription of this.subscriptions) subscription.dispose();
		this.emitter.dispose();
		this.logins.clear();
		this.sessions.clear();
	}

	/** Drops a remembered login this window uses once another window changed or removed it. */
	private async followRememberedLogin(url: string): Promise<void> {
		const login = this.logins.get(url);
		if (login?.kind !== 'basic' || !login.remembered) return;
		const remembered = parseRememberedLogin(await this.secrets.get(loginSecretKey(url)));
		const same = remembered !== undefined && remembered.username === login.username && login.password.equals(new SecretValue(remembered.password, ''));
		if (!same) this.drop(url);
	}

	private drop(url: string): void {
		this.logins.delete(url);
		this.sessions.delete(url);
		this.emitter.fire(url);
	}

	/** After a rejection: a remembered password that was rejected is wrong everywhere, so it goes too. */
	private async forget(url: string): Promise<void> {
		const login = this.logins.get(url);
		this.drop(url);
		if (login?.kind === 'basic' && login.remembered) await this.secrets.delete(loginSecretKey(url));
	}

	private async quietLogin(url: string): Promise<Login | undefined> {
		const current = this.logins.get(url);
		if (current) return current;
		const remembered = parseRememberedLogin(await this.secrets.get(loginSecretKey(url)));
		if (!remembered) return undefined;
		const login: Login = { kind: 'basic', username: remembered.username, password: new SecretValue(remembered.password, '••••••••'), remembered: true };
		this.logins.set(url, login);
		return login;
	}

	private async credentialsOf(server: ServerEntry, login: Login): Promise<Credentials> {
		if (login.kind === 'basic') return basicCredentials(login.username, login.password);
		const key = await this.vault.key(server.url, login.tokenId);
		if (!key) throw new Dhis2Error('token-unknown', { explanation: 'The token chosen to sign in is no longer stored in VS Code.', nextStep: 'Sign in again.' });
		return apiTokenCredentials(key);
	}

	private sessionFor(server: ServerEntry, login: Login): Promise<ServerSession> {
		const cached = this.sessions.get(server.url);
		if (cached && cached.login === login) return cached.session;
		const session = (async (): Promise<ServerSession> => {
			const credentials = await this.credentialsOf(server, login);
			const client = this.http.clientFor(server.url, credentials);
			// The version decides the key format, whether names and HEAD are supported, and what revoking means.
			const info = await client.systemInfo();
			const me = await client.me();
			await this.registry.rememberVersion(server.url, info.version.text);
			this.logger.info(`Signed in to ${server.url} (DHIS2 ${info.version.text}) as ${me.username ?? me.id}`);
			return { server, client, info, me, credentialsKind: credentials.kind };
		})();
		this.sessions.set(server.url, { login, session });
		// A failed sign-in is not cached: the next call tries again (or asks again, after a rejection).
		session.catch(() => {
			if (this.sessions.get(server.url)?.session === session) this.sessions.delete(server.url);
		});
		return session;
	}

	/** Asks how to sign in until a login is accepted or the user gives up; only an accepted login is kept. */
	private async prompt(server: ServerEntry): Promise<Login | undefined> {
		let login = await this.askLogin(server);
		while (login) {
			const attempt = login;
			try {
				await window.withProgress({ location: ProgressLocation.Notification, title: `Signing in to "${server.label}"…` }, () => this.sessionFor(server, attempt));
			} catch (error) {
				if (isDhis2Error(error) && rejectsSignIn(error, attempt.kind === 'basic' ? 'basic' : 'apiToken')) {
					const again = 'Sign In Again';
					const picked = await window.showErrorMessage(`"${server.label}" did not accept the sign-in: ${error.userMessage}`, again);
					login = picked === again ? await this.askLogin(server) : undefined;
					continue;
				}
				// Network trouble: the same login may work on a second try, without typing it again.
				let retry = false;
				await showDhis2Error(this.logger, `Signing in to "${server.label}" failed`, error, { retry: () => (retry = true) });
				if (!retry) login = undefined;
				continue;
			}
			this.logins.set(server.url, attempt);
			if (attempt.kind === 'basic' && attempt.remembered) {
				await this.secrets.store(loginSecretKey(server.url), serialiseLogin({ username: attempt.username, password: attempt.password.reveal() }));
			}
			this.emitter.fire(server.url);
			return attempt;
		}
		return undefined;
	}

	private async askLogin(server: ServerEntry): Promise<Login | undefined> {
		const now = Date.now();
		const tokens = this.vault.list(server.url).filter((token) => token.expire > now);
		if (tokens.length > 0) {
			type Choice = QuickPickItem & { readonly token?: StoredToken };
			const choices: Choice[] = [
				{ label: '$(account) User name and password', detail: 'Used for this window only, unless you choose to remember it' },
				...tokens.map((token): Choice => ({ label: `$(key) ${token.name ?? token.id}`, description: token.masked, detail: 'A personal access token stored in VS Code for this server', token })),
			];
			const picked = await window.showQuickPick(choices, { title: `Sign in to "${server.label}"`, placeHolder: 'How should VS Code sign in to manage tokens?', ignoreFocusOut: true });
			if (!picked) return undefined;
			if (picked.token) return (await this.consentToClearText(server, 'token')) ? { kind: 'token', tokenId: picked.token.id } : undefined;
		}
		const username = await window.showInputBox({
			title: `Sign in to "${server.label}" (1/3)`,
			prompt: `Your DHIS2 user name on ${server.url}`,
			ignoreFocusOut: true,
			validateInput: usernameProblem,
		});
		if (username === undefined) return undefined;
		const password = await window.showInputBox({
			title: `Sign in to "${server.label}" (2/3)`,
			prompt: `The password of "${username.trim()}"`,
			password: true,
			ignoreFocusOut: true,
			validateInput: (text) => (text === '' ? 'Enter the password.' : undefined),
		});
		if (password === undefined) return undefined;
		if (!(await this.consentToClearText(server, 'password'))) return undefined;
		const keep = [
			{ label: 'Keep for this window only', detail: 'Forgotten when the window closes', remember: false },
			{ label: 'Remember in VS Code\'s secret storage', detail: 'Kept in the operating system\'s keychain until you sign out', remember: true },
		];
		const choice = await window.showQuickPick(keep, { title: `Sign in to "${server.label}" (3/3)`, placeHolder: 'Remember the password?', ignoreFocusOut: true });
		if (!choice) return undefined;
		return { kind: 'basic', username: username.trim(), password: new SecretValue(password, '••••••••'), remembered: choice.remember };
	}

	private async consentToClearText(server: ServerEntry, what: 'password' | 'token'): Promise<boolean> {
		const warning = clearTextWarning(server, what);
		if (!warning) return true;
		// Modal: VS Code adds Cancel, which is what Escape and Enter-without-choosing pick.
		const picked = await window.showWarningMessage(warning.message, { modal: true, detail: warning.detail }, warning.proceed);
		return picked === warning.proceed;
	}
}
