import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { type TreeItem } from 'vscode';
import { type ServerEntry } from '../../client/servers/serverList';
import { type Dhis2PatTestApi } from '../../client/testApi';
import { lifecycleDeps } from '../../client/tokens/services';
import { type TokensNode } from '../../client/tokens/tokensTree';
import { type Emulator, startEmulator } from '../../core/dhis2/emulator';
import { revokeToken } from '../../core/lifecycle';
import { fingerprint } from '../../core/token';
import { addEmulatorServer, type Generated, generateThroughLifecycle, removeServer, serverTokenInput, testApi } from './extensionApi';

const LABEL = 'Integration emulator';

const tooltipText = (item: TreeItem): string => (typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value ?? '');

describe('Tokens view after generating through the API (DHIS2 emulator)', () => {
	let api: Dhis2PatTestApi;
	let emulator: Emulator | undefined;
	let server: ServerEntry | undefined;
	let generated: Generated | undefined;
	let serverNode: TokensNode | undefined;
	// A fresh name per run: the row must show this one, not something left from before.
	const name = `integration-${randomBytes(3).toString('hex')}`;

	before(async () => {
		api = await testApi();
		// 2.43 stores token names (`code`), so the row's name comes back from the server's own list.
		emulator = await startEmulator({ host: '127.0.0.1', port: 0, version: '2.43' });
		server = await addEmulatorServer(api, emulator, LABEL);
	});
	after(async () => {
		if (server) await removeServer(api, server.url);
		await emulator?.close();
	});

	it('lists the generated token under its server, with its key stored in VS Code', async () => {
		assert.ok(server && emulator);
		generated = await generateThroughLifecycle(api, server, serverTokenInput(name));
		const key = generated.key.reveal();
		assert.ok(emulator.storedKeyHashes().includes(fingerprint(key)), 'the emulator holds the new token');

		const { tree } = api.services;
		serverNode = (await tree.getChildren()).find((node) => node.kind === 'server' && node.server.url === server?.url);
		assert.ok(serverNode, 'the Tokens view has a row for the server');
		const children = await tree.getChildren(serverNode);
		const tokenNodes = children.filter((node) => node.kind === 'token');
		assert.equal(tokenNodes.length, 1, `one token row, got: ${children.map((node) => tree.getTreeItem(node).label as string).join(' | ')}`);
		const [tokenNode] = tokenNodes;
		assert.ok(tokenNode?.kind === 'token');
		assert.equal(tokenNode.row.id, generated.token.id);
		// Listed by the server (the quiet sign-in listed its tokens) and stored here.
		assert.equal(tokenNode.row.presence, 'listed');

		const item = tree.getTreeItem(tokenNode);
		assert.equal(item.label, name);
		assert.match(String(item.description), /^server\/script · expires in /);
		assert.deepEqual(String(item.contextValue).split(' ').sort(), ['activatable', 'dhis2Token', 'revocable', 'rotatable', 'stored']);
		assert.ok(tooltipText(item).includes(`Key: stored in VS Code (\`${generated.key.masked}\`)`), `tooltip: ${tooltipText(item)}`);
		// Compared as a boolean so a failure never prints the key.
		assert.ok(!JSON.stringify(item).includes(key), 'the row never shows the raw key');

		const serverItem = tree.getTreeItem(serverNode);
		assert.equal(serverItem.label, LABEL);
		assert.equal(serverItem.contextValue, 'dhis2Server signedIn');
		assert.match(String(serverItem.description), /· 2\.43$/);
	});

	it('drops the row once the token is revoked through the lifecycle', async () => {
		assert.ok(server && emulator && generated && serverNode, 'needs the token of the previous test');
		const { services } = api;
		const { id } = generated.token;
		const report = await services.signIn.run(server, (session) => revokeToken(lifecycleDeps(services, session), id), false);
		assert.equal(report?.outcome, 'revoked', report?.message);
		assert.equal(report.removedLocally, true);
		// As the Revoke command does after revoking.
		services.tree.refresh(server.url);

		const children = await services.tree.getChildren(serverNode);
		assert.deepEqual(children.filter((node) => node.kind === 'token'), []);
		assert.equal(services.vault.get(server.url, id), undefined);
		assert.equal(emulator.storedTokens().some((token) => token.id === id), false, 'the emulator no longer has the token');
	});
});
