import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { type Emulator, type RequestLogEntry, startEmulator } from '../../core/dhis2/emulator';
import { fingerprint, mask } from '../../core/token';
import { addEmulatorServer, generateThroughLifecycle, removeServer, serverTokenInput, testApi } from './extensionApi';
import { activatedExtension, workspaceFolder } from './extensionUnderTest';
import { poll } from '../support/poll';

// The emulators run inside the extension host next to the suite, so their request logs are read directly.
describe('.http send (DHIS2 emulator)', () => {
	let emulator: Emulator;

	before(async () => {
		await activatedExtension();
		emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
	});
	after(async () => {
		await emulator.close();
	});

	async function openHttpFile(name: string, text: string): Promise<vscode.TextDocument> {
		const file = vscode.Uri.joinPath(workspaceFolder(), name);
		await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
		const document = await vscode.workspace.openTextDocument(file);
		assert.equal(document.languageId, 'http', 'the manifest maps .http to the http language');
		await vscode.window.showTextDocument(document);
		return document;
	}

	/** The finished request (status set) whose query carries `probe`. */
	function answered(target: Emulator, path: string, probe: string): Promise<RequestLogEntry> {
		return poll(`the ${probe} request to reach ${target.url}`, () =>
			target.requests.find((entry) => entry.path === path && entry.query === `?probe=${probe}` && entry.status !== undefined), 20_000);
	}

	// First, and nothing of the next test is left behind: this emulator is not a configured server either way.
	it('sends the request under the cursor to the server', async () => {
		const { vault, registry } = (await testApi()).services;
		assert.deepEqual([vault.list().length, registry.get(emulator.url)], [0, undefined], 'no stored token and no server for this address');
		const document = await openHttpFile('system.http', `GET ${emulator.url}/api/system/info?probe=integration\nAccept: application/json\n`);
		const sent = vscode.commands.executeCommand('dhis2.sendRequest', document.uri.toString(), 0);
		const request = await answered(emulator, '/api/system/info', 'integration');
		assert.equal(request.method, 'GET');
		assert.equal(request.headers.accept, 'application/json');
		assert.equal(request.headers.authorization, undefined, 'no credentials without a stored token');
		await sent;
	});

	it('injects the active token into requests to its server only', async () => {
		const api = await testApi();
		const configured = await startEmulator({ host: '127.0.0.1', port: 0 });
		// A second origin on another port: same host, so only the port tells them apart.
		const other = await startEmulator({ host: '127.0.0.1', port: 0 });
		const server = await addEmulatorServer(api, configured, 'Injection emulator');
		try {
			const { vault } = api.services;
			const generated = await generateThroughLifecycle(api, server, serverTokenInput(`injection-${randomBytes(3).toString('hex')}`));
			await vault.setActive(server.url, generated.token.id);
			const stored = (await vault.key(server.url, generated.token.id))?.reveal();
			assert.ok(stored !== undefined, 'the key is stored in the vault');
			assert.deepEqual(configured.storedKeyHashes(), [fingerprint(stored)], 'the configured emulator holds exactly the stored key');

			const text = [
				`GET ${configured.url}/api/me?probe=injected`, 'Accept: application/json', '', '###', '',
				`GET ${other.url}/api/system/info?probe=other-origin`, 'Accept: application/json', '',
			].join('\n');
			const document = await openHttpFile('inject.http', text);
			const secondLine = text.split('\n').findIndex((line) => line.startsWith(`GET ${other.url}`));

			// Not awaited before the checks: a request without a token would stop at an explanation prompt.
			const first = vscode.commands.executeCommand('dhis2.sendRequest', document.uri.toString(), 0);
			const injected = await answered(configured, '/api/me', 'injected');
			// The emulator keeps the header masked; the key behind it is proven by the mask plus the 200:
			// the emulator authenticates by the SHA-256 of the whole key, and it holds only the stored one.
			assert.equal(injected.headers.authorization, `ApiToken ${mask(stored)}`);
			assert.equal(injected.status, 200, 'the emulator accepted the injected key');
			await first;

			const second = vscode.commands.executeCommand('dhis2.sendRequest', document.uri.toString(), secondLine);
			const elsewhere = await answered(other, '/api/system/info', 'other-origin');
			assert.equal(elsewhere.headers.authorization, undefined, 'another origin never gets the token');
			await second;
		} finally {
			await removeServer(api, server.url);
			await Promise.all([configured.close(), other.close()]);
		}
	});
});
