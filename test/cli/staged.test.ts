import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from '../../core/token';
import { ROOT, fixtureToken, locations, parseJsonReport, removeTree, runCli, tempDir, writeTree } from './support';

function git(cwd: string, ...args: string[]): string {
	return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd, encoding: 'utf8' });
}

describe('cli: --staged (pre-commit)', () => {
	let repo: string;
	const committed = fixtureToken('v2', 'padded', 51);
	const staged = fixtureToken('v2', 'padded', 52);
	const unstaged = fixtureToken('v1', 'plain', 53);

	beforeEach(() => {
		repo = tempDir('staged');
		git(repo, 'init', '--quiet');
	});
	afterEach(() => removeTree(repo));

	it('scans staged content, with line numbers from the index, not the working tree', () => {
		writeTree(repo, { 'app.py': 'import os\n', 'old.txt': `${committed}\n` });
		git(repo, 'add', '.');
		git(repo, 'commit', '--quiet', '-m', 'initial');
		// Staged: a token on line 3. Working tree afterwards: the token removed, another one on line 1.
		writeTree(repo, { 'app.py': `import os\n\nTOKEN = "${staged}"\n` });
		git(repo, 'add', 'app.py');
		writeTree(repo, { 'app.py': `UNSTAGED = "${unstaged}"\nimport os\n` });

		const run = runCli(['scan', '--staged', '--format', 'json'], { cwd: repo });
		assert.equal(run.code, 1, run.stderr);
		const report = parseJsonReport(run);
		assert.deepEqual(locations(report), ['app.py:3:10']);
		assert.equal(report.findings[0]?.fingerprint, fingerprint(staged));
		assert.equal(report.scanned.files, 1, 'unchanged committed files are not rescanned');
	});

	it('scans the first commit too (no HEAD yet), including force-added gitignored files', () => {
		writeTree(repo, { '.gitignore': '.env\n', '.env': `DHIS2_TOKEN=${staged}\n`, 'README.md': 'hello\n' });
		git(repo, 'add', '.gitignore', 'README.md');
		git(repo, 'add', '--force', '.env');
		const report = parseJsonReport(runCli(['scan', '--staged', '--format', 'json'], { cwd: repo }));
		assert.deepEqual(locations(report), ['.env:1:13']);
	});

	it('ignores deletions, reports paths relative to the current directory, and honours pathspecs', () => {
		writeTree(repo, { 'gone.txt': `${committed}\n`, 'src/a.txt': 'a\n', 'src/b.txt': 'b\n' });
		git(repo, 'add', '.');
		git(repo, 'commit', '--quiet', '-m', 'initial');
		git(repo, 'rm', '--quiet', 'gone.txt');
		writeTree(repo, { 'src/a.txt': `a ${staged}\n`, 'src/b.txt': `b ${staged}\n` });
		git(repo, 'add', 'src');
		const fromSrc = parseJsonReport(runCli(['scan', '--staged', '--format', 'json'], { cwd: join(repo, 'src') }));
		assert.deepEqual(locations(fromSrc), ['a.txt:1:3', 'b.txt:1:3']);
		const onlyB = parseJsonReport(runCli(['scan', '--staged', '--format', 'json', 'src/b.txt'], { cwd: repo }));
		assert.deepEqual(locations(onlyB), ['src/b.txt:1:3']);
	});

	it('nothing staged exits 0; outside a repository exits 2', () => {
		const empty = runCli(['scan', '--staged'], { cwd: repo });
		assert.equal(empty.code, 0, empty.stderr);
		assert.match(empty.stdout, /0 files scanned/);
		rmSync(join(repo, '.git'), { recursive: true, force: true });
		const outside = runCli(['scan', '--staged'], { cwd: repo });
		assert.equal(outside.code, 2);
		assert.match(outside.stderr, /^dhis2-pat: error --staged needs a git repository/m);
	});

	it('staged binary and oversized blobs are skipped with a reason; .dhis2-pat-ignore applies', () => {
		writeTree(repo, {
			'logo.png': Buffer.concat([Buffer.from([0x89, 0x50, 0, 0]), Buffer.from(staged)]),
			'big.txt': `${'x'.repeat(5000)}${staged}\n`,
			'vendor/lib.js': `"${staged}"\n`,
			'.dhis2-pat-ignore': 'vendor/\n',
			'ok.txt': 'fine\n',
		});
		git(repo, 'add', '.');
		const run = runCli(['scan', '--staged', '--max-file-size', '4'], { cwd: repo });
		assert.equal(run.code, 0, run.stdout);
		assert.equal(
			run.stderr,
			'dhis2-pat: skipped big.txt: larger than the size limit (5 KB > 4 KB)\ndhis2-pat: skipped logo.png: binary file\n',
		);
	});

	it('as a git pre-commit hook it blocks a commit that adds a token, also with `git commit <path>` (temporary index)', () => {
		writeTree(repo, {
			'README.md': 'hello\n',
			'.git/hooks/pre-commit': `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist', 'cli.js')}" scan --staged\n`,
		});
		execFileSync('chmod', ['+x', join(repo, '.git', 'hooks', 'pre-commit')]);
		git(repo, 'add', 'README.md');
		git(repo, 'commit', '--quiet', '-m', 'clean commit passes');
		writeTree(repo, { 'README.md': `hello ${staged}\n` });
		// Not staged with `git add`: `git commit <path>` stages it into a temporary index for the hook.
		assert.throws(() => git(repo, 'commit', '--quiet', '-m', 'leak', 'README.md'), /README\.md:1:7 {2}token/);
		assert.equal(git(repo, 'log', '--oneline').trim().split('\n').length, 1, 'the leaking commit was refused');
	});

	it('.pre-commit-hooks.yaml runs `dhis2-pat scan --staged` without filenames', () => {
		const manifest = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
		assert.match(manifest, /^- id: dhis2-pat$/m);
		assert.match(manifest, /^ {2}entry: dhis2-pat scan --staged$/m);
		assert.match(manifest, /^ {2}language: node$/m);
		assert.match(manifest, /^ {2}pass_filenames: false$/m);
	});
});
