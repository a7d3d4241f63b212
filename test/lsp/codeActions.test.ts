/**
 * Quick fixes over a real LSP session with dist/server.js: for every language the move fix supports,
 * open a document in a workspace folder, ask for the code actions of its diagnostic, apply the
 * preferred one's WorkspaceEdit, and compare the document, `.env`, `.gitignore` and `.env.example`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { DiagnosticCodes, SHOW_REMEDIATION_COMMAND } from '../../core/protocol/lsp';
import { fingerprint, generateToken, seededRandom } from '../../core/token';
import { LspClient, fileUri } from '../support/lspClient';

const random = seededRandom(5150);
const TOKEN = generateToken({ random });
const TOKEN_2 = generateToken({ version: 'v1', variant: 'plain', random });
const LOOKALIKE = TOKEN.slice(0, -1) + (TOKEN.endsWith('A') ? 'B' : 'A');

function fill(template: string): string {
	return template.replaceAll('<T2>', TOKEN_2).replaceAll('<T>', TOKEN);
}

type EnvFile = '.env' | '.gitignore' | '.env.example';
const ENV_FILES: readonly EnvFile[] = ['.env', '.gitignore', '.env.example'];

interface MoveCase {
	readonly languageId: string;
	/** Relative to the case's workspace folder. */
	readonly fileName: string;
	readonly source: string;
	readonly expected: string;
	readonly title: string;
	/** Files in the folder before the fix. */
	readonly before?: Partial<Record<EnvFile, string>>;
	/** Every file after the fix; `null` for one that must not exist. */
	readonly after: Record<EnvFile, string | null>;
	/** Make the folder a git repository, so git itself answers whether `.env` is ignored. */
	readonly git?: boolean;
	/** A notebook cell (scheme `vscode-notebook-cell`) of the notebook at `fileName`. */
	readonly notebookCell?: boolean;
}

const moveTitle = (name: string) => `Move DHIS2 token to environment variable ${name} (.env)`;
const CREATED = { '.env': 'DHIS2_TOKEN=<T>\n', '.gitignore': '.env\n', '.env.example': null };

const MOVE_CASES: readonly MoveCase[] = [
	{
		languageId: 'javascript',
		fileName: 'app.js',
		source: 'const dhis2Token = "<T>";\n',
		expected: 'const dhis2Token = process.env.DHIS2_TOKEN;\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'typescript',
		fileName: 'src/client.ts',
		source: "await fetch(url, { headers: { Authorization: 'ApiToken <T>' } });\n",
		expected: 'await fetch(url, { headers: { Authorization: `ApiToken ${process.env.DHIS2_TOKEN_2}` } });\n',
		title: moveTitle('DHIS2_TOKEN_2'),
		before: { '.env': 'DHIS2_TOKEN=another-value\n', '.gitignore': 'node_modules/\n' },
		after: { '.env': 'DHIS2_TOKEN=another-value\nDHIS2_TOKEN_2=<T>\n', '.gitignore': 'node_modules/\n.env\n', '.env.example': null },
	},
	{
		languageId: 'javascriptreact',
		fileName: 'App.jsx',
		source: '<Dhis2Provider token="<T>" />\n',
		expected: '<Dhis2Provider token={process.env.DHIS2_TOKEN} />\n',
		title: moveTitle('DHIS2_TOKEN'),
		before: { '.env.example': 'DHIS2_URL=\n' },
		after: { ...CREATED, '.env.example': 'DHIS2_URL=\nDHIS2_TOKEN=\n' },
	},
	{
		languageId: 'typescriptreact',
		fileName: 'App.tsx',
		source: 'const dhisPat = "<T>";\n',
		expected: 'const dhisPat = process.env.DHIS_PAT;\n',
		title: moveTitle('DHIS_PAT'),
		git: true,
		before: { '.gitignore': '.env\n' },
		after: { '.env': 'DHIS_PAT=<T>\n', '.gitignore': '.env\n', '.env.example': null },
	},
	{
		languageId: 'python',
		fileName: 'sync.py',
		source: '"""Sync."""\nimport requests\n\nheaders = {"Authorization": "ApiToken <T>"}\n',
		expected: '"""Sync."""\nimport os\nimport requests\n\nheaders = {"Authorization": f"ApiToken {os.environ[\'DHIS2_TOKEN\']}"}\n',
		title: moveTitle('DHIS2_TOKEN'),
		git: true,
		// git, not the text, decides: a global-style rule in info/exclude is honoured.
		before: { '.gitignore': 'build/\n' },
		after: { ...CREATED, '.gitignore': 'build/\n' },
	},
	{
		languageId: 'python',
		fileName: 'analysis.ipynb',
		notebookCell: true,
		source: 'api = Dhis2(token="<T>")',
		expected: 'import os\napi = Dhis2(token=os.environ["DHIS2_TOKEN"])',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'java',
		fileName: 'Client.java',
		source: '    conn.setRequestProperty("Authorization", "ApiToken <T>");\n',
		expected: '    conn.setRequestProperty("Authorization", "ApiToken " + System.getenv("DHIS2_TOKEN"));\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'kotlin',
		fileName: 'Client.kt',
		source: 'val auth = "ApiToken <T>"\n',
		expected: 'val auth = "ApiToken ${System.getenv("DHIS2_TOKEN")}"\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'csharp',
		fileName: 'Program.cs',
		source: 'var token = "<T>";\n',
		expected: 'var token = Environment.GetEnvironmentVariable("DHIS2_TOKEN");\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'go',
		fileName: 'main.go',
		source: 'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nfunc main() {\n\treq.Header.Set("Authorization", "ApiToken <T>")\n}\n',
		expected: 'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"os"\n)\n\nfunc main() {\n\treq.Header.Set("Authorization", "ApiToken " + os.Getenv("DHIS2_TOKEN"))\n}\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'ruby',
		fileName: 'client.rb',
		source: "headers = { 'Authorization' => 'ApiToken <T>' }\n",
		expected: 'headers = { \'Authorization\' => "ApiToken #{ENV["DHIS2_TOKEN"]}" }\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'php',
		fileName: 'client.php',
		source: "<?php\n$dhis2_token = '<T>';\n",
		expected: "<?php\n$dhis2_token = getenv('DHIS2_TOKEN');\n",
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'rust',
		fileName: 'src/main.rs',
		source: '    .header("Authorization", "ApiToken <T>")\n',
		expected: '    .header("Authorization", format!("ApiToken {}", std::env::var("DHIS2_TOKEN").expect("DHIS2_TOKEN is not set")))\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'shellscript',
		fileName: 'sync.sh',
		source: "curl -H 'Authorization: ApiToken <T>' https://play.dhis2.org/api/me\n",
		expected: 'curl -H \'Authorization: ApiToken \'"${DHIS2_TOKEN}" https://play.dhis2.org/api/me\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'powershell',
		fileName: 'sync.ps1',
		source: '$headers = @{ Authorization = "ApiToken <T>" }\n',
		expected: '$headers = @{ Authorization = "ApiToken $($env:DHIS2_TOKEN)" }\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'yaml',
		fileName: '.github/workflows/sync.yml',
		source: 'env:\n  DHIS2_API_PAT: "<T>"\n',
		expected: 'env:\n  DHIS2_API_PAT: ${DHIS2_API_PAT}\n',
		title: moveTitle('DHIS2_API_PAT'),
		after: { ...CREATED, '.env': 'DHIS2_API_PAT=<T>\n' },
	},
	{
		languageId: 'dockercompose',
		fileName: 'docker-compose.yml',
		source: 'services:\n  sync:\n    environment:\n      - DHIS_TOKEN=<T>\n',
		expected: 'services:\n  sync:\n    environment:\n      - DHIS_TOKEN=${DHIS_TOKEN}\n',
		title: moveTitle('DHIS_TOKEN'),
		after: { ...CREATED, '.env': 'DHIS_TOKEN=<T>\n' },
	},
	{
		languageId: 'http',
		fileName: 'api.http',
		source: 'GET https://play.dhis2.org/api/me\nAuthorization: ApiToken <T>\n',
		expected: 'GET https://play.dhis2.org/api/me\nAuthorization: ApiToken {{$dotenv DHIS2_TOKEN}}\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'plaintext',
		fileName: 'requests.rest',
		source: '@dhis2Token = <T>\n',
		expected: '@dhis2Token = {{$dotenv DHIS2_TOKEN}}\n',
		title: moveTitle('DHIS2_TOKEN'),
		after: CREATED,
	},
	{
		languageId: 'javascript',
		fileName: 'reuse.js',
		source: 'const key = "<T>";\n',
		expected: 'const key = process.env.LEGACY_DHIS2_PAT;\n',
		title: moveTitle('LEGACY_DHIS2_PAT'),
		// The same token already in .env under another name: reused, .env untouched.
		before: { '.env': 'LEGACY_DHIS2_PAT=<T>\n', '.gitignore': '.env*\n' },
		after: { '.env': 'LEGACY_DHIS2_PAT=<T>\n', '.gitignore': '.env*\n', '.env.example': null },
	},
];

function readIfExists(path: string): string | null {
	return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

function documentUri(folder: string, testCase: Pick<MoveCase, 'fileName' | 'notebookCell'>): string {
	const path = join(folder, testCase.fileName);
	return testCase.notebookCell ? URI.file(path).with({ scheme: 'vscode-notebook-cell', fragment: 'W0sZmlsZQ==' }).toString() : fileUri(path);
}

/** What a code action shows or sends back besides its edit must never hold the raw token. */
function assertNoRawToken(actions: readonly CodeAction[]): void {
	const visible = actions.map((action) => ({ title: action.title, command: action.command, diagnostics: action.diagnostics }));
	const json = JSON.stringify(visible);
	assert.ok(!json.includes(TOKEN) && !json.includes(TOKEN_2), 'no raw token outside the edit');
}

async function openWithDiagnostic(client: LspClient, uri: string, languageId: string, text: string): Promise<Diagnostic> {
	await client.openDocument(uri, languageId, text);
	const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.length > 0);
	assert.ok(diagnostic);
	return diagnostic;
}

function diagnostic0(diagnostics: readonly Diagnostic[]): Diagnostic {
	const [first] = diagnostics;
	assert.ok(first);
	return first;
}

function byTitle(actions: readonly CodeAction[], title: string | RegExp): CodeAction {
	const action = actions.find((candidate) => (typeof title === 'string' ? candidate.title === title : title.test(candidate.title)));
	assert.ok(action, `no action ${String(title)} among ${JSON.stringify(actions.map((a) => a.title))}`);
	return action;
}

describe('language server quick fixes: move to environment variable, per language', () => {
	let client: LspClient;
	let root: string;
	const folders: string[] = [];

	before(async () => {
		root = mkdtempSync(join(tmpdir(), 'dhis2-pat-fix-'));
		MOVE_CASES.forEach((testCase, index) => {
			const folder = join(root, `case-${index}`);
			mkdirSync(folder);
			if (testCase.git) execFileSync('git', ['init', '-q'], { cwd: folder });
			for (const [name, text] of Object.entries(testCase.before ?? {})) writeFileSync(join(folder, name), fill(text));
			folders.push(folder);
		});
		// The python case relies on git's own answer: .env is ignored through info/exclude, not .gitignore.
		const pythonIndex = MOVE_CASES.findIndex((testCase) => testCase.fileName === 'sync.py');
		writeFileSync(join(folders[pythonIndex] ?? root, '.git', 'info', 'exclude'), '.env\n');
		client = await LspClient.start({ workspaceFolders: folders, settings: { debounceMs: 10, scanWorkspaceOnStartup: false } });
	});

	after(async () => {
		await client.stop();
		rmSync(root, { recursive: true, force: true });
	});

	MOVE_CASES.forEach((testCase, index) => {
		it(`${testCase.languageId} (${testCase.fileName}${testCase.notebookCell ? ', notebook cell' : ''})`, async () => {
			const folder = folders[index] ?? '';
			const uri = documentUri(folder, testCase);
			mkdirSync(dirname(join(folder, testCase.fileName)), { recursive: true });
			const diagnostic = await openWithDiagnostic(client, uri, testCase.languageId, fill(testCase.source));
			assert.equal(diagnostic.code, DiagnosticCodes.hardcodedToken);

			const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
			assertNoRawToken(actions);
			const preferred = actions.filter((action) => action.isPreferred);
			assert.equal(preferred.length, 1, 'exactly one preferred fix');
			const [move] = preferred;
			assert.ok(move?.edit);
			assert.equal(move.title, testCase.title);
			assert.equal(move.kind, 'quickfix');
			assert.deepEqual(move.diagnostics, [diagnostic]);
			for (const action of actions) assert.equal(action.kind, 'quickfix');

			client.applyEdit(move.edit);
			assert.equal(client.text(uri), fill(testCase.expected));
			for (const name of ENV_FILES) {
				const expected = testCase.after[name];
				assert.equal(readIfExists(join(folder, name)), expected === null ? null : fill(expected), name);
			}
		});
	});
});

describe('language server quick fixes: the rest', () => {
	let client: LspClient;
	let folder: string;

	beforeEach(async () => {
		folder = mkdtempSync(join(tmpdir(), 'dhis2-pat-fix-'));
		client = await LspClient.start({ workspaceFolders: [folder], settings: { debounceMs: 10, scanWorkspaceOnStartup: false } });
	});

	afterEach(async () => {
		await client.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	it('creates .env through a CreateFile operation, in the same WorkspaceEdit as the document edit', async () => {
		const uri = fileUri(join(folder, 'a.js'));
		const diagnostic = await openWithDiagnostic(client, uri, 'javascript', fill('const t = "<T>";\n'));
		const move = byTitle(await client.codeActions(uri, diagnostic.range, [diagnostic]), moveTitle('DHIS2_TOKEN'));
		const changes = (move.edit as WorkspaceEdit).documentChanges ?? [];
		assert.deepEqual(
			changes.map((change) => ('kind' in change ? `${change.kind} ${change.kind === 'rename' ? change.newUri : change.uri}` : `edit ${change.textDocument.uri} ${String(change.textDocument.version)}`)),
			[
				`edit ${uri} 1`,
				`create ${fileUri(join(folder, '.env'))}`,
				`edit ${fileUri(join(folder, '.env'))} null`,
				`create ${fileUri(join(folder, '.gitignore'))}`,
				`edit ${fileUri(join(folder, '.gitignore'))} null`,
			],
		);
	});

	it('writes into an open, unsaved .env document rather than the file on disk', async () => {
		writeFileSync(join(folder, '.env'), 'ON_DISK=1\n');
		writeFileSync(join(folder, '.gitignore'), '.env\n');
		const envUri = fileUri(join(folder, '.env'));
		await client.openDocument(envUri, 'dotenv', 'UNSAVED=1\nDHIS2_TOKEN=\n');
		const uri = fileUri(join(folder, 'a.py'));
		const diagnostic = await openWithDiagnostic(client, uri, 'python', fill('import os\nT = "<T>"\n'));
		const move = byTitle(await client.codeActions(uri, diagnostic.range, [diagnostic]), moveTitle('DHIS2_TOKEN'));
		client.applyEdit(move.edit as WorkspaceEdit);
		assert.equal(client.text(envUri), fill('UNSAVED=1\nDHIS2_TOKEN=<T>\n'), 'the empty entry is filled in the open document');
		assert.equal(readFileSync(join(folder, '.env'), 'utf8'), 'ON_DISK=1\n');
		assert.equal(client.text(uri), 'import os\nT = os.environ["DHIS2_TOKEN"]\n');
	});

	it('fix all in file: every token in one edit, the same token under one name', async () => {
		const uri = fileUri(join(folder, 'sync.py'));
		const text = fill('A = "<T>"\nB = "<T2>"\nC = f"ApiToken <T>"\n');
		await client.openDocument(uri, 'python', text);
		const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length === 3);
		const actions = await client.codeActions(uri, (diagnostics[1] ?? diagnostic0(diagnostics)).range, diagnostics);
		assertNoRawToken(actions);
		const all = byTitle(actions, 'Move all 3 DHIS2 tokens in this file to environment variables (.env)');
		assert.equal(all.diagnostics?.length, 3);
		assert.equal(actions.filter((action) => action.title === all.title).length, 1, 'offered once, not per diagnostic');
		client.applyEdit(all.edit as WorkspaceEdit);
		assert.equal(
			client.text(uri),
			'import os\nA = os.environ["DHIS2_TOKEN"]\nB = os.environ["DHIS2_TOKEN_2"]\nC = f"ApiToken {os.environ[\'DHIS2_TOKEN\']}"\n',
		);
		assert.equal(readFileSync(join(folder, '.env'), 'utf8'), fill('DHIS2_TOKEN=<T>\nDHIS2_TOKEN_2=<T2>\n'));
	});

	for (const [languageId, fileName, source, expected] of [
		['typescript', 'a.ts', "const t = '<T>';\n", "const t = '<T>'; // dhis2-pat:allow\n"],
		['python', 'a.py', 'T = "<T>"\n', 'T = "<T>" # dhis2-pat:allow\n'],
		['markdown', 'README.md', 'Token: `<T>`\n', '<!-- dhis2-pat:allow-next-line -->\nToken: `<T>`\n'],
		['sql', 'seed.sql', "SELECT '<T>';\n", "SELECT '<T>'; -- dhis2-pat:allow\n"],
		['http', 'api.http', 'GET https://play.dhis2.org/api/me\nAuthorization: ApiToken <T>\n', 'GET https://play.dhis2.org/api/me\n# dhis2-pat:allow-next-line\nAuthorization: ApiToken <T>\n'],
	] as const) {
		it(`ignore this occurrence (${languageId}): the directive silences the diagnostic`, async () => {
			const uri = fileUri(join(folder, fileName));
			const diagnostic = await openWithDiagnostic(client, uri, languageId, fill(source));
			const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
			const ignore = byTitle(actions, /^Ignore this DHIS2 token \(dhis2-pat:allow(-next-line)?\)$/);
			assert.deepEqual(ignore.diagnostics, [diagnostic]);
			assert.notEqual(ignore.isPreferred, true);
			client.applyEdit(ignore.edit as WorkspaceEdit);
			const after = client.text(uri);
			assert.equal(after, fill(expected));
			const version = await client.changeDocument(uri, [{ text: after }]);
			await client.waitForDiagnostics(uri, (d, params) => params.version === version && d.length === 0);
		});
	}

	it('ignore everywhere: the fingerprint goes to .dhis2-pat-ignore and the diagnostic goes away', async () => {
		const uri = fileUri(join(folder, 'config.json'));
		const diagnostic = await openWithDiagnostic(client, uri, 'json', fill('{ "token": "<T>" }\n'));
		const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
		assert.ok(!actions.some((action) => action.title.includes('(dhis2-pat:allow')), 'JSON has no comments');
		const everywhere = byTitle(actions, 'Ignore this DHIS2 token everywhere (add its fingerprint to .dhis2-pat-ignore)');
		client.applyEdit(everywhere.edit as WorkspaceEdit);
		const ignoreFile = readFileSync(join(folder, '.dhis2-pat-ignore'), 'utf8');
		assert.ok(ignoreFile.includes(`sha256:${fingerprint(TOKEN)}`));
		assert.ok(!ignoreFile.includes(TOKEN), 'never the raw token');
		assert.equal(client.text(uri), fill('{ "token": "<T>" }\n'), 'the document is untouched');
		await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(folder, '.dhis2-pat-ignore')), type: 1 }] });
		await client.waitForDiagnostics(uri, (d) => d.length === 0, 5000, false);
	});

	it('.env files: ignore actions and the remediation link, no move', async () => {
		writeFileSync(join(folder, '.gitignore'), '.env\n');
		const uri = fileUri(join(folder, '.env'));
		const diagnostic = await openWithDiagnostic(client, uri, 'dotenv', fill('DHIS2_URL=https://play.dhis2.org\nDHIS2_TOKEN=<T>\n'));
		const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
		assertNoRawToken(actions);
		assert.deepEqual(
			actions.map((action) => action.title),
			[
				'Ignore this DHIS2 token (dhis2-pat:allow-next-line)',
				'Ignore this DHIS2 token everywhere (add its fingerprint to .dhis2-pat-ignore)',
				'Show how to revoke and rotate this DHIS2 token',
			],
		);
		const remediation = actions[2];
		assert.equal(remediation?.command?.command, SHOW_REMEDIATION_COMMAND);
		assert.equal(remediation?.edit, undefined);
		client.applyEdit(actions[0]?.edit as WorkspaceEdit);
		assert.equal(client.text(uri), fill('DHIS2_URL=https://play.dhis2.org\n# dhis2-pat:allow-next-line\nDHIS2_TOKEN=<T>\n'));
	});

	it('untitled documents: no fix that writes to a workspace folder', async () => {
		const uri = 'untitled:Untitled-1';
		const diagnostic = await openWithDiagnostic(client, uri, 'javascript', fill('const t = "<T>";\n'));
		const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
		assert.deepEqual(
			actions.map((action) => action.title),
			['Ignore this DHIS2 token (dhis2-pat:allow)'],
		);
	});

	it('lookalikes: ignore only', async () => {
		const uri = fileUri(join(folder, 'fixture.js'));
		const diagnostic = await openWithDiagnostic(client, uri, 'javascript', `const t = "${LOOKALIKE}";\n`);
		assert.equal(diagnostic.code, DiagnosticCodes.lookalikeToken);
		const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
		assert.deepEqual(
			actions.map((action) => action.title),
			['Ignore this DHIS2 token (dhis2-pat:allow)', 'Ignore this DHIS2 token everywhere (add its fingerprint to .dhis2-pat-ignore)'],
		);
	});

	it('a stale or forged diagnostic gets no fix: the token is re-read and its fingerprint checked', async () => {
		const uri = fileUri(join(folder, 'a.js'));
		const diagnostic = await openWithDiagnostic(client, uri, 'javascript', fill('const t = "<T>";\n'));
		const forged = { ...diagnostic, data: { fingerprint: fingerprint(TOKEN_2), kind: 'token' } };
		assert.deepEqual(await client.codeActions(uri, diagnostic.range, [forged]), []);
		const shifted = { ...diagnostic, range: { start: { line: 0, character: 0 }, end: diagnostic.range.end } };
		assert.deepEqual(await client.codeActions(uri, shifted.range, [shifted]), []);
		const foreign = { ...diagnostic, source: 'eslint' };
		assert.deepEqual(await client.codeActions(uri, diagnostic.range, [foreign]), []);
	});

	it('answers only requests for quick fixes', async () => {
		const uri = fileUri(join(folder, 'a.js'));
		const diagnostic = await openWithDiagnostic(client, uri, 'javascript', fill('const t = "<T>";\n'));
		const refactors = await client.request<CodeAction[]>('textDocument/codeAction', {
			textDocument: { uri },
			range: diagnostic.range,
			context: { diagnostics: [diagnostic], only: ['refactor'] },
		});
		assert.deepEqual(refactors, []);
	});
});
