import { dirname } from 'node:path';
import { type Disposable, type Memento, type QuickPickItem, StatusBarAlignment, type StatusBarItem, type TextEditor, window } from 'vscode';
import { ENVIRONMENT_FILE, type Environments, loadEnvironments, PRIVATE_ENVIRONMENT_FILE } from '../../core/http/variables';
import { type Logger } from '../logger';
import { HttpCommandIds } from './commandIds';
import { chosenEnvironment, ENVIRONMENT_CHOICE_KEY, environmentLabel, readChoices, withChoice } from './environmentChoice';
import { isHttpEditor, requestFilePath } from './documents';

/**
 * The environment of `http-client(.private).env.json` that `.http` requests use, per folder of
 * request files, remembered in workspaceState. Shown in the status bar while a request file is the
 * active editor; clicking it picks another. The files are read again each time (they are small),
 * so an edit to them takes effect on the next send without any watcher.
 */
export class EnvironmentPicker implements Disposable {
	private readonly item: StatusBarItem;
	private readonly subscriptions: Disposable[] = [];

	constructor(
		private readonly state: Memento,
		private readonly folders: () => readonly string[],
		private readonly logger: Logger,
	) {
		this.item = window.createStatusBarItem('dhis2.httpEnvironment', StatusBarAlignment.Left, -1);
		this.item.name = 'DHIS2 .http Environment';
		this.item.command = HttpCommandIds.selectHttpEnvironment;
		this.subscriptions.push(window.onDidChangeActiveTextEditor((editor) => this.update(editor)));
		this.update(window.activeTextEditor);
	}

	/** The folder the environment files are read from for this request file. */
	folderOf(uri: { readonly scheme: string; readonly fsPath: string }): string {
		return dirname(requestFilePath(uri, this.folders()));
	}

	environments(folder: string): Environments {
		const environments = loadEnvironments(folder);
		for (const problem of environments.problems) this.logger.warn(`${folder}: ${problem.file}: ${problem.message}`);
		return environments;
	}

	/** The chosen environment for request files in `folder`, if the files still define it. */
	chosen(folder: string, environments: Environments = this.environments(folder)): string | undefined {
		return chosenEnvironment(readChoices(this.state.get<unknown>(ENVIRONMENT_CHOICE_KEY)), folder, environments.names);
	}

	async pick(editor: TextEditor | undefined = window.activeTextEditor): Promise<void> {
		if (!editor || !isHttpEditor(editor)) {
			void window.showInformationMessage('Open a .http or .rest file to choose the environment its requests use.');
			return;
		}
		const folder = this.folderOf(editor.document.uri);
		const environments = this.environments(folder);
		if (environments.problems.length > 0) {
			void window.showWarningMessage(`The environment files next to this request file have problems: ${environments.problems.map((problem) => `${problem.file}: ${problem.message}`).join('; ')}.`);
		}
		if (environments.names.length === 0) {
			void window.showInformationMessage(`No environments next to this file. Put an ${ENVIRONMENT_FILE} (and, for secrets, a git-ignored ${PRIVATE_ENVIRONMENT_FILE}) in ${folder}.`);
			return;
		}
		const current = this.chosen(folder, environments);
		type Choice = QuickPickItem & { readonly name: string | undefined };
		const choices: Choice[] = [
			...environments.names.map((name): Choice => ({ label: name, description: name === current ? 'current' : undefined, name })),
			{ label: 'No Environment', description: current === undefined ? 'current' : 'only $shared values', name: undefined },
		];
		const picked = await window.showQuickPick(choices, { placeHolder: `Environment for the .http requests in ${folder}` });
		if (!picked) return;
		await this.state.update(ENVIRONMENT_CHOICE_KEY, withChoice(readChoices(this.state.get<unknown>(ENVIRONMENT_CHOICE_KEY)), folder, picked.name));
		this.update(editor);
	}

	update(editor: TextEditor | undefined = window.activeTextEditor): void {
		if (!editor || !isHttpEditor(editor)) {
			this.item.hide();
			return;
		}
		const folder = this.folderOf(editor.document.uri);
		let names: readonly string[];
		try {
			names = loadEnvironments(folder).names;
		} catch {
			names = [];
		}
		const name = chosenEnvironment(readChoices(this.state.get<unknown>(ENVIRONMENT_CHOICE_KEY)), folder, names);
		this.item.text = `$(server-environment) ${environmentLabel(name, names)}`;
		this.item.tooltip = names.length === 0
			? `No ${ENVIRONMENT_FILE} next to this file: requests use file variables only.`
			: `Environment for .http requests in this folder (from ${ENVIRONMENT_FILE}). Click to change.`;
		this.item.show();
	}

	dispose(): void {
		for (const subscription of this.subscriptions) subscription.dispose();
		this.item.dispose();
	}
}
