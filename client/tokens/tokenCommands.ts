import { commands, env, window } from 'vscode';
import { showDhis2Error } from '../servers/showError';
import { type GenerateFlow } from './generateFlow';
import { resolveServer, resolveToken, type TokenServices } from './services';
import { tokenLabel } from './tokenPresentation';
import { TOKENS_VIEW_ID } from './viewIds';

export function refreshTokens(services: TokenServices): (argument?: unknown) => void {
	return (argument) => {
		const url = typeof argument === 'string' ? argument : typeof argument === 'object' && argument !== null && 'server' in argument
			? (argument as { server: { url: string } }).server.url
			: undefined;
		services.tree.refresh(url);
	};
}

export function showTokens(): () => Promise<void> {
	return async () => {
		await commands.executeCommand(`${TOKENS_VIEW_ID}.focus`);
	};
}

/** Copies a stored key. The message names it masked; nothing else ever sees it. */
export function copyTokenKey(services: TokenServices): (argument?: unknown) => Promise<void> {
	return async (argument) => {
		const target = await resolveToken(services, argument, 'Copy the key of which token?', (row) => row.stored);
		if (!target) return;
		const key = await services.vault.key(target.server.url, target.row.id).catch(async (error: unknown) => {
			await showDhis2Error(services.logger, 'Reading the key from VS Code\'s secret storage failed', error);
			return undefined;
		});
		if (!key) {
			void window.showWarningMessage(`The key of ${tokenLabel(target.row)} is no longer stored in VS Code.`);
			return;
		}
		await env.clipboard.writeText(key.reveal());
		void window.showInformationMessage(`Copied ${key.masked} to the clipboard.`);
	};
}

export function setActiveToken(services: TokenServices): (argument?: unknown) => Promise<void> {
	return async (argument) => {
		const target = await resolveToken(services, argument, 'Which token should .http requests use?', (row) => row.stored && !row.active);
		if (!target) return;
		try {
			await services.vault.setActive(target.server.url, target.row.id);
			void window.showInformationMessage(`.http requests to "${target.server.label}" now use ${tokenLabel(target.row)} (${target.row.masked ?? ''}).`);
		} catch (error) {
			await showDhis2Error(services.logger, 'Setting the token for .http requests failed', error);
		}
	};
}

export function showTokenDetails(services: TokenServices): (argument?: unknown) => Promise<void> {
	return async (argument) => {
		const target = await resolveToken(services, argument, 'Show the details of which token?');
		if (!target) return;
		await services.details.show(target.row, tokenLabel(target.row));
	};
}

/** Removes the key from VS Code only; the token stays valid on the server. */
export function forgetTokenKey(services: TokenServices): (argument?: unknown) => Promise<void> {
	return async (argument) => {
		const target = await resolveToken(services, argument, 'Forget the key of which token?', (row) => row.stored);
		if (!target) return;
		const forget = 'Forget Key';
		const detail = target.row.presence === 'missing'
			? 'The server no longer has this token, so the key does not work any more.'
			: 'This does NOT revoke the token: it keeps working on the server for whoever has its key. Use Revoke to disable it.';
		const message = `Forget the key of ${tokenLabel(target.row)} (${target.row.masked ?? ''}) on "${target.server.label}"?`;
		if ((await window.showWarningMessage(message, { modal: true, detail }, forget)) !== forget) return;
		try {
			await services.vault.remove(target.server.url, target.row.id);
		} catch (error) {
			await showDhis2Error(services.logger, 'Removing the key from VS Code failed', error);
		}
	};
}

/** Opens the form; with a server (from the view or a note) it is preselected, otherwise the form asks. */
export function generateToken(services: TokenServices, flow: GenerateFlow): (argument?: unknown) => Promise<void> {
	return async (argument) => {
		if (services.registry.list().length === 0 || argument !== undefined) {
			const server = await resolveServer(services, argument, 'Generate a token on which server?');
			if (!server) return;
			flow.open(server.url);
			return;
		}
		flow.open(services.registry.list().length === 1 ? services.registry.list()[0]?.url : undefined);
	};
}
