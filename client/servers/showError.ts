import { commands, window } from 'vscode';
import { type Dhis2Error, isDhis2Error } from '../../core/dhis2/client/errors';
import { VaultError } from '../../core/vault/vaultError';
import { type Logger } from '../logger';
import { errorActions } from './signInPolicy';

export interface ErrorHandlers {
	/** Offered as "Retry" where the error is transient. */
	readonly retry?: () => unknown;
	/** Offered as "Sign In Again" after rejected credentials. */
	readonly signIn?: () => unknown;
}

const SHOW_OUTPUT = 'Show Output';

/**
 * Shows `message` as an error with the buttons that fit `error` (Retry, Open Settings…, Sign In
 * Again), and runs the one picked. Used for lifecycle reports, whose message already says it all.
 */
export async function showErrorWithActions(message: string, error: Dhis2Error | undefined, handlers: ErrorHandlers = {}, extra: readonly string[] = []): Promise<string | undefined> {
	const actions = (error ? errorActions(error) : []).filter((action) => (action.kind === 'retry' ? handlers.retry : action.kind === 'signIn' ? handlers.signIn : true));
	const picked = await window.showErrorMessage(message, ...actions.map((action) => action.label), ...extra);
	const action = actions.find((candidate) => candidate.label === picked);
	if (!action) return picked;
	if (action.kind === 'retry') await handlers.retry?.();
	else if (action.kind === 'signIn') await handlers.signIn?.();
	else await commands.executeCommand('workbench.action.openSettings', action.setting);
	return undefined;
}

/**
 * Shows a failed DHIS2 call: `title` says what was being done, the error's explanation and next
 * step say what happened and what to do, and the buttons do it. Anything that is not a Dhis2Error
 * is a bug: logged with its stack and pointed to from the message.
 */
export async function showDhis2Error(logger: Logger, title: string, error: unknown, handlers: ErrorHandlers = {}): Promise<void> {
	if (error instanceof VaultError) {
		// The keychain failed (on Linux often: no Secret Service running); its message says how.
		logger.warn(`${title}: ${error.operation}: ${error.message}`);
		await window.showErrorMessage(`${title}: ${error.message}. Check that VS Code can use the system keychain (on Linux: a running Secret Service such as gnome-keyring).`);
		return;
	}
	if (!isDhis2Error(error)) {
		logger.error(title, error);
		if ((await window.showErrorMessage(`${title}: something unexpected went wrong. The output has the details.`, SHOW_OUTPUT)) === SHOW_OUTPUT) {
			await commands.executeCommand('dhis2.showOutput');
		}
		return;
	}
	if (error.kind === 'cancelled') return;
	logger.warn(`${title}: ${error.kind}${error.status === undefined ? '' : ` (HTTP ${error.status})`}: ${error.explanation}`);
	await showErrorWithActions(`${title}: ${error.userMessage}`, error, handlers);
}
