import { Position, Range, Uri, window, workspace, WorkspaceEdit, type WorkspaceFolder } from 'vscode';
import { DEFAULT_ENV_NAME, EnvFilePlanner, type FileSnapshot, MISSING_FILE, type WorkspaceFileName } from '../../core/fix';
import { isIgnoredByGit } from '../../core/git';
import { type TokenServices } from './services';
import { positionAt } from './textPosition';

async function pickFolder(): Promise<WorkspaceFolder | undefined> {
	const folders = workspace.workspaceFolders ?? [];
	if (folders.length <= 1) return folders[0];
	return window.showWorkspaceFolderPick({ placeHolder: 'Write the key to the .env file of which folder?', ignoreFocusOut: true });
}

async function snapshotOf(uri: Uri): Promise<FileSnapshot> {
	// An open document may have unsaved edits: plan against what the user sees.
	const open = workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
	if (open) return { exists: true, text: open.getText() };
	try {
		return { exists: true, text: new TextDecoder().decode(await workspace.fs.readFile(uri)) };
	} catch {
		return MISSING_FILE;
	}
}

/**
 * "Write to .env", which the user chose explicitly: the key goes into the folder's `.env` (reusing
 * an entry that already holds it), `.env` into `.gitignore` unless git already ignores it, and the
 * name into `.env.example` if there is one. One WorkspaceEdit, so one undo reverts all of it.
 * Returns what was done, with the key masked.
 */
export async function writeKeyToDotenv(services: TokenServices, serverUrl: string, tokenId: string): Promise<string> {
	const folder = await pickFolder();
	if (!folder) throw new Error('Open a folder first: the key is written to the .env file at its root.');
	const key = await services.vault.key(serverUrl, tokenId);
	if (!key) throw new Error('The key is no longer stored in VS Code.');
	const uriOf = (name: WorkspaceFileName) => Uri.joinPath(folder.uri, name);
	const [dotenv, gitignore, envExample, gitIgnoresDotenv] = await Promise.all([
		snapshotOf(uriOf('.env')),
		snapshotOf(uriOf('.gitignore')),
		snapshotOf(uriOf('.env.example')),
		folder.uri.scheme === 'file' ? isIgnoredByGit(folder.uri.fsPath, '.env') : Promise.resolve(undefined),
	]);
	const texts: Record<string, string> = { '.env': dotenv.text, '.gitignore': gitignore.text, '.env.example': envExample.text };
	const planner = new EnvFilePlanner({ dotenv, gitignore, envExample, gitIgnoresDotenv });
	const name = planner.nameFor(DEFAULT_ENV_NAME, key.reveal());
	const changes = planner.fileChanges();
	if (changes.length === 0) return `.env in ${folder.name} already holds ${key.masked} as ${name}.`;

	const edit = new WorkspaceEdit();
	for (const change of changes) {
		const uri = uriOf(change.file);
		if (change.create) edit.createFile(uri, { ignoreIfExists: true });
		const text = change.create ? '' : texts[change.file] ?? '';
		for (const offsets of change.edits) {
			const start = positionAt(text, offsets.start);
			const end = positionAt(text, offsets.end);
			edit.replace(uri, new Range(new Position(start.line, start.character), new Position(end.line, end.character)), offsets.newText);
		}
	}
	const dirtyBefore = new Set(workspace.textDocuments.filter((document) => document.isDirty).map((document) => document.uri.toString()));
	if (!(await workspace.applyEdit(edit))) throw new Error('VS Code did not apply the edit to .env.');
	// Saved, since the user asked for the file to be written; a document they were editing stays unsaved.
	for (const change of changes) {
		const uri = uriOf(change.file);
		if (dirtyBefore.has(uri.toString())) continue;
		const document = await workspace.openTextDocument(uri);
		await document.save();
	}
	const extras = changes.filter((change) => change.file !== '.env').map((change) => change.file);
	return `Wrote ${name}=${key.masked} to .env in ${folder.name}${extras.length > 0 ? ` and updated ${extras.join(' and ')}` : ''}.`;
}
