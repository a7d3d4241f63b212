import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { NOBODY, fixtureToken, locations, parseJsonReport, removeTree, runCli, tempDir, writeTree } from './support';

describe('cli: inputs, bad inputs and exit codes', () => {
	let dir: string;
	beforeEach(() => {
		dir = tempDir('inputs');
	});
	afterEach(() => {
		try {
			chmodSync(join(dir, 'locked'), 0o755);
		} catch {
			// only the permission test creates it
		}
		removeTree(dir);
	});

	const token = fixtureToken('v2', 'padded', 41);
	const legacy = fixtureToken('v1', 'plain', 42);

	describe('standard input', () => {
		it("'-' reads stdin and reports <stdin>, or the --stdin-filename name", () => {
			const run = runCli(['scan', '--format', 'json', '-'], { cwd: dir, input: `line one\nkey=${token}\n` });
			assert.equal(run.code, 1, run.stderr);
			assert.deepEqual(locations(parseJsonReport(run)), ['<stdin>:2:5']);
			const named = runCli(['scan', '--format', 'json', '--stdin-filename', 'src/app.py', '-'], { cwd: dir, input: `${legacy}\n` });
			assert.deepEqual(locations(parseJsonReport(named)), ['src/app.py:1:1']);
		});

		it('stdin mixes with paths, and clean stdin exits 0', () => {
			writeTree(dir, { 'a.txt': `${token}\n` });
			const mixed = parseJsonReport(runCli(['scan', '--format', 'json', 'a.txt', '-'], { cwd: dir, input: `x ${legacy}` }));
			assert.deepEqual(locations(mixed), ['a.txt:1:1', '<stdin>:1:3']);
			assert.equal(runCli(['scan', '-'], { cwd: dir, input: 'nothing to see\n' }).code, 0);
		});
	});

	describe('usage errors exit 2', () => {
		const cases: [string, string[], RegExp][] = [
			['an unknown option', ['scan', '--frobnicate'], /unknown option/],
			['an unknown format', ['scan', '--format', 'xml'], /Allowed choices are text, json, sarif, github/],
			['a bad --max-file-size', ['scan', '--max-file-size', 'lots'], /positive number of kilobytes/],
			["'-' twice", ['scan', '-', '-'], /only once/],
			['--stdin-filename without -', ['scan', '--stdin-filename', 'x.js', '.'], /needs '-'/],
			['a missing --ignore-file', ['scan', '--ignore-file', 'nope.txt'], /cannot read ignore file nope\.txt/],
			['no command', [], /Usage: dhis2-pat/],
		];
		for (const [name, args, message] of cases) {
			it(name, () => {
				const run = runCli(args, { cwd: dir });
				assert.equal(run.code, 2, run.stderr);
				assert.match(run.stderr, message);
				assert.equal(run.stdout, '');
			});
		}

		it('--help lists every option and exits 0', () => {
			const run = runCli(['scan', '--help'], { cwd: dir });
			assert.equal(run.code, 0);
			for (const flag of ['--format', '--show-secrets', '--include-lookalikes', '--no-inline-ignores', '--no-gitignore', '--staged',
				'--stdin-filename', '--ignore-file', '--max-file-size', '--no-color', 'Exit codes']) {
				assert.ok(run.stdout.includes(flag), `--help mentions ${flag}`);
			}
		});
	});

	describe('bad input is reported on stderr, never a crash', () => {
		it('a missing path is skipped with a reason; the others are still scanned', () => {
			writeTree(dir, { 'ok.txt': `${token}\n` });
			const run = runCli(['scan', 'missing.txt', 'ok.txt'], { cwd: dir });
			assert.equal(run.code, 1);
			assert.equal(run.stderr, 'dhis2-pat: skipped missing.txt: no such file or directory\n');
			assert.match(run.stdout, /^ok\.txt:1:1 {2}token/m);
		});

		it('exit 2 when nothing at all could be scanned', () => {
			const run = runCli(['scan', 'missing.txt', 'gone/'], { cwd: dir });
			assert.equal(run.code, 2);
			assert.match(run.stderr, /skipped missing\.txt: no such file or directory/);
			assert.match(run.stderr, /skipped gone\/: no such file or directory/);
			assert.match(run.stderr, /nothing could be scanned/);
			assert.equal(run.stdout, '', 'text output puts its summary on stderr when nothing was scanned');
			const json = runCli(['scan', '--format', 'json', 'missing.txt'], { cwd: dir });
			assert.equal(json.code, 2);
			assert.deepEqual(JSON.parse(json.stdout), { findings: [], scanned: { files: 0, bytes: 0 } });
		});

		it('an empty directory is not an error', () => {
			mkdirSync(join(dir, 'empty'));
			const run = runCli(['scan', 'empty'], { cwd: dir });
			assert.equal(run.code, 0, run.stderr);
			assert.match(run.stdout, /0 files scanned/);
		});

		it('a broken symlink is skipped with a reason, in a walk and when named', () => {
			writeTree(dir, { 'tree/ok.txt': 'fine\n' });
			symlinkSync(join(dir, 'nowhere'), join(dir, 'tree', 'dangling'));
			const walked = runCli(['scan', 'tree'], { cwd: dir });
			assert.equal(walked.code, 0);
			assert.equal(walked.stderr, 'dhis2-pat: skipped tree/dangling: broken symbolic link\n');
			const named = runCli(['scan', 'tree/dangling'], { cwd: dir });
			assert.equal(named.code, 2);
			assert.match(named.stderr, /^dhis2-pat: skipped tree\/dangling: broken symbolic link$/m);
		});

		it('a symlink to a file is scanned; a symlinked folder is not followed (no loops)', () => {
			writeTree(dir, { 'real/key.txt': `${token}\n` });
			symlinkSync(join(dir, 'real', 'key.txt'), join(dir, 'link.txt'));
			symlinkSync(dir, join(dir, 'real', 'loop'));
			const run = parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: dir }));
			assert.deepEqual(locations(run), ['link.txt:1:1', 'real/key.txt:1:1']);
		});

		it('a directory or file without read permission is skipped with a reason', function () {
			writeTree(dir, { 'locked/key.txt': `${token}\n`, 'open.txt': 'fine\n', 'secret.txt': `${token}\n` });
			chmodSync(join(dir, 'locked'), 0o000);
			chmodSync(join(dir, 'secret.txt'), 0o000);
			let permissionsApply = false;
			try {
				readdirSync(join(dir, 'locked'));
			} catch {
				permissionsApply = true;
			}
			let user: typeof NOBODY | undefined;
			if (!permissionsApply) {
				// Root reads through mode 000, so the failure can only be seen as another user.
				chmodSync(dir, 0o755);
				if (process.getuid?.() !== 0 || runCli(['--version'], { cwd: dir, user: NOBODY }).code !== 0) {
					this.test!.title += ' (skipped: mode 000 does not stop this user, and no unprivileged user is available)';
					this.skip();
				}
				user = NOBODY;
			}
			const run = runCli(['scan'], { cwd: dir, ...(user ? { user } : {}) });
			assert.equal(run.code, 0, run.stdout);
			assert.equal(run.stderr, 'dhis2-pat: skipped secret.txt: permission denied\ndhis2-pat: skipped locked: permission denied\n');
			assert.match(run.stdout, /1 file scanned/);
			const named = runCli(['scan', 'secret.txt'], { cwd: dir, ...(user ? { user } : {}) });
			assert.equal(named.code, 2);
			assert.match(named.stderr, /^dhis2-pat: skipped secret\.txt: permission denied$/m);
		});

		it('binary files: skipped with a reason when named, counted (listed with --verbose) when walked', () => {
			const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.from(token)]);
			writeTree(dir, { 'img/logo.png': png, 'img/readme.txt': 'fine\n' });
			const named = runCli(['scan', 'img/logo.png'], { cwd: dir });
			assert.equal(named.code, 2);
			assert.match(named.stderr, /^dhis2-pat: skipped img\/logo\.png: binary file$/m);
			const walked = runCli(['scan', 'img'], { cwd: dir });
			assert.equal(walked.code, 0);
			assert.equal(walked.stderr, 'dhis2-pat: skipped 1 binary file (--verbose lists them)\n');
			const verbose = runCli(['scan', '--verbose', 'img'], { cwd: dir });
			assert.equal(verbose.stderr, 'dhis2-pat: skipped img/logo.png: binary file\n');
		});

		it('oversized files are skipped with a reason; --max-file-size sets the limit in KB', () => {
			writeTree(dir, { 'big.txt': `${'x'.repeat(3000)}\n${token}\n`, 'small.txt': 'fine\n' });
			const limited = runCli(['scan', '--max-file-size', '2'], { cwd: dir });
			assert.equal(limited.code, 0);
			assert.equal(limited.stderr, 'dhis2-pat: skipped big.txt: larger than the size limit (3 KB > 2 KB)\n');
			const allowed = runCli(['scan', '--max-file-size', '4'], { cwd: dir });
			assert.equal(allowed.code, 1);
			assert.equal(allowed.stderr, '');
		});

		it('invalid UTF-8 holding a token is still scanned, with a note', () => {
			const bytes = Buffer.concat([Buffer.from('caf\xe9 \xff\xfe\n', 'latin1'), Buffer.from(`token: ${token}\n`)]);
			writeTree(dir, { 'latin1.txt': bytes });
			const run = runCli(['scan', '--format', 'json'], { cwd: dir });
			assert.equal(run.code, 1);
			assert.deepEqual(locations(parseJsonReport(run)), ['latin1.txt:2:8']);
			assert.equal(run.stderr, 'dhis2-pat: note latin1.txt: not valid UTF-8; scanned with replacement characters (tokens are ASCII)\n');
		});
	});

	describe('where tokens hide', () => {
		it('a token in the middle of a 100 KB minified line', () => {
			const half = 'var a=1;'.repeat(6400);
			writeTree(dir, { 'bundle.min.js': `${half}fetch(u,{headers:{Authorization:"ApiToken ${token}"}});${half}` });
			const report = parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: dir }));
			assert.deepEqual(locations(report), [`bundle.min.js:1:${half.length + 'fetch(u,{headers:{Authorization:"ApiToken '.length + 1}`]);
		});

		it('columns count UTF-16 code units: an emoji before a token counts two', () => {
			writeTree(dir, { 'emoji.txt': `🔑 ${token}\n`, 'accent.txt': `é ${token}\n` });
			const report = parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: dir }));
			assert.deepEqual(locations(report), ['accent.txt:1:3', 'emoji.txt:1:4']);
		});

		it('CRLF line endings do not shift lines or columns', () => {
			writeTree(dir, { 'win.ini': `[dhis2]\r\nurl=https://x\r\ntoken=${token}\r\n` });
			assert.deepEqual(locations(parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: dir }))), ['win.ini:3:7']);
		});

		it('UTF-16 files with a byte-order mark (PowerShell redirections) are scanned', () => {
			const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`$env:DHIS2_TOKEN = "${token}"\r\n`, 'utf16le')]);
			writeTree(dir, { 'profile.ps1': utf16 });
			assert.deepEqual(locations(parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: dir }))), ['profile.ps1:1:21']);
		});
	});
});
