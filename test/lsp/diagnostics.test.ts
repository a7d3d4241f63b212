import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { DiagnosticCodes, type ScanWorkspaceResult } from '../../core/protocol/lsp';
import { fingerprint, generateToken, mask, seededRandom } from '../../core/token';
import { LspClient, fileUri } from '../support/lspClient';
import { poll } from '../support/poll';

const token = generateToken({ random: seededRandom(1) });
const legacyToken = generateToken({ version: 'v1', variant: 'plain', random: seededRandom(2) });
const lookalike = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

function messageOf(diagnostic: Diagnostic): string {
	return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function tempFolder(): string {
	return mkdtempSync(join(tmpdir(), 'dhis2-pat-lsp-'));
}

describe('language server diagnostics (real LSP session with dist/server.js)', () => {
	let client: LspClient;
	let folder: string;

	beforeEach(async () => {
		folder = tempFolder();
		client = await LspClient.start({
			workspaceFolders: [folder],
			settings: { debounceMs: 10, scanWorkspaceOnStartup: false },
			initializationOptions: { remediationUrl: 'https://example.test/readme#remediation' },
		});
	});

	afterEach(async () => {
		await client.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	it('reports a hardcoded V2 token as an error at its exact range, masked, with a remediation link', async () => {
		const uri = fileUri(join(folder, 'app.js'));
		await client.openDocument(uri, 'javascript', `const a = 1;\nconst key = "${token}";\n`);
		const [diagnostic, ...rest] = await client.waitForDiagnostics(uri, (d) => d.length > 0);
		assert.equal(rest.length, 0);
		assert.ok(diagnostic);
		assert.deepEqual(diagnostic.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 13 + token.length } });
		assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
		assert.equal(diagnostic.source, 'dhis2-pat');
		assert.equal(diagnostic.code, DiagnosticCodes.hardcodedToken);
		assert.equal(diagnostic.codeDescription?.href, 'https://example.test/readme#remediation');
		const message = messageOf(diagnostic);
		assert.match(message, /V2/);
		assert.match(message, /2\.41/);
		assert.ok(message.includes(mask(token)), message);
		assert.deepEqual(diagnostic.data, { fingerprint: fingerprint(token), kind: 'token' });
		assert.ok(!JSON.stringify(client.published).includes(token), 'the raw token never travels back to the client');
	});

	it('does not republish unchanged diagnostics without an edit (VS Code would drop an open quick-fix request), but answers every edit', async () => {
		const steady = fileUri(join(folder, 'steady.js'));
		const changing = fileUri(join(folder, 'changing.txt'));
		const publishesOf = (uri: string) => client.published.filter((params) => params.uri === uri).length;
		await client.openDocument(steady, 'javascript', `const key = "${token}";\n`);
		await client.waitForDiagnostics(steady, (d) => d.length === 1);
		await client.openDocument(changing, 'plaintext', `${lookalike}\n`);
		await client.waitForDiagnostics(changing, (d) => d.length === 1);
		const before = publishesOf(steady);
		// Each settings change revalidates every open document; only the lookalike's severity changes.
		await client.changeSettings({ lookalikes: 'warning' });
		await client.waitForDiagnostics(changing, (d) => d[0]?.severity === DiagnosticSeverity.Warning);
		await client.changeSettings({ lookalikes: 'hint' });
		await client.waitForDiagnostics(changing, (d) => d[0]?.severity === DiagnosticSeverity.Hint);
		assert.equal(publishesOf(steady), before, 'the unchanged document was published again');

		await client.changeDocument(steady, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// moved down\n' }]);
		await client.waitForDiagnostics(steady, (d) => d[0]?.range.start.line === 1);
		assert.equal(publishesOf(steady), before + 1);
		// An edit that leaves the diagnostics as they were still answers with its version.
		const version = await client.changeDocument(steady, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '// more\n' }]);
		await client.waitForDiagnostics(steady, (_d, params) => params.version === version);
		assert.equal(publishesOf(steady), before + 2);
	});

	it('names the 2.37–2.40 era for a plain-checksum V1 token', async () => {
		const uri = fileUri(join(folder, 'run.sh'));
		await client.openDocument(uri, 'shellscript', `curl -H "Authorization: ApiToken ${legacyToken}" https://play.dhis2.org/api/me\n`);
		const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.length > 0);
		assert.match(diagnostic ? messageOf(diagnostic) : '', /V1, issued by DHIS2 2\.37–2\.40/);
	});

	it('counts columns in UTF-16 code units, so an emoji before the token does not shift the squiggle', async () => {
		const uri = fileUri(join(folder, 'notes.md'));
		const prefix = '😀🔑 key: ';
		await client.openDocument(uri, 'markdown', `${prefix}${token}\n`);
		const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.length > 0);
		assert.equal(prefix.length, 10, 'two astral characters are four UTF-16 units');
		assert.deepEqual(diagnostic?.range.start, { line: 0, character: prefix.length });
	});

	it('follows incremental edits as the user types, and clears on close', async () => {
		const uri = fileUri(join(folder, 'config.py'));
		await client.openDocument(uri, 'python', 'TOKEN = ""\n');
		await client.waitForDiagnostics(uri, (d) => d.length === 0);
		const version = await client.changeDocument(uri, [
			{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, text: token },
		]);
		const found = await client.waitForDiagnostics(uri, (d, params) => params.version === version && d.length === 1);
		assert.equal(found[0]?.range.start.character, 9);
		const deleted = await client.changeDocument(uri, [
			{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 13 } }, text: '' },
		]);
		await client.waitForDiagnostics(uri, (d, params) => params.version === deleted && d.length === 0);
		await client.changeDocument(uri, [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: token.charAt(3) }]);
		await client.waitForDiagnostics(uri, (d) => d.length === 1, 5000, false);
		await client.closeDocument(uri);
		await client.waitForDiagnostics(uri, (d) => d.length === 0, 5000, false);
	});

	it('scans untitled documents', async () => {
		const uri = 'untitled:Untitled-1';
		await client.openDocument(uri, 'plaintext', `paste: ${token}`);
		const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
		assert.equal(diagnostics.length, 1);
	});

	it('honours inline ignore directives', async () => {
		const uri = fileUri(join(folder, 'fixture.ts'));
		await client.openDocument(uri, 'typescript', `// dhis2-pat:allow-next-line\nconst a = '${token}';\nconst b = '${token}'; // gitleaks:allow\n`);
		const diagnostics = await client.waitForDiagnostics(uri);
		assert.deepEqual(diagnostics, []);
	});

	it('applies dhis2.secrets.lookalikes changes without a restart', async () => {
		const uri = fileUri(join(folder, 'example.yaml'));
		await client.openDocument(uri, 'yaml', `token: ${lookalike}\n`);
		const [information] = await client.waitForDiagnostics(uri, (d) => d.length === 1);
		assert.equal(information?.severity, DiagnosticSeverity.Information);
		assert.equal(information?.code, DiagnosticCodes.lookalikeToken);
		await client.changeSettings({ lookalikes: 'warning' });
		await client.waitForDiagnostics(uri, (d) => d[0]?.severity === DiagnosticSeverity.Warning);
		await client.changeSettings({ lookalikes: 'hint' });
		await client.waitForDiagnostics(uri, (d) => d[0]?.severity === DiagnosticSeverity.Hint);
		await client.changeSettings({ lookalikes: 'off' });
		await client.waitForDiagnostics(uri, (d) => d.length === 0);
	});

	it('skips documents over dhis2.secrets.maxFileSizeKB', async () => {
		await client.changeSettings({ maxFileSizeKB: 1 });
		const uri = fileUri(join(folder, 'big.txt'));
		await client.openDocument(uri, 'plaintext', `${'x'.repeat(2048)}\n${token}\n`);
		assert.deepEqual(await client.waitForDiagnostics(uri), []);
		const small = fileUri(join(folder, 'small.txt'));
		await client.openDocument(small, 'plaintext', `${token}\n`);
		assert.equal((await client.waitForDiagnostics(small, (d) => d.length > 0)).length, 1);
	});

	it('silences fingerprints and globs listed in .dhis2-pat-ignore', async () => {
		writeFileSync(join(folder, '.dhis2-pat-ignore'), `# docs example\nsha256:${fingerprint(token)}\nfixtures/**\n`);
		const silenced = fileUri(join(folder, 'a.txt'));
		await client.openDocument(silenced, 'plaintext', `${token}\n${legacyToken}\n`);
		const diagnostics = await client.waitForDiagnostics(silenced);
		assert.equal(diagnostics.length, 1, 'only the token whose fingerprint is not listed remains');
		assert.ok(diagnostics[0] && messageOf(diagnostics[0]).includes(mask(legacyToken)));
		const inFixtures = fileUri(join(folder, 'fixtures', 'b.txt'));
		await client.openDocument(inFixtures, 'plaintext', `${legacyToken}\n`);
		assert.deepEqual(await client.waitForDiagnostics(inFixtures), []);
	});

	it('warns when a .env holding a token is not ignored by git, and not once it is', async () => {
		execFileSync('git', ['init', '-q'], { cwd: folder });
		const uri = fileUri(join(folder, '.env'));
		await client.openDocument(uri, 'dotenv', `DHIS2_TOKEN=${token}\n`);
		const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length > 0);
		assert.deepEqual(diagnostics.map((d) => d.code).sort(), [DiagnosticCodes.envFileNotIgnored, DiagnosticCodes.hardcodedToken].sort());
		writeFileSync(join(folder, '.gitignore'), '.env\n');
		await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(folder, '.gitignore')), type: 1 }] });
		const after = await client.waitForDiagnostics(uri, (d) => d.length === 1, 5000, false);
		assert.equal(after[0]?.code, DiagnosticCodes.hardcodedToken);
	});
});

describe('language server workspace scan', () => {
	let client: LspClient | undefined;
	let folder: string;

	beforeEach(() => {
		folder = tempFolder();
		mkdirSync(join(folder, 'src'));
		mkdirSync(join(folder, 'build'));
		mkdirSync(join(folder, 'out'));
		mkdirSync(join(folder, '.github', 'workflows'), { recursive: true });
		writeFileSync(join(folder, 'src', 'client.ts'), `export const key = '${token}';\n`);
		writeFileSync(join(folder, '.github', 'workflows', 'ci.yml'), `env:\n  DHIS2_TOKEN: ${legacyToken}\n`);
		writeFileSync(join(folder, 'build', 'bundle.js'), `var k="${token}";`);
		writeFileSync(join(folder, 'out', 'copy.js'), `var k="${token}";`);
		writeFileSync(join(folder, '.env'), `DHIS2_TOKEN=${token}\n`);
		writeFileSync(join(folder, '.gitignore'), 'build/\n.env\n');
		writeFileSync(join(folder, 'clean.txt'), 'nothing here\n');
	});

	afterEach(async () => {
		await client?.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	it('publishes findings for unopened files at start-up, respecting .gitignore and files.exclude but always reading .env', async () => {
		client = await LspClient.start({ workspaceFolders: [folder], filesExclude: { '**/out': true }, settings: { scanWorkspaceOnStartup: true } });
		const source = fileUri(join(folder, 'src', 'client.ts'));
		const workflow = fileUri(join(folder, '.github', 'workflows', 'ci.yml'));
		const envFile = fileUri(join(folder, '.env'));
		const [sourceDiagnostic] = await client.waitForDiagnostics(source, (d) => d.length > 0);
		assert.deepEqual(sourceDiagnostic?.range.start, { line: 0, character: 20 });
		await client.waitForDiagnostics(workflow, (d) => d.length > 0);
		await client.waitForDiagnostics(envFile, (d) => d.length > 0);
		const finished = await poll('the scanFinished notification', () => client?.notifications.find((n) => n.method === 'dhis2/scanFinished'), 5000, 20);
		assert.deepEqual(finished.params, { filesScanned: 5, filesWithFindings: 3, tokens: 3, lookalikes: 0, cancelled: false });
		const published = new Set(client.published.map((p) => p.uri));
		assert.ok(!published.has(fileUri(join(folder, 'build', 'bundle.js'))), 'gitignored build output is skipped');
		assert.ok(!published.has(fileUri(join(folder, 'out', 'copy.js'))), 'files.exclude is honoured');
		const kinds = client.progress.map((p) => p.value.kind);
		assert.equal(kinds[0], 'begin');
		assert.equal(kinds.at(-1), 'end');
		assert.equal(client.progress[0]?.value.cancellable, true);
	});

	it('rescans on demand and clears files whose token was removed', async () => {
		client = await LspClient.start({ workspaceFolders: [folder], settings: { scanWorkspaceOnStartup: false } });
		const source = fileUri(join(folder, 'src', 'client.ts'));
		const first = await client.request<ScanWorkspaceResult>('dhis2/scanWorkspace', {});
		assert.equal(first.filesWithFindings, 4, 'src, workflow, .env and out/copy.js (no files.exclude here)');
		await client.waitForDiagnostics(source, (d) => d.length === 1);
		writeFileSync(join(folder, 'src', 'client.ts'), 'export const key = process.env.DHIS2_TOKEN;\n');
		const second = await client.request<ScanWorkspaceResult>('dhis2/scanWorkspace', {});
		assert.equal(second.filesWithFindings, 3);
		await client.waitForDiagnostics(source, (d) => d.length === 0);
	});
});

describe('language server file events', () => {
	let client: LspClient;
	let folder: string;

	beforeEach(async () => {
		folder = tempFolder();
		execFileSync('git', ['init', '-q'], { cwd: folder });
		writeFileSync(join(folder, '.gitignore'), 'build/\n');
		mkdirSync(join(folder, 'build'));
		client = await LspClient.start({ workspaceFolders: [folder], settings: { scanWorkspaceOnStartup: false, debounceMs: 10 } });
	});

	afterEach(async () => {
		await client.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	it('rescans just the files an event names, skipping gitignored ones', async () => {
		const created = join(folder, 'new.ts');
		const ignored = join(folder, 'build', 'out.js');
		writeFileSync(created, `const k = "${token}";\n`);
		writeFileSync(ignored, `var k="${token}";`);
		await client.notify('workspace/didChangeWatchedFiles', {
			changes: [{ uri: fileUri(created), type: 1 }, { uri: fileUri(ignored), type: 1 }],
		});
		await client.waitForDiagnostics(fileUri(created), (d) => d.length === 1);
		writeFileSync(created, 'const k = process.env.DHIS2_TOKEN;\n');
		await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(created), type: 2 }] });
		await client.waitForDiagnostics(fileUri(created), (d) => d.length === 0, 5000, false);
		assert.ok(!client.published.some((p) => p.uri === fileUri(ignored)), 'a gitignored file is not reported');
	});

	it('puts a closed file back in the Problems panel from disk, and counts open documents in a scan', async () => {
		const path = join(folder, 'script.py');
		writeFileSync(path, `TOKEN = "${token}"\n`);
		const uri = fileUri(path);
		await client.openDocument(uri, 'python', `TOKEN = "${token}"\nOTHER = "${legacyToken}"\n`);
		await client.waitForDiagnostics(uri, (d) => d.length === 2);
		const result = await client.request<ScanWorkspaceResult>('dhis2/scanWorkspace', {});
		assert.equal(result.tokens, 2, 'the open document counts with its unsaved text');
		await client.closeDocument(uri);
		const fromDisk = await client.waitForDiagnostics(uri, (d) => d.length === 1, 5000, false);
		assert.equal(fromDisk[0]?.range.start.line, 0);
	});
});
