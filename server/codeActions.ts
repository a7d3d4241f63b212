/**
 * Quick fixes for token diagnostics: thin glue around the pure planner in core/fix. It re-reads the
 * token at the diagnostic's range (never trusting anything but the fingerprint in the diagnostic),
 * snapshots the workspace files the planner needs, and turns each plan into one WorkspaceEdit.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import {
	type CodeAction,
	CodeActionKind,
	type CodeActionParams,
	type Connection,
	CreateFile,
	type Diagnostic,
	TextDocumentEdit,
	type TextDocuments,
	TextEdit,
	type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
	type EnvironmentSnapshot,
	type FileSnapshot,
	type FixPlan,
	MISSING_FILE,
	type QuickFixes,
	type WorkspaceFileName,
	planMoveAll,
	planQuickFixes,
} from '../core/fix';
import { isIgnoredByGit } from '../core/git';
import { DIAGNOSTIC_SOURCE, DiagnosticCodes, SHOW_REMEDIATION_COMMAND } from '../core/protocol/lsp';
import { type Finding, IGNORE_FILE_NAME, scanText } from '../core/scan';
import { type FindingData } from './findingDiagnostics';
import { type Folder, type WorkspaceFolders } from './workspaceFolders';

const FIXABLE_CODES: ReadonlySet<unknown> = new Set([DiagnosticCodes.hardcodedToken, DiagnosticCodes.lookalikeToken]);
const REMEDIATION_TITLE = 'Show how to revoke and rotate this DHIS2 token';

/** A workspace file as the edit will address it: the open document's URI and version, else the path's URI. */
interface TargetFile extends FileSnapshot {
	readonly uri: string;
	readonly version: number | null;
}

type Targets = Partial<Record<WorkspaceFileName, TargetFile>>;

function wantsQuickFixes(only: readonly string[] | undefined): boolean {
	return !only || only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === CodeActionKind.Empty);
}

/** The file a document lives in: a notebook cell belongs to its notebook's file. */
function filePathOf(uri: string): string | undefined {
	const parsed = URI.parse(uri);
	if (parsed.scheme === 'file') return parsed.fsPath;
	if (parsed.scheme === 'vscode-notebook-cell') return parsed.with({ scheme: 'file', fragment: '' }).fsPath;
	return undefined;
}

class RequestContext {
	private readonly openByPath = new Map<string, TextDocument>();

	constructor(
		readonly folder: Folder,
		documents: TextDocuments<TextDocument>,
	) {
		for (const document of documents.all()) {
			const path = filePathOf(document.uri);
			if (path && URI.parse(document.uri).scheme === 'file') this.openByPath.set(path, document);
		}
	}

	/** An open document's text (unsaved edits included), else the file on disk; `undefined` when unreadable. */
	async target(name: WorkspaceFileName): Promise<TargetFile | undefined> {
		const path = join(this.folder.path, name);
		const open = this.openByPath.get(path);
		if (open) return { exists: true, text: open.getText(), uri: open.uri, version: open.version };
		const uri = `${this.folder.uri.replace(/\/$/, '')}/${name}`;
		try {
			return { exists: true, text: await readFile(path, 'utf8'), uri, version: null };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...MISSING_FILE, uri, version: null };
			return undefined;
		}
	}
}

function toTextEdits(text: string, uri: string, edits: FixPlan['documentEdits']): TextEdit[] {
	const document = TextDocument.create(uri, 'plaintext', 0, text);
	return edits.map((edit) => TextEdit.replace({ start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, edit.newText));
}

function toWorkspaceEdit(plan: FixPlan, document: TextDocument, targets: Targets): WorkspaceEdit | undefined {
	const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
	if (plan.documentEdits.length > 0) {
		documentChanges.push(
			TextDocumentEdit.create({ uri: document.uri, version: document.version }, toTextEdits(document.getText(), document.uri, plan.documentEdits)),
		);
	}
	for (const change of plan.fileChanges) {
		const target = targets[change.file];
		if (!target) return undefined;
		if (change.create) documentChanges.push(CreateFile.create(target.uri, { ignoreIfExists: true }));
		documentChanges.push(TextDocumentEdit.create({ uri: target.uri, version: target.version }, toTextEdits(target.text, target.uri, change.edits)));
	}
	return { documentChanges };
}

function quickFix(title: string, diagnostics: Diagnostic[], extra: Partial<CodeAction>): CodeAction {
	return { title, kind: CodeActionKind.QuickFix, diagnostics, ...extra };
}

function toCodeActions(fixes: QuickFixes, diagnostic: Diagnostic, document: TextDocument, targets: Targets): CodeAction[] {
	const actions: CodeAction[] = [];
	const add = (plan: FixPlan | undefined, extra: Partial<CodeAction> = {}) => {
		const edit = plan && toWorkspaceEdit(plan, document, targets);
		if (plan && edit) actions.push(quickFix(plan.title, [diagnostic], { edit, ...extra }));
	};
	add(fixes.move, { isPreferred: true });
	add(fixes.ignoreOccurrence);
	add(fixes.ignoreEverywhere);
	if (fixes.showRemediation) {
		actions.push(quickFix(REMEDIATION_TITLE, [diagnostic], { command: { title: REMEDIATION_TITLE, command: SHOW_REMEDIATION_COMMAND } }));
	}
	return actions;
}

/** The finding a diagnostic was made for, re-read from the current text: a stale diagnostic gets no fix. */
function findingFor(diagnostic: Diagnostic, document: TextDocument, findings: readonly Finding[]): Finding | undefined {
	const start = document.offsetAt(diagnostic.range.start);
	const end = document.offsetAt(diagnostic.range.end);
	const data = diagnostic.data as Partial<FindingData> | undefined;
	return findings.find((finding) => finding.start === start && finding.end === end && (data?.fingerprint === undefined || data.fingerprint === finding.fingerprint));
}

/** Stands in for the files when only lookalikes are at hand: nothing is planned against it. */
const NO_ENVIRONMENT: EnvironmentSnapshot = { dotenv: MISSING_FILE, gitignore: MISSING_FILE, envExample: MISSING_FILE, gitIgnoresDotenv: undefined };

async function environmentOf(context: RequestContext, targets: Targets): Promise<EnvironmentSnapshot | undefined> {
	const [dotenv, gitignore, envExample, gitIgnoresDotenv] = await Promise.all([
		context.target('.env'),
		context.target('.gitignore'),
		context.target('.env.example'),
		isIgnoredByGit(context.folder.path, '.env'),
	]);
	if (!dotenv || !gitignore || !envExample) return undefined;
	Object.assign(targets, { '.env': dotenv, '.gitignore': gitignore, '.env.example': envExample });
	return { dotenv, gitignore, envExample, gitIgnoresDotenv };
}

async function provideCodeActions(params: CodeActionParams, documents: TextDocuments<TextDocument>, folders: WorkspaceFolders): Promise<CodeAction[]> {
	if (!wantsQuickFixes(params.context.only)) return [];
	const document = documents.get(params.textDocument.uri);
	if (!document) return [];
	const ours = params.context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE && FIXABLE_CODES.has(diagnostic.code));
	if (ours.length === 0) return [];

	const text = document.getText();
	const path = filePathOf(document.uri);
	const folder = path ? folders.folderOf(path) : undefined;
	const ignored = folder ? folders.ignoreRules(folder).fingerprints : new Set<string>();
	// The findings the diagnostics were published for: inline-ignored and fingerprint-ignored ones have none.
	const findings = scanText(text, { includeLookalikes: true }).filter((finding) => !ignored.has(finding.fingerprint));
	const matched = ours.flatMap((diagnostic) => {
		const finding = findingFor(diagnostic, document, findings);
		return finding ? [{ diagnostic, finding }] : [];
	});
	if (matched.length === 0) return [];

	const fixed = matched.filter((entry) => entry.finding.kind === 'token').map((entry) => entry.diagnostic);
	const targets: Targets = {};
	let workspace: Parameters<typeof planQuickFixes>[0]['workspace'];
	if (folder && path) {
		const context = new RequestContext(folder, documents);
		// Lookalikes are never moved: no need to read .env or ask git for them.
		const [environment, ignoreFile] = await Promise.all([
			fixed.length > 0 ? environmentOf(context, targets) : Promise.resolve(NO_ENVIRONMENT),
			context.target(IGNORE_FILE_NAME),
		]);
		if (ignoreFile) targets[IGNORE_FILE_NAME] = ignoreFile;
		if (environment && ignoreFile) {
			workspace = { environment, ignoreFile, relativePath: relative(folder.path, path).split(sep).join('/') };
		}
	}

	const fixDocument = { text, languageId: document.languageId, fileName: path ?? URI.parse(document.uri).path };
	const actions: CodeAction[] = [];
	for (const { diagnostic, finding } of matched) {
		const fixes = planQuickFixes({ document: fixDocument, finding, ...(workspace ? { workspace } : {}) });
		actions.push(...toCodeActions(fixes, diagnostic, document, targets));
	}
	const moveAll = fixed.length > 0 ? planMoveAll({ document: fixDocument, findings, ...(workspace ? { workspace } : {}) }) : undefined;
	const moveAllEdit = moveAll && toWorkspaceEdit(moveAll, document, targets);
	if (moveAll && moveAllEdit) actions.push(quickFix(moveAll.title, fixed, { edit: moveAllEdit }));
	return actions;
}

/**
 * Answers `textDocument/codeAction` with the dhis2-pat quick fixes. The server must advertise
 * `codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] }`. Edits use `documentChanges`
 * (with a `CreateFile` for a missing `.env`/`.gitignore`), which VS Code and Neovim support.
 */
export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, folders: WorkspaceFolders): void {
	connection.onCodeAction((params) => provideCodeActions(params, documents, folders));
}
