import { window } from 'vscode';
import { resolveServer, type TokenServices } from '../tokens/services';
import { defaultLabel, describeServer, type ServerEntry, labelProblem, newServerUrlProblem, normalisedUrlOf, withServerAdded, withServerRemoved, withServerRenamed } from './serverList';
import { showDhis2Error } from './showError';

/** `DHIS2: Add Server`: URL (checked as typed), name, production flag; then a sign-in to learn the version. */
export function addServer(services: TokenServices): () => Promise<void> {
	return async () => {
		await addServerInteractively(services);
	};
}

/** The Add Server steps; resolves with the added server (signed in or not), or undefined if abandoned. */
export async function addServerInteractively(services: TokenServices): Promise<ServerEntry | undefined> {
	const servers = services.registry.list();
	const input = await window.showInputBox({
		title: 'Add DHIS2 Server (1/3)',
		prompt: 'The address you open DHIS2 at, e.g. https://play.dhis2.org/40 (without /api)',
		placeHolder: 'https://dhis2.example.org',
		ignoreFocusOut: true,
		validateInput: (text) => newServerUrlProblem(text, services.registry.list()),
	});
	if (input === undefined) return undefined;
	const url = normalisedUrlOf(input);
	if (url === undefined) return undefined;
	const label = await window.showInputBox({
		title: 'Add DHIS2 Server (2/3)',
		prompt: `A short name for ${url}, used in the Tokens view and in confirmations`,
		value: defaultLabel(url),
		ignoreFocusOut: true,
		validateInput: (text) => labelProblem(text, services.registry.list()),
	});
	if (label === undefined) return undefined;
	const kind = await window.showQuickPick(
		[
			{ label: 'Test, training or development server', production: false },
			{ label: '$(warning) Production server', detail: 'Creating, rotating and revoking tokens on it ask for confirmation first', production: true },
		],
		{ title: 'Add DHIS2 Server (3/3)', placeHolder: 'Is this a production server?', ignoreFocusOut: true },
	);
	if (!kind) return undefined;
	const entry: ServerEntry = { url, label: label.trim(), production: kind.production };
	await services.registry.save(withServerAdded(servers, entry));
	services.logger.info(`Added server ${describeServer(entry)}`);
	// The version decides the key format and which fields the token form offers: learn it now.
	const session = await services.signIn.run(entry, (signedIn) => Promise.resolve(signedIn), true).catch(async (error: unknown) => {
		await showDhis2Error(services.logger, `"${entry.label}" was added, but could not be reached`, error);
		return undefined;
	});
	if (session) void window.showInformationMessage(`Added "${entry.label}": DHIS2 ${session.info.version.text}, signed in as ${session.me.username ?? session.me.id}.`);
	return entry;
}

export function removeServer(services: TokenServices): (argument?: unknown) => Promise<void> {
	return async (argument) => {
		const server = await resolveServer(services, argument, 'Which server should be removed from the list?');
		if (!server) return;
		const stored = services.vault.list(server.url);
		const detail = stored.length === 0
			? 'Its sign-in is forgotten. Tokens on the server are not touched.'
			: `Its sign-in and the ${stored.length} token key${stored.length === 1 ? '' : 's'} stored in VS Code for it are forgotten. Tokens on the server are NOT revoked and keep working.`;
		const remove = 'Remove';
		if ((await window.showWarningMessage(`Remove ${describeServer(server)} from the list?`, { modal: true, detail }, remove)) !== remove) return;
		await services.signIn.signOut(server.url);
		for (const token of stored) await services.vault.remove(server.url, token.id);
		await services.registry.save(withServerRemoved(services.registry.list(), server.url));
		await services.registry.rememberVersion(server.url, undefined);
	};
}

export function renameServer(services: TokenServices): (argument?: unknown) => Promise<void> {
	return async (argument) => {
		const server = await resolveServer(services, argument, 'Which server should be renamed?');
		if (!server) return;
		const label = await window.showInputBox({
			title: `Rename "${server.label}"`,
			prompt: `A new name for ${server.url}`,
			value: server.label,
			ignoreFocusOut: true,
			validateInput: (text) => labelProblem(text, services.registry.list(), server.url),
		});
		if (label === undefined || label.trim() === server.label) return;
		await services.registry.save(withServerRenamed(services.registry.list(), server.url, label));
	};
}

export function signIn(services: TokenServices): (argument?: unknown) => Promise<void> {
	return async (argument) => {
		const server = await resolveServer(services, argument, 'Sign in to which server?');
		if (!server) return;
		const session = await services.signIn.signIn(server).catch(async (error: unknown) => {
			await showDhis2Error(services.logger, `Signing in to "${server.label}" failed`, error);
			return undefined;
		});
		if (session) services.tree.refresh(server.url);
	};
}

export function signOut(services: TokenServices): (argument?: unknown) => Promise<void> {
	return async (argument) => {
		const server = await resolveServer(services, argument, 'Sign out of which server?');
		if (!server) return;
		await services.signIn.signOut(server.url);
		void window.showInformationMessage(`Signed out of "${server.label}". Tokens stored in VS Code are kept; remove them from the Tokens view.`);
	};
}
