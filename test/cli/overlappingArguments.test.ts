import * as assert from 'node:assert/strict';
import { fixtureToken, locations, parseJsonReport, removeTree, runCli, tempDir, writeTree } from './support';

describe('cli: overlapping arguments', () => {
	const token = fixtureToken('v1', 'padded', 91);
	let dir: string;
	beforeEach(() => {
		dir = tempDir('overlap');
		writeTree(dir, { 'src/app.py': `key = "${token}"\n`, 'notes.txt': 'nothing\n' });
	});
	afterEach(() => removeTree(dir));

	it('scans a file reached through several arguments once, under the first argument that reached it', () => {
		const report = parseJsonReport(runCli(['scan', '--format', 'json', '.', 'src', 'src/app.py', './src/'], { cwd: dir }));
		assert.deepEqual(locations(report), ['src/app.py:1:8']);
		assert.equal(report.scanned.files, 2);
	});

	it('a single folder argument reports every file once', () => {
		const report = parseJsonReport(runCli(['scan', '--format', 'json', 'src'], { cwd: dir }));
		assert.deepEqual(locations(report), ['src/app.py:1:8']);
		assert.equal(report.scanned.files, 1);
	});
});
