import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fixtureToken, locations, materialise, parseJsonReport, removeTree, runCli, tempDir, writeTree } from './support';

describe('cli: .gitignore and dotfiles', () => {
	let tree: string;
	before(() => {
		tree = materialise('basic');
	});
	after(() => removeTree(tree));

	const scanPaths = (args: string[]): string[] =>
		[...new Set(parseJsonReport(runCli(['scan', '--format', 'json', ...args], { cwd: tree })).findings.map((finding) => finding.path))];

	it('skips gitignored files and folders but still scans .env files and dot-directories', () => {
		const paths = scanPaths([]);
		assert.ok(paths.includes('.env'), 'a gitignored .env is scanned anyway');
		assert.ok(paths.includes('.env.local'), '.env.local too');
		assert.ok(paths.includes('.github/workflows/ci.yml'), 'dot-directories are walked');
		for (const ignored of ['build/out.js', 'debug.log', 'packages/app/drop.tmp', 'packages/app/generated/api.js']) {
			assert.equal(paths.includes(ignored), false, `${ignored} is gitignored`);
		}
		assert.equal(paths.includes('build/.env'), false, 'a .env inside an ignored folder is not reached');
	});

	it('applies a nested .gitignore relative to its own folder, negations included', () => {
		const paths = scanPaths([]);
		assert.ok(paths.includes('packages/app/keep.tmp'), '!keep.tmp in packages/app re-includes what the root ignores');
		assert.ok(paths.includes('generated/schema.js'), "packages/app's generated/ rule does not reach the root's generated/");
	});

	it('--no-gitignore scans everything', () => {
		const paths = scanPaths(['--no-gitignore']);
		for (const path of ['build/out.js', 'build/.env', 'debug.log', 'packages/app/drop.tmp', 'packages/app/generated/api.js', '.env']) {
			assert.ok(paths.includes(path), `${path} is scanned with --no-gitignore`);
		}
	});

	it('a file named explicitly is scanned even when gitignored', () => {
		assert.deepEqual(scanPaths(['debug.log']), ['debug.log']);
	});

	it('honours .git/info/exclude and the .gitignore files above a scanned subfolder, and never enters .git/', () => {
		const repo = tempDir('repo');
		try {
			execFileSync('git', ['init', '--quiet', repo]);
			writeTree(repo, {
				'.gitignore': 'app/secrets/\n',
				'.git/info/exclude': 'notes.txt\n',
				'notes.txt': `${fixtureToken('v2', 'padded', 31)}\n`,
				'app/config.js': `module.exports = '${fixtureToken('v2', 'padded', 32)}';\n`,
				'app/secrets/key.txt': `${fixtureToken('v2', 'padded', 33)}\n`,
				'.git/leak.txt': `${fixtureToken('v2', 'padded', 34)}\n`,
			});
			const fromTop = parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: repo }));
			assert.deepEqual(locations(fromTop), ['app/config.js:1:19']);
			const subfolder = parseJsonReport(runCli(['scan', '--format', 'json', 'app'], { cwd: repo }));
			assert.deepEqual(locations(subfolder), ['app/config.js:1:19'], "the repository's .gitignore applies to a scan of app/");
			const named = parseJsonReport(runCli(['scan', '--format', 'json', 'app/secrets'], { cwd: repo }));
			assert.deepEqual(locations(named), ['app/secrets/key.txt:1:1'], 'a gitignored folder named explicitly is scanned');
			const everything = parseJsonReport(runCli(['scan', '--format', 'json', '--no-gitignore'], { cwd: repo }));
			assert.deepEqual(locations(everything), ['notes.txt:1:1', 'app/config.js:1:19', 'app/secrets/key.txt:1:1']);
		} finally {
			removeTree(repo);
		}
	});

	it('scans the current directory when no path is given, and exits 0 when nothing is found', () => {
		const clean = tempDir('clean');
		try {
			const files = { 'README.md': 'no keys here: d2p_your_token_here\n', '.config/settings.json': '{"token": "d2pat_..."}\n' };
			writeTree(clean, files);
			const bytes = Object.values(files).reduce((sum, content) => sum + Buffer.byteLength(content), 0);
			const run = runCli(['scan'], { cwd: clean });
			assert.equal(run.code, 0, run.stderr);
			assert.equal(run.stdout, `No DHIS2 tokens found: 2 files scanned (${bytes} B).\n`);
			assert.equal(run.stderr, '');
		} finally {
			removeTree(clean);
		}
	});
});
