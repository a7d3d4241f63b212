import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, type WalkItem, scanBytes, scanFile, scanListedFile, walk } from '../../core/scan';
import { fingerprint } from '../../core/token';
import { mkfifoSync } from './fifo';
import { fixtureToken, removeTree, tempDir, writeTree } from './support';

function files(items: Iterable<WalkItem>): string[] {
	return [...items].map((item) => (item.kind === 'file' ? item.relativePath : `problem:${item.message}`));
}

describe('core/scan walk()', () => {
	let root: string;
	beforeEach(() => {
		root = tempDir('walk');
	});
	afterEach(() => removeTree(root));

	it("yields files in a stable order, a folder's files before its subfolders, with posix relative paths", () => {
		writeTree(root, { 'b.txt': '', 'a.txt': '', 'z/1.txt': '', 'c/2.txt': '', '.hidden/3.txt': '', '.env': '' });
		assert.deepEqual(files(walk(root)), ['.env', 'a.txt', 'b.txt', '.hidden/3.txt', 'c/2.txt', 'z/1.txt']);
		const first = walk(root).next().value as WalkItem;
		assert.deepEqual(first, { kind: 'file', path: join(root, '.env'), relativePath: '.env' });
	});

	it('never enters .git/, and yields .env* files even when gitignored', () => {
		writeTree(root, {
			'.git/config': '',
			'.gitignore': '.env*\nsecret/\n*.txt\n',
			'.env': '',
			'.env.production': '',
			'notes.txt': '',
			'secret/.env': '',
		});
		assert.deepEqual(files(walk(root)), ['.env', '.env.production', '.gitignore']);
		assert.deepEqual(files(walk(root, { gitignore: false })), ['.env', '.env.production', '.gitignore', 'notes.txt', 'secret/.env']);
	});

	it('matches .gitignore rules case-sensitively on Linux, as git does there', function () {
		if (process.platform === 'darwin' || process.platform === 'win32') this.skip();
		writeTree(root, { '.gitignore': 'Build/\n*.LOG\n', 'build/a.txt': '', 'Build/b.txt': '', 'x.log': '', 'y.LOG': '' });
		assert.deepEqual(files(walk(root)), ['.gitignore', 'x.log', 'build/a.txt']);
	});

	it('exclude() prunes folders and files, and sees posix relative paths', () => {
		writeTree(root, { 'keep/a.txt': '', 'skip/b.txt': '', 'keep/c.log': '' });
		const asked: string[] = [];
		const result = files(
			walk(root, {
				exclude: (path, isDirectory) => {
					asked.push(`${path}${isDirectory ? '/' : ''}`);
					return path === 'skip' || path.endsWith('.log');
				},
			}),
		);
		assert.deepEqual(result, ['keep/a.txt']);
		assert.ok(!asked.includes('skip/b.txt'), 'an excluded folder is never listed');
	});

	it('reports a broken symlink as a problem, yields a symlinked file, and does not follow symlinked folders', () => {
		writeTree(root, { 'real/a.txt': '' });
		symlinkSync(join(root, 'missing'), join(root, 'broken'));
		symlinkSync(join(root, 'real', 'a.txt'), join(root, 'link.txt'));
		symlinkSync(root, join(root, 'real', 'loop'));
		assert.deepEqual(files(walk(root)), ['problem:broken symbolic link', 'link.txt', 'real/a.txt']);
	});

	it('skips FIFOs instead of blocking on them', function () {
		writeTree(root, { 'a.txt': '' });
		if (!mkfifoSync(join(root, 'pipe'))) this.skip();
		assert.deepEqual(files(walk(root)), ['a.txt']);
		const result = scanFile(join(root, 'pipe'));
		assert.equal(result.status, 'skipped');
	});

	it('stops promptly when the signal is aborted', () => {
		const tree: Record<string, string> = {};
		for (let i = 0; i < 50; i++) tree[`d${i}/f.txt`] = '';
		writeTree(root, tree);
		const controller = new AbortController();
		let count = 0;
		for (const item of walk(root, { signal: controller.signal })) {
			assert.equal(item.kind, 'file');
			count += 1;
			if (count === 3) controller.abort();
		}
		assert.equal(count, 3);
	});

	it('a missing root is one problem; a file root yields that file', () => {
		assert.deepEqual(files(walk(join(root, 'nope'))), ['problem:no such file or directory']);
		writeTree(root, { 'one.txt': '' });
		assert.deepEqual(files(walk(join(root, 'one.txt'))), ['one.txt']);
	});
});

describe('core/scan scanBytes() and scanFile()', () => {
	const token = fixtureToken('v2', 'padded', 61);

	it('finds tokens, and returns the text only when it found something', () => {
		const found = scanBytes(Buffer.from(`key: ${token}\n`));
		assert.equal(found.status, 'scanned');
		assert.equal(found.status === 'scanned' && found.findings[0]?.start, 5);
		assert.equal(found.status === 'scanned' && found.text, `key: ${token}\n`);
		const clean = scanBytes(Buffer.from('d2p_not_a_token and plain text'));
		assert.deepEqual(clean, { status: 'scanned', findings: [], bytes: 30, validUtf8: true });
	});

	it('skips binary and oversized input with a reason', () => {
		assert.deepEqual(scanBytes(Buffer.from([0x47, 0x49, 0x46, 0, 1])), { status: 'skipped', reason: 'binary', message: 'binary file' });
		const tooLarge = scanBytes(Buffer.from(token), { maxFileBytes: 10 });
		assert.equal(tooLarge.status === 'skipped' && tooLarge.reason, 'too-large');
		assert.equal(DEFAULT_MAX_FILE_BYTES, 10 * 1024 * 1024);
	});

	it('filters ignored fingerprints and honours the inline-ignore option', () => {
		const text = Buffer.from(`${token} # dhis2-pat:allow\n`);
		const honoured = scanBytes(text);
		assert.equal(honoured.status === 'scanned' && honoured.findings.length, 0);
		const refused = scanBytes(text, { honourInlineIgnores: false });
		assert.equal(refused.status === 'scanned' && refused.findings.length, 1);
		const silenced = scanBytes(text, { honourInlineIgnores: false, ignoredFingerprints: new Set([fingerprint(token)]) });
		assert.equal(silenced.status === 'scanned' && silenced.findings.length, 0);
	});

	it('reports invalid UTF-8, scanning it anyway', () => {
		const bytes = Buffer.concat([Buffer.from([0xff, 0x20]), Buffer.from(token)]);
		const result = scanBytes(bytes);
		assert.equal(result.status === 'scanned' && result.validUtf8, false);
		assert.equal(result.status === 'scanned' && result.findings.length, 1);
		const noPrefix = scanBytes(Buffer.from([0xff, 0x20, 0x41]));
		assert.equal(noPrefix.status === 'scanned' && noPrefix.validUtf8, false);
	});

	it('scanFile never throws: missing files and folders are skipped as unreadable', () => {
		const dir = tempDir('scanfile');
		try {
			assert.deepEqual(scanFile(join(dir, 'missing')), { status: 'skipped', reason: 'unreadable', message: 'no such file or directory' });
			assert.deepEqual(scanFile(dir), { status: 'skipped', reason: 'unreadable', message: 'is a directory' });
			writeTree(dir, { 'big.txt': 'x'.repeat(2048), 'small.txt': `${token}\n`, 'large.txt': `${'y'.repeat(300 * 1024)}\n${token}` });
			const big = scanFile(join(dir, 'big.txt'), { maxFileBytes: 1024 });
			assert.equal(big.status === 'skipped' && big.reason, 'too-large');
			const small = scanFile(join(dir, 'small.txt'));
			assert.equal(small.status === 'scanned' && small.findings[0]?.token, token);
			// Larger than the reused read buffer: read into a buffer of its own.
			const large = scanFile(join(dir, 'large.txt'));
			assert.equal(large.status === 'scanned' && large.findings[0]?.start, 300 * 1024 + 1);
			assert.equal(large.status === 'scanned' && large.bytes, 300 * 1024 + 1 + token.length);
		} finally {
			removeTree(dir);
		}
	});

	it('scanListedFile (read first, stat only for large files) agrees with scanFile', function () {
		const dir = tempDir('listed');
		try {
			const files = {
				'empty.txt': '',
				'small.txt': `x ${token}\n`,
				'exact.txt': `${'z'.repeat(256 * 1024 - token.length - 1)}\n${token}`,
				'large.txt': `${'y'.repeat(700 * 1024)}\n${token}\n`,
				'binary.bin': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(token)]),
			};
			writeTree(dir, files);
			for (const name of Object.keys(files)) {
				for (const maxFileBytes of [DEFAULT_MAX_FILE_BYTES, 300 * 1024, 10]) {
					assert.deepEqual(scanListedFile(join(dir, name), { maxFileBytes }), scanFile(join(dir, name), { maxFileBytes }), `${name} at ${maxFileBytes}`);
				}
			}
			assert.deepEqual(scanListedFile(join(dir, 'missing')), scanFile(join(dir, 'missing')));
			if (mkfifoSync(join(dir, 'pipe'))) {
				const fifo = scanListedFile(join(dir, 'pipe'));
				assert.ok(fifo.status === 'skipped' || fifo.bytes === 0, 'a FIFO never blocks the scan');
			} else {
				this.test!.title += ' (FIFO case skipped: no mkfifo)';
			}
		} finally {
			removeTree(dir);
		}
	});
});
