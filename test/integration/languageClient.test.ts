import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DiagnosticCodes } from '../../core/protocol/lsp';
import { generateToken } from '../../core/token';
import { activatedExtension, workspaceFolder } from './extensionUnderTest';
import { poll } from '../support/poll';

const codeOf = (diagnostic: vscode.Diagnostic) => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);

describe('language client ↔ language server', () => {
	// Generated per run, so no real-looking key is committed and the bundle never contains it.
	const token = generateToken();
	const prefix = 'const dhis2Token = "';
	let document: vscode.TextDocument;
	let diagnostic: vscode.Diagnostic;

	before(async () => {
		await activatedExtension();
		const file = vscode.Uri.joinPath(workspaceFolder(), 'leak.js');
		await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${prefix}${token}";\n`));
		document = await vscode.workspace.openTextDocument(file);
		await vscode.window.showTextDocument(document);
	});

	it('reports the hardcoded token with its exact range', async () => {
		diagnostic = await poll('the hardcoded-token diagnostic', () =>
			vscode.languages.getDiagnostics(document.uri).find((entry) => codeOf(entry) === DiagnosticCodes.hardcodedToken));
		assert.deepEqual(
			[diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
			[0, prefix.length, 0, prefix.length + token.length],
		);
		assert.equal(diagnostic.message.includes(token), false, 'the message never shows the raw token');
	});

	it('moves the token to an environment variable through the code action', async () => {
		assert.ok(diagnostic, 'needs the diagnostic of the previous test');
		const actions = await poll('the move-to-environment-variable code action', async () => {
			let found: vscode.CodeAction[];
			try {
				found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
			} catch (error) {
				// The startup workspace scan republishes diagnostics, which cancels an in-flight request; ask again.
				if (error instanceof Error && error.message === 'Canceled') return undefined;
				throw error;
			}
			return found.some((action) => action.title.startsWith('Move DHIS2 token to environment variable')) ? found : undefined;
		});
		const move = actions.find((action) => action.title === 'Move DHIS2 token to environment variable DHIS2_TOKEN (.env)');
		assert.ok(move?.edit, `expected the DHIS2_TOKEN move with an edit, got: ${actions.map((action) => action.title).join(' | ')}`);
		assert.equal(await vscode.workspace.applyEdit(move.edit), true);

		assert.equal(document.getText(), 'const dhis2Token = process.env.DHIS2_TOKEN;\n');
		// The edit creates `.env` and fills its buffer; saving is the user's step, as after a quick fix.
		const env = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder(), '.env'));
		const expected = `DHIS2_TOKEN=${token}\n`;
		// Compared as a boolean so a failure never prints the key.
		assert.ok(env.getText() === expected, `.env buffer should hold DHIS2_TOKEN=<the key>; it has ${env.lineCount} line(s), key present: ${env.getText().includes(token)}`);
		assert.equal(await env.save(), true);
		const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(env.uri));
		assert.ok(onDisk === expected, '.env on disk should hold DHIS2_TOKEN=<the key> after saving');
		await poll('the diagnostic to clear', () =>
			vscode.languages.getDiagnostics(document.uri).some((entry) => codeOf(entry) === DiagnosticCodes.hardcodedToken) ? undefined : true);
	});
});
