import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type Emulator, startEmulator } from '../../core/dhis2/emulator';
import { activatedExtension, workspaceFolder } from './extensionUnderTest';
import { poll } from './poll';

// The emulator runs inside the extension host next to the suite, so its request log is read directly.
// No token is injected here: the vault, which holds the active token, is not reachable from the API.
describe('.http send (DHIS2 emulator)', () => {
	let emulator: Emulator;

	before(async () => {
		await activatedExtension();
		emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
	});
	after(async () => {
		await emulator.close();
	});

	it('sends the request under the cursor to the server', async () => {
		const file = vscode.Uri.joinPath(workspaceFolder(), 'system.http');
		await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`GET ${emulator.url}/api/system/info?probe=integration\nAccept: application/json\n`));
		const document = await vscode.workspace.openTextDocument(file);
		assert.equal(document.languageId, 'http', 'the manifest maps .http to the http language');
		await vscode.window.showTextDocument(document);
		const sent = vscode.commands.executeCommand('dhis2.sendRequest', document.uri.toString(), 0);
		const request = await poll('the request to reach the emulator', () =>
			emulator.requests.find((entry) => entry.path === '/api/system/info' && entry.query === '?probe=integration'), 20_000);
		assert.equal(request.method, 'GET');
		assert.equal(request.headers.accept, 'application/json');
		assert.equal(request.headers.authorization, undefined, 'no credentials without a stored token');
		await sent;
	});
});
