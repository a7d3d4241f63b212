import { homedir } from 'node:os';
import { join } from 'node:path';

/** A request file as the runner sees a `TextDocument`: structurally, so tests need no VS Code. */
export interface RequestDocumentLike {
	readonly languageId: string;
	readonly uri: { readonly scheme: string; readonly fsPath: string; readonly path: string };
}

export const HTTP_LANGUAGE_ID = 'http';

export function isHttpDocument(document: RequestDocumentLike): boolean {
	return document.languageId === HTTP_LANGUAGE_ID || /\.(?:http|rest)$/i.test(document.uri.path);
}

export function isHttpEditor(editor: { readonly document: RequestDocumentLike }): boolean {
	return isHttpDocument(editor.document);
}

/**
 * The path environments, `.env` and relative body files are looked up from. A saved file is where
 * it is; an unsaved one is treated as if it sat at the top of the first workspace folder (or the
 * home folder without a workspace).
 */
export function requestFilePath(uri: { readonly scheme: string; readonly fsPath: string }, workspaceFolders: readonly string[]): string {
	if (uri.scheme === 'file') return uri.fsPath;
	return join(workspaceFolders[0] ?? homedir(), 'untitled.http');
}
