import { commands, type QuickPickItem, type Uri, window, workspace } from 'vscode';
import { type LifecycleDeps } from '../../core/lifecycle';
import { type TokenVault } from '../../core/vault';
import { type Logger } from '../logger';
import { type HttpClients } from '../servers/httpClients';
import { type ServerEntry } from '../servers/serverList';
import { type ServerRegistry } from '../servers/serverRegistry';
import { type ServerSession, type SignIn } from '../servers/signIn';
import { type TokenDetailsProvider } from './detailsDocument';
import { EXPIRY_WARNING_DAYS_SETTING, warningDaysFrom } from './reminders';
import { tokenLabel } from './tokenPresentation';
import { mergeTokenRows, type TokenRow } from './tokenRows';
import { type TokensNode, type TokensTree } from './tokensTree';

/** Everything the token commands work with; built once in `activate`. */
export interface TokenServices {
	readonly extensionUri: Uri;
	readonly logger: Logger;
	readonly vault: TokenVault;
	readonly registry: ServerRegistry;
	readonly http: HttpClients;
	readonly signIn: SignIn;
	readonly tree: TokensTree;
	readonly details: TokenDetailsProvider;
	readonly now: () => number;
}

export function warningDays(): number {
	return warningDaysFrom(workspace.getConfiguration().get<unknown>(EXPIRY_WARNING_DAYS_SETTING));
}

export function lifecycleDeps(services: TokenServices, session: ServerSession): LifecycleDeps {
	return { client: session.client, vault: services.vault, serverUrl: session.server.url, now: services.now };
}

/** A token as commands receive it: a tree node, `{serverUrl, id}` (reminders, links), or nothing (palette). */
export type TokenArgument = TokensNode | { readonly serverUrl: string; readonly id: string } | undefined;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/** The server a command is about: from its argument, the only server, or a quick pick. */
export async function resolveServer(services: TokenServices, argument: unknown, placeHolder: string): Promise<ServerEntry | undefined> {
	if (typeof argument === 'string') return services.registry.get(argument);
	if (isRecord(argument) && isRecord(argument.server) && typeof argument.server.url === 'string') return services.registry.get(argument.server.url);
	if (isRecord(argument) && typeof argument.serverUrl === 'string') return services.registry.get(argument.serverUrl);
	const servers = services.registry.list();
	if (servers.length === 0) {
		const add = 'Add Server…';
		if ((await window.showInformationMessage('No DHIS2 server is configured yet.', add)) === add) await commands.executeCommand('dhis2.addServer');
		return undefined;
	}
	if (servers.length === 1) return servers[0];
	const picked = await window.showQuickPick(
		servers.map((server) => ({ label: server.label, description: server.url, detail: server.production ? '$(warning) production' : undefined, server })),
		{ placeHolder, ignoreFocusOut: true },
	);
	return picked?.server;
}

/** The token a command is about; from the palette, a pick among stored tokens that `filter` accepts. */
export async function resolveToken(
	services: TokenServices,
	argument: unknown,
	placeHolder: string,
	filter: (row: TokenRow) => boolean = () => true,
): Promise<{ server: ServerEntry; row: TokenRow } | undefined> {
	if (isRecord(argument) && argument.kind === 'token' && isRecord(argument.row)) {
		const node = argument as Extract<TokensNode, { kind: 'token' }>;
		const server = services.registry.get(node.server.url);
		const row = server ? (await services.tree.rowOf(server.url, node.row.id)) ?? node.row : undefined;
		return server && row ? { server, row } : undefined;
	}
	if (isRecord(argument) && typeof argument.serverUrl === 'string' && typeof argument.id === 'string') {
		const server = services.registry.get(argument.serverUrl);
		const row = server ? await services.tree.rowOf(server.url, argument.id) : undefined;
		return server && row ? { server, row } : undefined;
	}
	const now = services.now();
	type Choice = QuickPickItem & { readonly server: ServerEntry; readonly row: TokenRow };
	const choices: Choice[] = services.registry.list().flatMap((server) =>
		mergeTokenRows(server.url, services.vault.list(server.url), undefined, services.vault.activeId(server.url), now)
			.filter(filter)
			.map((row): Choice => ({ label: tokenLabel(row), description: `${server.label}${row.masked ? ` · ${row.masked}` : ''}`, server, row })));
	if (choices.length === 0) {
		void window.showInformationMessage('No DHIS2 token stored in VS Code fits. Generate or import one from the DHIS2 Tokens view.');
		return undefined;
	}
	const picked = choices.length === 1 ? choices[0] : await window.showQuickPick(choices, { placeHolder, ignoreFocusOut: true });
	return picked ? { server: picked.server, row: picked.row } : undefined;
}
