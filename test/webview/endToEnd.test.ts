import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { basicCredentials, Dhis2Client } from '../../core/dhis2/client';
import { DEMO_USERS, type Emulator, startEmulator } from '../../core/dhis2/emulator';
import { type HostToWebviewMessage, type ServerChoice } from '../../core/protocol/webview';
import { GenerateTokenController } from '../../client/webviews/generateTokenController';
import { type FormPage, openForm } from './formPage';

/**
 * Nothing stubbed between the form and DHIS2 except VS Code itself: the page in Chromium, the host
 * controller in Node, the real API client, and the DHIS2 emulator over loopback. A Map stands in
 * for SecretStorage.
 */
describe('generate-token page against the DHIS2 emulator', function () {
	let emulator: Emulator;
	let client: Dhis2Client;
	let form: FormPage;
	let vault: Map<string, string>;
	let events: string[];
	let clipboard: string[];
	let closed: number;

	before(async () => {
		emulator = await startEmulator({ port: 0, version: '2.41.6' });
		client = new Dhis2Client({
			baseUrl: emulator.url,
			credentials: basicCredentials(DEMO_USERS.normal.username, DEMO_USERS.normal.password),
			http: { timeoutMs: 5000, env: {} },
		});
	});
	after(async () => {
		await client.close();
		await emulator.close();
	});

	beforeEach(async () => {
		vault = new Map();
		events = [];
		clipboard = [];
		closed = 0;
		const server: ServerChoice = { id: 'emulator', label: 'Local DHIS2', url: emulator.url, production: false };
		// The page starts talking during the load, before the controller below exists.
		const host: { controller?: GenerateTokenController } = {};
		form = await openForm({ toHost: (message) => host.controller?.receive(message) });
		const page = form;
		const controller = new GenerateTokenController({
			postMessage: async (message: HostToWebviewMessage) => {
				if (message.type === 'generateResult' && message.result.kind === 'created') events.push('key posted');
				await page.dispatch(message);
				return true;
			},
		}, {
			servers: [server],
			capabilitiesFor: async () => {
				const info = await client.systemInfo();
				return { capabilities: { supportsCode: info.features.supportsCode, supportsHead: info.features.supportsHead }, version: info.version.text };
			},
			generate: async ({ body, progress }) => {
				const created = await client.createToken(body);
				progress('Storing the key in VS Code…');
				vault.set(created.id, created.key.reveal());
				events.push('key stored');
				return { tokenId: created.id, key: created.key, expire: body.expire };
			},
			copyKey: ({ tokenId }) => {
				clipboard.push(vault.get(tokenId) ?? '');
				return Promise.resolve('Copied to the clipboard.');
			},
			useForHttp: () => Promise.resolve('Set as the token for .http requests to Local DHIS2.'),
			writeEnv: () => Promise.resolve('Written to .env as DHIS2_TOKEN.'),
		}, {
			close: () => {
				closed += 1;
			},
		});
		host.controller = controller;
		// The page said ready before the controller existed; say it again, as a reloaded page would.
		await controller.receive({ type: 'ready' });
		await form.page.locator('#generate:not([disabled])').waitFor({ timeout: 5000 });
	});
	afterEach(async () => {
		await form.assertClean();
	});

	it('creates the token DHIS2-side, stores the key before showing it, and the key works', async () => {
		const { page } = form;
		assert.match(await page.locator('#server-info').textContent() ?? '', /DHIS2 2\.41\.6/);
		await page.fill('#name', 'e2e-export');
		await page.selectOption('#expiry', '7');
		await page.fill('#allowed-ips', '127.0.0.1\n\n::1');
		await page.check('#method-HEAD');
		await page.check('#method-POST');
		await page.click('#generate');
		await page.locator('#result').waitFor({ state: 'visible', timeout: 5000 });

		const [[tokenId, key]] = [...vault.entries()] as [[string, string]];
		assert.equal(await page.inputValue('#key'), key);
		assert.deepEqual(events, ['key stored', 'key posted']);
		const stored = emulator.storedTokens().find((token) => token.id === tokenId);
		assert.ok(stored, 'the emulator has the token');
		assert.equal(stored.code, 'e2e-export');
		assert.deepEqual(stored.attributes, [
			{ type: 'IpAllowedList', allowedIps: ['127.0.0.1', '::1'] },
			{ type: 'MethodAllowedList', allowedMethods: ['GET', 'HEAD', 'POST'] },
		]);
		assert.ok(emulator.storedKeyHashes().includes(createHash('sha256').update(key).digest('hex')));
		assert.equal((await client.verifyToken(key)).username, DEMO_USERS.normal.username);

		await page.click('#copy');
		await page.locator('#action-status', { hasText: 'Copied to the clipboard.' }).waitFor({ timeout: 5000 });
		assert.deepEqual(clipboard, [key]);
		assert.deepEqual(await form.clipboardUse(), []);
		await page.click('#done');
		await form.waitForPosted('close');
		assert.equal(closed, 1);
		assert.equal((await form.fieldValues()).some((value) => value.includes(key)), false);
		assert.equal((await form.states()).some((state) => state.includes(key)), false);
	});

	it('puts "Token name already exists" on the name field and stores nothing', async () => {
		emulator.createToken(DEMO_USERS.other.username, { code: 'shared-name', attributes: [] });
		const before = emulator.tokenCount();
		await form.page.fill('#name', 'shared-name');
		await form.page.click('#generate');
		await form.page.locator('#name-error').waitFor({ state: 'visible', timeout: 5000 });
		assert.match(await form.page.locator('#name-error').textContent() ?? '', /Token name already exists/);
		assert.equal(await form.page.getAttribute('#name', 'aria-invalid'), 'true');
		assert.equal(vault.size, 0);
		assert.equal(emulator.tokenCount(), before);
	});

	it('marks the referrer line DHIS2 rejected', async () => {
		const { page } = form;
		await page.check('#context-browser');
		// Passes the page's shape check; DHIS2's validator knows .test is no public top-level domain.
		await page.fill('#allowed-referrers', 'https://apps.example.org/\n\nhttps://Reports.Example.TEST/');
		await page.click('#generate');
		await page.locator('#allowed-referrers-error').waitFor({ state: 'visible', timeout: 5000 });
		assert.match(await page.locator('#allowed-referrers-error li').textContent() ?? '', /^Line 3 \("https:\/\/Reports\.Example\.TEST\/"\)/);
		assert.match(await page.locator('#form-alert').textContent() ?? '', /DHIS2 rejected the allowed referrer/);
		assert.equal(vault.size, 0);
	});
});
