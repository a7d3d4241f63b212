import { env, EventEmitter, window } from 'vscode';
import { Dhis2Error } from '../../core/dhis2/client/errors';
import { featuresOf, parseDhis2Version } from '../../core/dhis2/client/version';
import { generateToken } from '../../core/lifecycle';
import { type ServerChoice } from '../../core/protocol/webview';
import { type StoredToken } from '../../core/vault';
import { type GenerateTokenOptions, type GenerateTokenRequest, type GeneratedToken, type ServerCapabilities, type TokenActionRequest } from '../webviews/generateTokenController';
import { GenerateTokenPanel } from '../webviews/generateTokenPanel';
import { type ServerEntry } from '../servers/serverList';
import { rejectsSignIn } from '../servers/signInPolicy';
import { generateConfirmation } from './lifecycleText';
import { lifecycleDeps, type TokenServices } from './services';
import { writeKeyToDotenv } from './writeEnv';

function serverChoice(server: ServerEntry): ServerChoice {
	return { id: server.url, label: server.label, url: server.url, production: server.production };
}

function cancelled(explanation: string): Dhis2Error {
	return new Dhis2Error('cancelled', { explanation, nextStep: 'Press Generate again when you are ready.' });
}

/**
 * Opens the generate-token form and connects it to sign-in, `core/lifecycle` and the vault. The
 * form's `generate` goes through `generateToken`, which stores the key before it is returned, so
 * the page only ever displays a key that is already in SecretStorage.
 */
export class GenerateFlow {
	private readonly generated = new EventEmitter<StoredToken>();
	/** Fires for every token a form created and stored (the AuthenticationProvider waits on it). */
	readonly onDidGenerate = this.generated.event;

	constructor(private readonly services: TokenServices) {}

	open(selectedServerUrl?: string): GenerateTokenPanel {
		const { services } = this;
		const options: GenerateTokenOptions = {
			servers: services.registry.list().map(serverChoice),
			...(selectedServerUrl === undefined ? {} : { selectedServerId: selectedServerUrl }),
			now: services.now,
			capabilitiesFor: (serverId) => this.capabilitiesFor(serverId),
			generate: (request) => this.generate(request),
			copyKey: (request) => this.copyKey(request),
			useForHttp: (request) => this.useForHttp(request),
			writeEnv: (request) => writeKeyToDotenv(services, request.server.id, request.tokenId),
		};
		return GenerateTokenPanel.show(services.extensionUri, options, { log: (line) => services.logger.debug(line) });
	}

	/**
	 * Opens the form for `server` and resolves with the first token created on it, or undefined
	 * once the form is closed without one.
	 */
	generateFor(server: ServerEntry): Promise<StoredToken | undefined> {
		const panel = this.open(server.url);
		return new Promise((resolve) => {
			const generated = this.onDidGenerate((token) => {
				if (token.serverUrl === server.url) finish(token);
			});
			const closed = panel.onDidDispose(() => finish(undefined));
			const finish = (token: StoredToken | undefined) => {
				generated.dispose();
				closed.dispose();
				resolve(token);
			};
		});
	}

	dispose(): void {
		this.generated.dispose();
	}

	private serverOf(serverId: string): ServerEntry {
		const server = this.services.registry.get(serverId);
		if (!server) throw new Dhis2Error('invalid-setting', { explanation: `${serverId} is no longer in the list of servers.`, nextStep: 'Close this form and add the server again.' });
		return server;
	}

	private async capabilitiesFor(serverId: string): Promise<ServerCapabilities> {
		const server = this.serverOf(serverId);
		// A version learnt earlier is enough for the form; signing in waits until Generate is pressed.
		const known = this.services.registry.version(server.url);
		const version = known === undefined ? undefined : parseDhis2Version(known);
		if (version) return { capabilities: featuresOf(version), version: version.text };
		const session = await this.services.signIn.run(server, (signedIn) => Promise.resolve(signedIn), true);
		if (!session) throw cancelled(`Sign in to "${server.label}" so VS Code can learn its DHIS2 version.`);
		return { capabilities: session.info.features, version: session.info.version.text };
	}

	private async generate(request: GenerateTokenRequest): Promise<GeneratedToken> {
		const { services } = this;
		const server = this.serverOf(request.server.id);
		const confirmation = generateConfirmation(server);
		if (confirmation && (await window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, confirmation.confirm)) !== confirmation.confirm) {
			throw cancelled('No token was created.');
		}
		request.progress(`Signing in to ${server.label}…`);
		const result = await services.signIn.run(server, async (session) => {
			request.progress(`Creating the token on ${server.label}…`);
			// The server's own capabilities, now that it answered: the form may have used a remembered version.
			const outcome = await generateToken(lifecycleDeps(services, session), request.input, session.info.features);
			if (!outcome.ok && outcome.error && rejectsSignIn(outcome.error, session.credentialsKind)) throw outcome.error;
			return outcome;
		}, true);
		if (!result) throw cancelled('Signing in was cancelled, so no token was created.');
		if (!result.ok) {
			if (result.error) throw result.error;
			const problems = 'fieldProblems' in result ? result.fieldProblems.map((problem) => problem.message).join(' ') : '';
			throw new Dhis2Error('bad-request', { explanation: problems || 'The form has values DHIS2 does not accept.', nextStep: 'Fix the marked fields and try again.' });
		}
		services.tree.refresh(server.url);
		services.logger.info(`Created token ${result.token.id} (${result.key.masked}) on ${server.url}`);
		for (const warning of result.warnings) void window.showWarningMessage(warning);
		this.generated.fire(result.token);
		return { tokenId: result.token.id, key: result.key, expire: result.token.expire };
	}

	private async copyKey(request: TokenActionRequest): Promise<string> {
		const key = await this.services.vault.key(request.server.id, request.tokenId);
		if (!key) throw new Error('The key is no longer stored in VS Code.');
		await env.clipboard.writeText(key.reveal());
		return `Copied ${key.masked} to the clipboard.`;
	}

	private async useForHttp(request: TokenActionRequest): Promise<string> {
		await this.services.vault.setActive(request.server.id, request.tokenId);
		return `.http requests to ${request.server.label} now use this token.`;
	}
}
