import {
	type CancellationToken,
	CodeActionKind,
	type InitializeResult,
	ProposedFeatures,
	TextDocumentSyncKind,
	TextDocuments,
	createConnection,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { ScanFinishedNotification, ScanWorkspaceRequest, type ScanWorkspaceResult, type ServerInitializationOptions } from '../core/protocol/lsp';
import { registerCodeActions } from './codeActions';
import { DocumentDiagnostics } from './documentDiagnostics';
import { LineDocument } from './lineDocument';
import { forgetEnvFileAnswers } from './envFileCheck';
import { SettingsStore } from './settings';
import { WorkspaceFolders } from './workspaceFolders';
import { WorkspaceScanner } from './workspaceScan';

/** Where diagnostics link when the client does not say: the README's remediation section. */
const DEFAULT_REMEDIATION_URL = 'https://github.com/dhis2-pat/dhis2-pat#remediation';
// File events come in bursts (a checkout, a build): one rescan after they settle.
const RESCAN_DELAY_MS = 1000;
const CHANGED_FILES_DELAY_MS = 300;

// The transport comes from the command line: --node-ipc from VS Code, --stdio for other editors.
const connection = createConnection(ProposedFeatures.all);
// Open documents are kept line by line, so typing in a huge file costs a line, not a copy of the file.
const documents = new TextDocuments<LineDocument>({
	create: (uri, languageId, version, text) => LineDocument.create(uri, languageId, version, text),
	update: (document, changes, version) => LineDocument.update(document, changes, version),
});
const settings = new SettingsStore(connection);
const folders = new WorkspaceFolders();
let remediationUrl = DEFAULT_REMEDIATION_URL;
let progressSupported = false;
const diagnostics = new DocumentDiagnostics(connection, documents, settings, folders, () => remediationUrl);
const scanner = new WorkspaceScanner(connection, documents, settings, folders, () => remediationUrl);
const justOpened = new Set<string>();
let rescanTimer: NodeJS.Timeout | undefined;

connection.onInitialize((params): InitializeResult => {
	const options = (params.initializationOptions ?? {}) as ServerInitializationOptions;
	if (options.remediationUrl) remediationUrl = options.remediationUrl;
	if (params.capabilities.workspace?.configuration) settings.enableConfigurationRequests();
	progressSupported = params.capabilities.window?.workDoneProgress === true;
	const folderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
	folders.set(folderUris);
	return {
		capabilities: {
			textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
			codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
			workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
		},
		serverInfo: { name: 'dhis2-pat' },
	};
});

async function scanWorkspace(requestToken?: CancellationToken): Promise<ScanWorkspaceResult> {
	const progress = progressSupported ? await connection.window.createWorkDoneProgress() : undefined;
	requestToken?.onCancellationRequested(() => scanner.cancel());
	const result = await scanner.run(progress, progress?.token);
	await connection.sendNotification(ScanFinishedNotification.type, result);
	return result;
}

function scheduleRescan(): void {
	if (rescanTimer) clearTimeout(rescanTimer);
	rescanTimer = setTimeout(() => void scanWorkspace(), RESCAN_DELAY_MS);
}

connection.onInitialized(async () => {
	connection.workspace.onDidChangeWorkspaceFolders(() => {
		void connection.workspace.getWorkspaceFolders().then((current) => {
			folders.set(current?.map((folder) => folder.uri) ?? []);
			scheduleRescan();
		});
	});
	const firstFolder = folders.all()[0];
	if (firstFolder && (await settings.get(firstFolder.uri)).scanWorkspaceOnStartup) await scanWorkspace();
});

connection.onDidChangeConfiguration(() => {
	settings.clear();
	void diagnostics.validateAll();
	scheduleRescan();
});

// Changes to ignore rules alter what every file means, so they trigger a full rescan; any other file
// event rescans just that file (a save, a checkout) after the burst settles.
const RULE_FILES = /(^|\/)(\.gitignore|\.dhis2-pat-ignore|info\/exclude)$/;
const changedFiles = new Set<string>();
let changedFilesTimer: NodeJS.Timeout | undefined;

function rescanChangedFilesSoon(fsPath: string): void {
	changedFiles.add(fsPath);
	if (changedFilesTimer) clearTimeout(changedFilesTimer);
	changedFilesTimer = setTimeout(() => {
		const paths = [...changedFiles];
		changedFiles.clear();
		void scanner.rescanFiles(paths);
	}, CHANGED_FILES_DELAY_MS);
}

connection.onDidChangeWatchedFiles(({ changes }) => {
	let rulesChanged = false;
	for (const change of changes) {
		const uri = URI.parse(change.uri);
		if (uri.scheme !== 'file') continue;
		if (RULE_FILES.test(uri.path)) rulesChanged = true;
		else if (!uri.path.includes('/.git/')) rescanChangedFilesSoon(uri.fsPath);
	}
	forgetEnvFileAnswers();
	if (rulesChanged) {
		folders.forgetIgnoreRules();
		void diagnostics.validateAll();
		scheduleRescan();
	}
});

// The server opens its own progress: vscode-languageclient renders server-initiated progress, with a cancel button.
connection.onRequest(ScanWorkspaceRequest.type, (_params, token) => scanWorkspace(token));

documents.onDidOpen(({ document }) => {
	justOpened.add(document.uri);
	void diagnostics.validate(document.uri);
});

documents.onDidChangeContent(({ document }) => {
	// TextDocuments announces an open as a content change too; the open was validated at once.
	if (justOpened.delete(document.uri)) return;
	void diagnostics.schedule(document);
});

documents.onDidClose(({ document }) => {
	diagnostics.forget(document.uri);
	justOpened.delete(document.uri);
	settings.forget(document.uri);
	void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
	// A file in the workspace still leaks from disk: its rescan puts it back in the Problems panel.
	const uri = URI.parse(document.uri);
	if (uri.scheme === 'file') rescanChangedFilesSoon(uri.fsPath);
});

registerCodeActions(connection, documents, folders);
documents.listen(connection);
connection.listen();
