import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activatedExtension } from './extensionUnderTest';

describe('activation', () => {
	it('activates dhis2-pat in a Node extension host', async () => {
		const extension = await activatedExtension();
		assert.equal(extension.isActive, true);
		assert.equal(extension.id, EXTENSION_ID);
		// Remote (server) extension host, i.e. Node with fs and IPC, not a web worker.
		assert.equal(extension.extensionKind, vscode.ExtensionKind.Workspace);
		assert.equal(typeof process.versions.node, 'string');
	});
});
