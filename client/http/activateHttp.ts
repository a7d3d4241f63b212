import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { commands, type ExtensionContext, languages, window, workspace } from 'vscode';
import { closeSharedSenders } from '../../core/http/send';
import { type Logger } from '../logger';
import { type TokenServices } from '../tokens/services';
import { HttpCodeLensProvider } from './codeLens';
import { HttpCommandIds } from './commandIds';
import { HTTP_LANGUAGE_ID } from './documents';
import { EnvironmentPicker } from './environmentPicker';
import { historySizeFrom, RequestHistory } from './history';
import { clearRequestHistory, showRequestHistory } from './historyCommands';
import { responseActions } from './responseActions';
import { ResponsePanel } from './responsePanel';
import { ResponseStore } from './responseStore';
import { HttpRunner } from './runner';
import { HISTORY_SIZE_SETTING } from './runnerSettings';
import { SendingStatus } from './sendingStatus';

/**
 * The `.http` request runner: CodeLens and commands to send, the environment picker, the response
 * view, and the history. Built on the token side's vault and server registry; needs no language
 * server. Everything it creates is disposed with the extension, temporary body files included.
 */
export function activateHttp(context: ExtensionContext, services: TokenServices, logger: Logger): void {
	const push = <T extends { dispose(): unknown }>(disposable: T): T => {
		context.subscriptions.push(disposable);
		return disposable;
	};
	const folders = (): string[] => (workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
	const store = new ResponseStore((path) => rm(path, { force: true }));
	const history = new RequestHistory(context.workspaceState, () => historySizeFrom(workspace.getConfiguration().get<unknown>(HISTORY_SIZE_SETTING)));
	const environments = push(new EnvironmentPicker(context.workspaceState, folders, logger));
	const sending = push(new SendingStatus());
	// The panel's Send Again needs the runner, which needs the panel: the reference is filled in below.
	const runners: HttpRunner[] = [];
	const sendAgain = async (uri: string, line: number): Promise<void> => {
		try {
			await runners[0]?.sendRequest(uri, line);
		} catch (error) {
			logger.error('Sending the request again failed', error);
		}
	};
	const panel = push(new ResponsePanel(context.extensionUri, responseActions(store, sendAgain), (line) => logger.warn(line)));
	const run = push(new HttpRunner({ services, logger, environments, sending, panel, store, history }));
	runners.push(run);

	const codeLens = push(new HttpCodeLensProvider());
	push(languages.registerCodeLensProvider([{ language: HTTP_LANGUAGE_ID, scheme: 'file' }, { language: HTTP_LANGUAGE_ID, scheme: 'untitled' }], codeLens));

	const report = (name: string) => (error: unknown): void => {
		logger.error(`${name} failed`, error);
		void window.showErrorMessage(`DHIS2: ${name} failed unexpectedly. The output has the details.`);
	};
	const register = (id: string, handler: (...args: unknown[]) => unknown): void => {
		push(commands.registerCommand(id, (...args: unknown[]) => Promise.resolve(handler(...args)).catch(report(id))));
	};
	register(HttpCommandIds.sendRequest, (uri, line) => run.sendRequest(uri, line));
	register(HttpCommandIds.sendAllRequests, (uri) => run.sendAll(uri));
	register(HttpCommandIds.cancelRequest, () => run.cancel());
	register(HttpCommandIds.selectHttpEnvironment, () => environments.pick());
	register(HttpCommandIds.showRequestHistory, showRequestHistory(history, sendAgain, services.now));
	register(HttpCommandIds.clearRequestHistory, clearRequestHistory(history));

	push(workspace.onDidSaveTextDocument((document) => {
		if (/(?:^|[\\/])http-client(?:\.private)?\.env\.json$/.test(document.uri.fsPath)) environments.update();
	}));
	push({
		dispose: () => {
			// Synchronously: the extension host may exit right after disposing.
			for (const file of store.files()) rmSync(file, { force: true });
			void store.dispose();
			void closeSharedSenders();
		},
	});
}
