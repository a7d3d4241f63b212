import { authentication, commands, type ExtensionContext, window, workspace } from 'vscode';
import { TokenVault } from '../../core/vault';
import { Dhis2AuthenticationProvider } from '../auth/authProvider';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL } from '../auth/sessions';
import { CommandIds } from '../commandIds';
import { type Logger } from '../logger';
import { HttpClients } from '../servers/httpClients';
import { addServerInteractively } from '../servers/serverCommands';
import { ServerRegistry } from '../servers/serverRegistry';
import { SignIn } from '../servers/signIn';
import { TokenStatusBar } from '../status/statusBar';
import { TokenDetailsProvider } from './detailsDocument';
import { GenerateFlow } from './generateFlow';
import { importInteractively } from './lifecycleCommands';
import { ReminderScheduler } from './reminderScheduler';
import { EXPIRY_WARNING_DAYS_SETTING } from './reminders';
import { type TokenServices, warningDays } from './services';
import { TokensTree } from './tokensTree';
import { TOKENS_VIEW_ID } from './viewIds';

/** Context keys the manifest's `when` clauses use. */
const HAS_SERVERS_CONTEXT = 'dhis2.hasServers';
const HAS_STORED_TOKENS_CONTEXT = 'dhis2.hasStoredTokens';

/**
 * Builds the token side of the extension — vault, servers, sign-in, Tokens view, status bar,
 * reminders, AuthenticationProvider — and ties each part's lifetime to the extension's.
 */
export function activateTokens(context: ExtensionContext, logger: Logger): { services: TokenServices; generate: GenerateFlow } {
	const push = <T extends { dispose(): unknown }>(disposable: T): T => {
		context.subscriptions.push(disposable);
		return disposable;
	};
	const now = (): number => Date.now();
	const version = typeof (context.extension.packageJSON as { version?: unknown }).version === 'string' ? (context.extension.packageJSON as { version: string }).version : '0';

	// VS Code's SecretStorage and globalState fit the vault's store interfaces as they are.
	const vault = push(new TokenVault(context.secrets, context.globalState));
	const registry = push(new ServerRegistry(context.globalState, logger.child('servers')));
	const http = push(new HttpClients(logger.child('http'), `dhis2-pat-vscode/${version}`));
	const signIn = push(new SignIn(context.secrets, vault, registry, http, logger.child('sign-in')));
	const tree = push(new TokensTree(registry, vault, signIn, logger.child('tokens'), { now, warningDays }));
	push(window.createTreeView(TOKENS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }));
	const details = push(new TokenDetailsProvider(registry, (url, id) => tree.rowOf(url, id), now));

	const services: TokenServices = { extensionUri: context.extensionUri, logger: logger.child('tokens'), vault, registry, http, signIn, tree, details, now };
	const generate = push(new GenerateFlow(services));

	const statusBar = push(new TokenStatusBar(registry, vault, { now, warningDays, command: CommandIds.showTokens }));
	const reminders = push(new ReminderScheduler(vault, registry, context.globalState, logger.child('reminders'), {
		now,
		warningDays,
		rotateCommand: CommandIds.rotateToken,
		showTokensCommand: CommandIds.showTokens,
	}));

	const auth = push(new Dhis2AuthenticationProvider(vault, registry, {
		importFor: (server) => importInteractively(services, server),
		generateFor: (server) => generate.generateFor(server),
		addServer: () => addServerInteractively(services),
	}, logger.child('auth'), now));
	push(authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, auth, { supportsMultipleAccounts: true }));

	const updateContextKeys = (): void => {
		void commands.executeCommand('setContext', HAS_SERVERS_CONTEXT, registry.list().length > 0);
		void commands.executeCommand('setContext', HAS_STORED_TOKENS_CONTEXT, vault.list().length > 0);
	};
	updateContextKeys();
	push(registry.onDidChange(updateContextKeys));
	push(vault.onDidChange(updateContextKeys));
	push(workspace.onDidChangeConfiguration((event) => {
		if (!event.affectsConfiguration(EXPIRY_WARNING_DAYS_SETTING)) return;
		tree.refresh();
		statusBar.update();
		void reminders.check();
	}));
	return { services, generate };
}
