import { type ExtensionContext, type LogOutputChannel, workspace } from 'vscode';
import { LanguageClient, type LanguageClientOptions, RevealOutputChannelOn, type ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { DIAGNOSTIC_SOURCE, type ServerInitializationOptions } from '../core/protocol/lsp';

/** Also the configuration prefix: vscode-languageclient reads `<id>.trace.server`. */
const CLIENT_ID = 'dhis2';
const CLIENT_NAME = 'DHIS2 PAT';
const DEBUG_PORT = 6010;

export function createLanguageClient(
	context: ExtensionContext,
	outputChannel: LogOutputChannel,
	initializationOptions: ServerInitializationOptions,
): LanguageClient {
	const module = context.asAbsolutePath('dist/server.js');
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] } },
	};

	// One watcher for everything: `**/*` also matches dotfiles, so `.gitignore`, `.dhis2-pat-ignore` and
	// `.env*` changes arrive through it; a second watcher for those would only send each event twice.
	// The server decides what a change means (new ignore rules, a file to rescan).
	const fileWatcher = workspace.createFileSystemWatcher('**/*');
	context.subscriptions.push(fileWatcher);

	const clientOptions: LanguageClientOptions = {
		// Tokens leak into every kind of file, so every language; schemes limit it to real documents
		// (not output panes, git diffs or settings editors). Notebook cells sync as text documents.
		documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }],
		synchronize: {
			configurationSection: CLIENT_ID,
			fileEvents: fileWatcher,
		},
		initializationOptions,
		outputChannel,
		// Problems are the user interface; the log is for bug reports, so it never pops up on its own.
		revealOutputChannelOn: RevealOutputChannelOn.Never,
		diagnosticCollectionName: DIAGNOSTIC_SOURCE,
	};

	return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
