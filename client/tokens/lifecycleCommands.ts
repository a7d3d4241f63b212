import { env, ProgressLocation, window } from 'vscode';
import { type ApiTokenInfo } from '../../core/dhis2/client/api';
import { apiTokenCredentials } from '../../core/dhis2/client/credentials';
import { type Dhis2Error } from '../../core/dhis2/client/errors';
import { featuresOf, parseDhis2Version } from '../../core/dhis2/client/version';
import { importToken as importLifecycle, revokeToken as revokeLifecycle, rotateToken as rotateLifecycle, type RotationStepName } from '../../core/lifecycle';
import { describeServer, type ServerEntry } from '../servers/serverList';
import { showDhis2Error, showErrorWithActions } from '../servers/showError';
import { type ServerSession } from '../servers/signIn';
import { type StoredToken } from '../../core/vault';
import { clearTextWarning, rejectsSignIn } from '../servers/signInPolicy';
import { candidateItems, importKeyProblem } from './importText';
import { revokeConfirmation, rotateConfirmation } from './lifecycleText';
import { lifecycleDeps, resolveServer, resolveToken, type TokenServices } from './services';
import { tokenFlags, tokenLabel } from './tokenPresentation';

/** Thrown out of a lifecycle call so that `SignIn.run` forgets a rejected login and asks again. */
function rethrowRejection(error: Dhis2Error | undefined, session: ServerSession): void {
	if (error && rejectsSignIn(error, session.credentialsKind)) throw error;
}

function versionFeatures(services: TokenServices, server: ServerEntry): { deleteEvictsAuthCache?: boolean } {
	const text = services.registry.version(server.url);
	const version = text === undefined ? undefined : parseDhis2Version(text);
	return version ? { deleteEvictsAuthCache: featuresOf(version).deleteEvictsAuthCache } : {};
}

export function revokeToken(services: TokenServices): (argument?: unknown) => Promise<void> {
	const run = async (argument?: unknown): Promise<void> => {
		const target = await resolveToken(services, argument, 'Revoke which token?', (row) => tokenFlags(row).includes('revocable'));
		if (!target) return;
		const { server, row } = target;
		if (!row.idKnown) {
			void window.showWarningMessage(`${tokenLabel(row)} was imported without finding out which token it is on "${server.label}", so it cannot be revoked from VS Code. Revoke it in the DHIS2 User Profile app, then use Forget Key.`);
			return;
		}
		const confirmation = revokeConfirmation(row, server, versionFeatures(services, server), services.now());
		if ((await window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, confirmation.confirm)) !== confirmation.confirm) return;
		let report;
		try {
			report = await window.withProgress({ location: ProgressLocation.Notification, title: `Revoking ${tokenLabel(row)} on "${server.label}"…` }, () =>
				services.signIn.run(server, async (session) => {
					const result = await revokeLifecycle(lifecycleDeps(services, session), row.id);
					if (result.outcome === 'failed') rethrowRejection(result.error, session);
					return result;
				}, true));
		} catch (error) {
			await showDhis2Error(services.logger, `Revoking ${tokenLabel(row)} failed`, error, { retry: () => run(argument) });
			return;
		}
		services.tree.refresh(server.url);
		if (!report) return;
		services.logger.info(`Revoke on ${server.url}: ${report.outcome}`);
		if (report.outcome === 'failed') await showErrorWithActions(report.message, report.error, { retry: () => run(argument) });
		else if (report.mayStillWorkForMs || !report.removedLocally) void window.showWarningMessage(report.message);
		else void window.showInformationMessage(report.message);
	};
	return run;
}

const STEP_TEXT: Readonly<Record<RotationStepName, string>> = {
	create: 'creating the new token…',
	store: 'storing the new key…',
	activate: 'moving .http requests to the new token…',
	'revoke-old': 'revoking the old token…',
	'forget-old': 'removing the old key…',
};

export function rotateToken(services: TokenServices): (argument?: unknown) => Promise<void> {
	const run = async (argument?: unknown): Promise<void> => {
		const target = await resolveToken(services, argument, 'Rotate which token?', (row) => tokenFlags(row).includes('rotatable'));
		if (!target) return;
		const { server, row } = target;
		if (!row.idKnown) {
			void window.showWarningMessage(`${tokenLabel(row)} was imported without finding out which token it is on "${server.label}", so it cannot be rotated. Generate a new token instead, then forget this key.`);
			return;
		}
		const confirmation = rotateConfirmation(row, server, services.now());
		if (confirmation && (await window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, confirmation.confirm)) !== confirmation.confirm) return;
		let report;
		try {
			report = await window.withProgress({ location: ProgressLocation.Notification, title: `Rotating ${tokenLabel(row)} on "${server.label}"` }, (progress) =>
				services.signIn.run(server, async (session) => {
					const result = await rotateLifecycle(lifecycleDeps(services, session), row.id, { onStep: (step) => progress.report({ message: STEP_TEXT[step] }) });
					// Only a failure of the first step can be the login's fault; nothing has changed then.
					if (!result.ok && result.steps[0]?.status === 'failed') rethrowRejection(result.error, session);
					return result;
				}, true));
		} catch (error) {
			await showDhis2Error(services.logger, `Rotating ${tokenLabel(row)} failed`, error, { retry: () => run(argument) });
			return;
		}
		services.tree.refresh(server.url);
		if (!report) return;
		services.logger.info(`Rotate on ${server.url}: ${report.steps.map((step) => `${step.step} ${step.status}`).join(', ')}`);
		const newToken = report.newToken;
		const copy = 'Copy New Key';
		const picked = report.ok
			? await window.showInformationMessage(report.message, ...(newToken ? [copy] : []))
			: await showErrorWithActions(report.message, report.error, report.steps[0]?.status === 'failed' ? { retry: () => run(argument) } : {}, newToken ? [copy] : []);
		if (picked === copy && newToken) {
			const key = await services.vault.key(newToken.serverUrl, newToken.id);
			if (key) {
				await env.clipboard.writeText(key.reveal());
				void window.showInformationMessage(`Copied ${key.masked} to the clipboard.`);
			}
		}
	};
	return run;
}

class ImportCancelled extends Error {}

/** Paste a key you already have: checked, proven with `/api/me` (with the key itself), then stored. */
export function importToken(services: TokenServices): (argument?: unknown) => Promise<void> {
	return async (argument) => {
		const server = await resolveServer(services, argument, 'Import a token for which server?');
		if (server) await importInteractively(services, server);
	};
}

/** The Import steps for one server; resolves with the stored token, or undefined if abandoned or failed. */
export async function importInteractively(services: TokenServices, server: ServerEntry): Promise<StoredToken | undefined> {
	const key = await window.showInputBox({
		title: `Import a DHIS2 token for "${server.label}"`,
		prompt: 'Paste the key (d2p_… or d2pat_…). It is checked, tried against the server, and stored in VS Code\'s secret storage.',
		password: true,
		ignoreFocusOut: true,
		validateInput: importKeyProblem,
	});
	if (key === undefined) return undefined;
	const warning = clearTextWarning(server, 'token');
	if (warning && (await window.showWarningMessage(warning.message, { modal: true, detail: warning.detail }, warning.proceed)) !== warning.proceed) return undefined;
	const choose = async (candidates: ApiTokenInfo[]): Promise<ApiTokenInfo | undefined> => {
		const picked = await window.showQuickPick(candidateItems(candidates, services.now()), {
			title: `Which of your tokens on "${server.label}" is it?`,
			placeHolder: 'DHIS2 never shows keys again, so VS Code cannot tell on its own',
			ignoreFocusOut: true,
		});
		if (!picked) throw new ImportCancelled();
		return picked.candidate;
	};
	let result;
	try {
		result = await window.withProgress({ location: ProgressLocation.Notification, title: `Importing a token for "${server.label}"…` }, () =>
			importLifecycle({
				vault: services.vault,
				serverUrl: server.url,
				now: services.now,
				clientFor: (apiKey) => services.http.clientFor(server.url, apiTokenCredentials(apiKey)),
			}, key, choose));
	} catch (error) {
		if (error instanceof ImportCancelled) return undefined;
		await showDhis2Error(services.logger, 'Importing the token failed', error);
		return undefined;
	}
	if (!result.ok) {
		await showErrorWithActions(result.message, result.error);
		return undefined;
	}
	services.tree.refresh(server.url);
	services.logger.info(`Imported ${result.token.masked} for ${describeServer(server)} (id ${result.token.idKnown ? result.token.id : 'unknown'})`);
	const message = `Stored ${tokenLabel(result.token)} for "${server.label}" in VS Code.${result.warnings.length > 0 ? ` ${result.warnings.join(' ')}` : ''}`;
	const activate = 'Use for .http Requests';
	const picked = await (result.warnings.length > 0 ? window.showWarningMessage(message, activate) : window.showInformationMessage(message, activate));
	if (picked === activate) await services.vault.setActive(server.url, result.token.id);
	return result.token;
}
