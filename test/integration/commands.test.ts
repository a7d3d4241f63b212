import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedExtension } from './extensionUnderTest';

describe('commands', () => {
	it('registers every command the manifest contributes', async () => {
		const extension = await activatedExtension();
		const contributed = (extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((entry) => entry.command);
		assert.ok(contributed.length > 0, 'the manifest contributes commands');
		const registered = new Set(await vscode.commands.getCommands(true));
		const missing = contributed.filter((command) => !registered.has(command));
		assert.deepEqual(missing, []);
	});
});
