import * as assert from 'node:assert/strict';
import { fingerprint } from '../../core/token';
import { fixtureToken, locations, materialise, parseJsonReport, removeTree, runCli, writeTree } from './support';

describe('cli: .dhis2-pat-ignore', () => {
	let tree: string;
	before(() => {
		tree = materialise('ignorefile');
	});
	after(() => removeTree(tree));

	const sample = fixtureToken('v2', 'padded', 21);
	const refused = fixtureToken('v2', 'padded', 22);

	it('fingerprints silence a token anywhere; globs silence paths relative to the ignore file', () => {
		const run = runCli(['scan', '--format', 'json'], { cwd: tree });
		assert.equal(run.code, 1);
		const report = parseJsonReport(run);
		assert.deepEqual(locations(report), [
			'.dhis2-pat-ignore:7:1', // the refused raw token is itself a leak
			'app.js:2:15',
			'app.js:3:18',
			'local.txt:1:7',
			'sub/local.txt:1:7', // sub/.dhis2-pat-ignore is not read when sub/ is not an argument
		]);
		assert.equal(report.findings.some((finding) => finding.fingerprint === fingerprint(sample)), false);
	});

	it('a raw token in the ignore file is refused with a masked warning naming the line and the fingerprint to use', () => {
		const run = runCli(['scan', '--format', 'json'], { cwd: tree });
		const masked = `d2p_${refused.slice(4, 8)}…${refused.slice(-4)}`;
		assert.equal(
			run.stderr,
			`dhis2-pat: warning .dhis2-pat-ignore:7: holds a raw token ${masked}; the line is not used. ` +
				`List its fingerprint instead: sha256:${fingerprint(refused)}\n`,
		);
		assert.equal(run.stderr.includes(refused), false);
		const app = parseJsonReport(run).findings.filter((finding) => finding.path === 'app.js');
		assert.ok(app.some((finding) => finding.fingerprint === fingerprint(refused)), 'the refused line silences nothing');
	});

	it("a directory argument's own ignore file applies, relative to that directory", () => {
		const report = parseJsonReport(runCli(['scan', '--format', 'json', '.', 'sub'], { cwd: tree }));
		assert.ok(!locations(report).includes('sub/local.txt:1:7'), 'sub/.dhis2-pat-ignore silences sub/local.txt');
		assert.ok(locations(report).includes('local.txt:1:7'), 'but not ./local.txt');
	});

	it('--ignore-file replaces the discovered ignore files', () => {
		const report = parseJsonReport(runCli(['scan', '--format', 'json', '--ignore-file', 'sub/.dhis2-pat-ignore'], { cwd: tree }));
		const paths = new Set(report.findings.map((finding) => finding.path));
		assert.ok(paths.has('vendor/lib.js'), "the root file's globs no longer apply");
		assert.ok(paths.has('notes.txt'), "nor its fingerprints");
		assert.ok(!paths.has('sub/local.txt'), "the named file's globs do, relative to its folder");
	});

	it('globs apply to files named explicitly and to --stdin-filename', () => {
		const named = runCli(['scan', 'vendor/lib.js', 'api.generated.js'], { cwd: tree });
		assert.equal(named.code, 0, named.stdout);
		const stdin = runCli(['scan', '--stdin-filename', 'vendor/other.js', '-'], { cwd: tree, input: fixtureToken('v2', 'padded', 28) });
		assert.equal(stdin.code, 0, stdin.stdout);
		const elsewhere = runCli(['scan', '--stdin-filename', 'src/other.js', '-'], { cwd: tree, input: fixtureToken('v2', 'padded', 28) });
		assert.equal(elsewhere.code, 1);
	});

	it('fingerprints also silence standard input, and ignore files are read from the current directory', () => {
		const run = runCli(['scan', '-'], { cwd: tree, input: `again ${sample}\n` });
		assert.equal(run.code, 0, run.stdout);
		writeTree(tree, { 'sub/deeper/x.txt': `${sample}\n` });
		const fromSub = runCli(['scan', '--format', 'json', 'deeper'], { cwd: `${tree}/sub` });
		assert.equal(fromSub.code, 1, "the parent's ignore file is not read from sub/");
	});
});
