import * as vscode from 'vscode';

export const EXTENSION_ID = 'dhis2-pat.dhis2-pat';

/** The extension as the host loaded it (from extensionDevelopmentPath), activated. */
export async function activatedExtension(): Promise<vscode.Extension<unknown>> {
	const extension = vscode.extensions.getExtension(EXTENSION_ID);
	if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
	await extension.activate();
	return extension;
}

export function workspaceFolder(): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) throw new Error('the harness opens the run folder as the workspace; none is open');
	return folder.uri;
}
