import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHttpFile } from '../../core/http/parse';
import { resolveRequest } from '../../core/http/variables';
import { fingerprint, generateToken, mask, seededRandom } from '../../core/token';
import { MemoryMetadataStore, MemorySecretStore, TokenVault } from '../../core/vault';
import { HTTP_SENDING_CONTEXT, HttpCommandIds } from '../../client/http/commandIds';
import { isHttpDocument, requestFilePath } from '../../client/http/documents';
import { chosenEnvironment, environmentLabel, readChoices, withChoice } from '../../client/http/environmentChoice';
import { DEFAULT_HISTORY_SIZE, MAX_HISTORY_SIZE } from '../../client/http/history';
import { vaultFacts, vaultPolicy } from '../../client/http/injectionPolicy';
import { progressText } from '../../client/http/progressText';
import { requestResolveContext, UNTRUSTED_RESOLVE_NOTE } from '../../client/http/resolveContext';
import {
	DEFAULT_MAX_IN_MEMORY_MB, HISTORY_SIZE_SETTING, MAX_IN_MEMORY_SETTING, MAX_MAX_IN_MEMORY_MB, maxInMemoryBytesFrom, MIN_MAX_IN_MEMORY_MB,
} from '../../client/http/runnerSettings';

const ROOT = join(__dirname, '..', '..');

describe('client .http: variables in trusted and untrusted workspaces (real files)', () => {
	const base = mkdtempSync(join(tmpdir(), 'dhis2-pat-http-ws-'));
	const workspace = join(base, 'workspace');
	const outside = join(base, 'outside');
	const httpFile = join(workspace, 'requests', 'api.http');

	before(() => {
		mkdirSync(join(workspace, 'requests'), { recursive: true });
		mkdirSync(outside);
		writeFileSync(join(workspace, 'requests', 'body.json'), '{"inside":true}');
		writeFileSync(join(outside, 'secret.txt'), 'not for this request');
		symlinkSync(join(outside, 'secret.txt'), join(workspace, 'requests', 'link.txt'));
		writeFileSync(join(workspace, 'requests', '.env'), 'DOT=from-dotenv\n');
		writeFileSync(join(workspace, 'requests', 'http-client.env.json'), JSON.stringify({ $shared: { host: 'https://shared.example' }, dev: { host: 'https://dev.example' } }));
	});
	after(() => rmSync(base, { recursive: true, force: true }));

	async function resolveText(text: string, trusted: boolean, environmentName?: string) {
		const file = parseHttpFile(text);
		const request = file.requests[0];
		assert.ok(request);
		const { context, environments } = requestResolveContext({ httpFile, trusted, workspaceFolders: [workspace], env: { HOME_SECRET: 'from-env' }, ...(environmentName ? { environmentName } : {}) });
		return { result: await resolveRequest(file, request, context), environments };
	}

	it('trusted: process environment, .env, the chosen environment and any body file are read', async () => {
		const { result, environments } = await resolveText('POST {{host}}/x?e={{$processEnv HOME_SECRET}}&d={{$dotenv DOT}}\n\n< ../../outside/secret.txt', true, 'dev');
		assert.deepEqual(environments.names, ['dev']);
		assert.ok(result.ok);
		assert.equal(result.request.url, 'https://dev.example/x?e=from-env&d=from-dotenv');
		assert.equal(Buffer.from(result.request.body as Uint8Array).toString(), 'not for this request');
	});

	it('untrusted: no process environment, no .env, no body file outside the workspace (symbolic links followed)', async () => {
		const env = await resolveText('GET {{host}}/x?e={{$processEnv HOME_SECRET}}', false);
		assert.equal(env.result.ok, false);
		assert.match(env.result.ok ? '' : env.result.problems[0]?.message ?? '', /HOME_SECRET/);
		const dot = await resolveText('GET {{host}}/x?d={{$dotenv DOT}}', false);
		assert.equal(dot.result.ok, false);
		for (const path of ['../../outside/secret.txt', './link.txt']) {
			const body = await resolveText(`POST https://a.example/\n\n< ${path}`, false);
			assert.equal(body.result.ok, false, path);
			assert.match(body.result.ok ? '' : body.result.problems[0]?.message ?? '', /outside the workspace, and this workspace is not trusted/);
		}
		const inside = await resolveText('POST {{host}}/\n\n< ./body.json', false);
		assert.ok(inside.result.ok, 'files inside the workspace are fine');
		assert.equal(inside.result.request.url, 'https://shared.example/', 'environment files are workspace content and still apply');
		assert.match(UNTRUSTED_RESOLVE_NOTE, /not read/);
	});

	it('unsaved files resolve from the first workspace folder, or home', () => {
		assert.equal(requestFilePath({ scheme: 'file', fsPath: httpFile }, [workspace]), httpFile);
		assert.equal(requestFilePath({ scheme: 'untitled', fsPath: 'Untitled-1' }, [workspace]), join(workspace, 'untitled.http'));
		assert.equal(requestFilePath({ scheme: 'untitled', fsPath: 'Untitled-1' }, []), join(homedir(), 'untitled.http'));
		assert.ok(isHttpDocument({ languageId: 'plaintext', uri: { scheme: 'file', fsPath: '/a.rest', path: '/a.rest' } }));
		assert.ok(isHttpDocument({ languageId: 'http', uri: { scheme: 'untitled', fsPath: 'Untitled-1', path: 'Untitled-1' } }));
		assert.equal(isHttpDocument({ languageId: 'json', uri: { scheme: 'file', fsPath: '/a.json', path: '/a.json' } }), false);
	});
});

describe('client .http: the vault behind the policy', () => {
	const url = 'https://play.dhis2.org/40';
	const key = generateToken({ random: seededRandom(12) });

	async function vaultWithActive(): Promise<TokenVault> {
		const vault = new TokenVault(new MemorySecretStore(), new MemoryMetadataStore());
		await vault.store({
			serverUrl: url, id: 'tok1', idKnown: true, context: 'server', expire: Date.now() + 1e9, lifetimeMs: 1e9,
			restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: [] }, created: Date.now(), masked: mask(key), fingerprint: fingerprint(key),
		}, key);
		await vault.store({
			serverUrl: 'https://other.example', id: 'tok2', idKnown: true, context: 'server', expire: Date.now() + 1e9, lifetimeMs: 1e9,
			restrictions: { allowedIps: [], allowedReferrers: [], allowedMethods: [] }, created: Date.now(), masked: 'x', fingerprint: 'y',
		}, 'unused');
		await vault.setActive(url, 'tok1');
		return vault;
	}

	it('a token source only for servers with an active token; the key is read when asked, and who asked is remembered', async () => {
		const vault = await vaultWithActive();
		const servers = [{ url, label: 'play', production: false }, { url: 'https://other.example', label: 'other', production: true }];
		const { policy, used } = vaultPolicy(servers, vault, true);
		assert.equal(policy.untrusted, undefined);
		assert.deepEqual(policy.servers.map((server) => [server.baseUrl, server.label, server.production, server.token !== undefined]), [[url, 'play', false, true], ['https://other.example', 'other', true, false]]);
		assert.equal(used(), undefined, 'nothing read yet');
		assert.equal(await policy.servers[0]?.token?.(), key);
		assert.deepEqual(used(), { serverUrl: url, id: 'tok1' });
		const facts = vaultFacts(vault, url, used());
		assert.equal(facts.token?.masked, mask(key));
		assert.equal(facts.serverHasStoredTokens, true);
		assert.equal(vaultFacts(vault, 'https://none.example', undefined).serverHasStoredTokens, false);
	});

	it('untrusted: no server gets a token source at all, and the policy says so', async () => {
		const { policy } = vaultPolicy([{ url, label: 'play', production: false }], await vaultWithActive(), false);
		assert.equal(policy.untrusted, true);
		assert.ok(policy.servers.every((server) => server.token === undefined));
	});
});

describe('client .http: settings, environment choice and status text', () => {
	it('clamps the in-memory limit to its declared bounds', () => {
		assert.equal(maxInMemoryBytesFrom(undefined), 5 * 1024 * 1024);
		assert.equal(maxInMemoryBytesFrom('10'), 5 * 1024 * 1024);
		assert.equal(maxInMemoryBytesFrom(0.5), 1024 * 1024);
		assert.equal(maxInMemoryBytesFrom(2.5), 2.5 * 1024 * 1024);
		assert.equal(maxInMemoryBytesFrom(1e6), MAX_MAX_IN_MEMORY_MB * 1024 * 1024);
	});

	it('remembers an environment per folder, and forgets one the files no longer define', () => {
		let choices = withChoice(readChoices(undefined), '/w/a', 'dev');
		choices = withChoice(choices, '/w/b', 'prod');
		assert.equal(chosenEnvironment(choices, '/w/a', ['dev', 'prod']), 'dev');
		assert.equal(chosenEnvironment(choices, '/w/a', ['prod']), undefined);
		assert.equal(chosenEnvironment(withChoice(choices, '/w/a', undefined), '/w/a', ['dev']), undefined);
		assert.deepEqual(readChoices({ '/w/a': 'dev', '/w/c': 3, '/w/d': null }), { '/w/a': 'dev' });
		assert.deepEqual(readChoices(['dev']), {});
		assert.deepEqual([environmentLabel('dev', ['dev']), environmentLabel(undefined, ['dev']), environmentLabel(undefined, [])], ['env: dev', 'env: none', 'no env file']);
	});

	it('shows progress in the status bar: host, bytes, and the place in a Send All run', () => {
		assert.equal(progressText('GET', undefined), '$(sync~spin) GET');
		assert.equal(progressText('GET', { hop: 0, url: 'https://play.dhis2.org/40/api/me', phase: 'waiting', receivedBytes: 0 }), '$(sync~spin) GET play.dhis2.org');
		assert.equal(progressText('GET', { hop: 1, url: 'https://b.example:8443/x', phase: 'redirecting', receivedBytes: 0 }, { index: 1, total: 3 }), '$(sync~spin) GET → b.example:8443 [2/3]');
		assert.equal(progressText('GET', { hop: 0, url: 'https://a.example/x', phase: 'receiving', receivedBytes: 1536, totalBytes: 8 * 1024 * 1024 }), '$(sync~spin) GET a.example: 1.5 KB of 8 MB');
	});
});

interface Manifest {
	readonly contributes: {
		readonly commands: readonly { readonly command: string; readonly title: string; readonly category: string }[];
		readonly menus: Record<string, readonly { readonly command: string; readonly when?: string }[]>;
		readonly keybindings: readonly { readonly command: string; readonly key: string; readonly mac?: string; readonly when?: string }[];
		readonly configuration: { readonly properties: Record<string, { type: string; default: unknown; minimum?: number; maximum?: number; scope?: string }> };
	};
	readonly capabilities: { readonly untrustedWorkspaces: { readonly supported: boolean | 'limited'; readonly description?: string } };
}

describe('client .http: manifest contributions', () => {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
	const { contributes } = manifest;

	it('contributes every runner command in the DHIS2 category', () => {
		const titles = new Map(contributes.commands.map((command) => [command.command, `${command.category}: ${command.title}`]));
		for (const id of Object.values(HttpCommandIds)) assert.ok(titles.has(id), id);
		assert.equal(titles.get(HttpCommandIds.sendRequest), 'DHIS2: Send Request');
		assert.equal(titles.get(HttpCommandIds.sendAllRequests), 'DHIS2: Send All Requests');
	});

	it('binds Ctrl+Alt+R / Cmd+Alt+R in http files, and Cancel only while sending', () => {
		const send = contributes.keybindings.find((binding) => binding.command === HttpCommandIds.sendRequest);
		assert.deepEqual([send?.key, send?.mac, send?.when], ['ctrl+alt+r', 'cmd+alt+r', 'editorTextFocus && editorLangId == http']);
		const cancel = contributes.keybindings.find((binding) => binding.command === HttpCommandIds.cancelRequest);
		assert.equal(cancel?.when, HTTP_SENDING_CONTEXT);
		const palette = new Map(contributes.menus.commandPalette?.map((entry) => [entry.command, entry.when]));
		assert.equal(palette.get(HttpCommandIds.sendRequest), 'editorLangId == http');
		assert.equal(palette.get(HttpCommandIds.cancelRequest), HTTP_SENDING_CONTEXT);
	});

	it('declares the runner settings with the code\'s defaults and bounds', () => {
		const properties = contributes.configuration.properties;
		const memory = properties[MAX_IN_MEMORY_SETTING];
		assert.deepEqual([memory?.default, memory?.minimum, memory?.maximum], [DEFAULT_MAX_IN_MEMORY_MB, MIN_MAX_IN_MEMORY_MB, MAX_MAX_IN_MEMORY_MB]);
		const history = properties[HISTORY_SIZE_SETTING];
		assert.deepEqual([history?.type, history?.default, history?.minimum, history?.maximum], ['integer', DEFAULT_HISTORY_SIZE, 0, MAX_HISTORY_SIZE]);
	});

	it('declares limited support for untrusted workspaces, saying what is limited', () => {
		assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
		assert.match(manifest.capabilities.untrustedWorkspaces.description ?? '', /never receive a DHIS2 token/);
		assert.match(manifest.capabilities.untrustedWorkspaces.description ?? '', /asks for confirmation/);
	});

	it('builds and packages the response page bundle', () => {
		const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim());
		assert.ok(ignore.includes('!dist/webview/response.js') && ignore.includes('!dist/webview/response.css'));
		const build = readFileSync(join(ROOT, 'scripts', 'esbuild.mjs'), 'utf8');
		assert.match(build, /entryPoints: \['webview\/response\/main\.ts'\], outfile: 'dist\/webview\/response\.js', platform: 'browser'/);
	});
});
