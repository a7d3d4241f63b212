import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { type Log } from 'sarif';
import { DiagnosticCodes } from '../../core/protocol/lsp';
import { fingerprint } from '../../core/token';
import { FIXTURES, expectGolden, fixtureLookalike, fixtureToken, locations, materialise, parseJsonReport, removeTree, runCli } from './support';

const GOLDEN = join(FIXTURES, 'basic');

describe('cli: output formats on the basic fixture tree', () => {
	let tree: string;
	before(() => {
		tree = materialise('basic');
	});
	after(() => removeTree(tree));

	it('--format json prints one object with every finding, matching the golden file', () => {
		const run = runCli(['scan', '--format', 'json', '--include-lookalikes'], { cwd: tree });
		assert.equal(run.code, 1, run.stderr);
		expectGolden(join(GOLDEN, 'expected.json'), run.stdout);
		const report = parseJsonReport(run);
		assert.deepEqual(locations(report), [
			'.env:2:13',
			'.env.local:1:11',
			'.github/workflows/ci.yml:7:20',
			'docs/emoji.md:3:11',
			'generated/schema.js:1:17',
			'packages/app/keep.tmp:1:7',
			'src/client.js:2:44',
			'src/settings.py:1:53',
		]);
		const lookalike = report.findings.find((finding) => finding.kind === 'lookalike');
		assert.ok(lookalike);
		assert.equal('checksum' in lookalike, false, 'lookalikes carry no checksum variant');
		assert.equal(lookalike.fingerprint, fingerprint(fixtureLookalike('v2', 7)));
	});

	it('json fields: version, checksum variant, masked form and the SHA-256 fingerprint of each token', () => {
		const report = parseJsonReport(runCli(['scan', '--format', 'json'], { cwd: tree }));
		const byPath = new Map(report.findings.map((finding) => [finding.path, finding]));
		const legacy = byPath.get('.github/workflows/ci.yml');
		const token = fixtureToken('v1', 'plain', 3);
		assert.deepEqual(legacy, {
			path: '.github/workflows/ci.yml',
			line: 7,
			column: 20,
			kind: 'token',
			version: 'v1',
			checksum: 'plain',
			masked: `d2pat_${token.slice(6, 10)}…${token.slice(-4)}`,
			fingerprint: fingerprint(token),
		});
		assert.equal(byPath.get('.env')?.checksum, 'padded');
		assert.equal(report.findings.some((finding) => finding.kind === 'lookalike'), false, 'lookalikes need --include-lookalikes');
		assert.equal(report.scanned.files, 11);
	});

	it('--show-secrets adds the raw token; without it no output contains one', () => {
		const token = fixtureToken('v2', 'padded', 4);
		const shown = parseJsonReport(runCli(['scan', '--format', 'json', '--show-secrets', 'src'], { cwd: tree }));
		assert.equal(shown.findings[0]?.secret, token);
		for (const format of ['text', 'json', 'sarif', 'github']) {
			const run = runCli(['scan', '--format', format, '--include-lookalikes'], { cwd: tree });
			assert.equal(run.stdout.includes(token), false, `${format} output leaks a token`);
			assert.equal(/d2p(at)?_[A-Za-z0-9]{30,}/.test(run.stdout + run.stderr), false, `${format} output holds something token-shaped`);
		}
		assert.ok(runCli(['scan', '--show-secrets', 'src'], { cwd: tree }).stdout.includes(token));
	});

	it('--format sarif is SARIF 2.1.0 matching the golden file, with the fingerprint in partialFingerprints', () => {
		const run = runCli(['scan', '--format', 'sarif', '--include-lookalikes'], { cwd: tree });
		assert.equal(run.code, 1, run.stderr);
		const log = JSON.parse(run.stdout) as Log;
		const sarifRun = log.runs[0];
		assert.ok(sarifRun);
		// The tool version follows package.json; the golden file should not churn with every release.
		sarifRun.tool.driver.version = '<version>';
		expectGolden(join(GOLDEN, 'expected.sarif'), `${JSON.stringify(log, null, 2)}\n`);

		assert.equal(log.version, '2.1.0');
		assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
		assert.deepEqual(
			sarifRun.tool.driver.rules?.map((rule) => rule.id),
			[DiagnosticCodes.hardcodedToken, DiagnosticCodes.lookalikeToken],
		);
		const emoji = sarifRun.results?.find((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'docs/emoji.md');
		assert.ok(emoji);
		assert.deepEqual(emoji.locations?.[0]?.physicalLocation?.region, { startLine: 3, startColumn: 11, endLine: 3, endColumn: 65 });
		assert.deepEqual(emoji.partialFingerprints, { 'dhis2-pat/token-sha256/v1': fingerprint(fixtureToken('v2', 'padded', 8)) });
		const lookalike = sarifRun.results?.find((result) => result.ruleId === DiagnosticCodes.lookalikeToken);
		assert.equal(lookalike?.level, 'note');
	});

	it('--format text prints one line per finding and a summary, matching the golden file', () => {
		const run = runCli(['scan', '--include-lookalikes'], { cwd: tree });
		assert.equal(run.code, 1, run.stderr);
		expectGolden(join(GOLDEN, 'expected.txt'), run.stdout);
		assert.match(run.stdout, /^\.github\/workflows\/ci\.yml:7:20 {2}token {2}V1 \(DHIS2 2\.37–2\.40\) {2}d2pat_\w{4}…\d{4}$/m);
		assert.match(run.stdout, /^Found 7 tokens and 1 lookalike in 8 files: 11 files scanned \([\d.]+ KB\)\.$/m);
	});

	it('--format github prints workflow annotations, matching the golden file', () => {
		const run = runCli(['scan', '--format', 'github', '--include-lookalikes'], { cwd: tree });
		assert.equal(run.code, 1, run.stderr);
		expectGolden(join(GOLDEN, 'expected.github.txt'), run.stdout);
		assert.match(run.stdout, /^::error file=docs\/emoji\.md,line=3,col=11,endColumn=65,title=Hardcoded DHIS2 personal access token::d2p_/m);
		assert.match(run.stdout, /^::notice file=src\/settings\.py,line=1,col=53,/m);
	});

	it('colour only on a terminal or with FORCE_COLOR, never with NO_COLOR or --no-color', () => {
		const ansi = new RegExp(String.raw`\u001b\[\d+m`);
		assert.equal(ansi.test(runCli(['scan', 'src'], { cwd: tree }).stdout), false, 'a pipe gets no colour');
		assert.ok(ansi.test(runCli(['scan', 'src'], { cwd: tree, env: { FORCE_COLOR: '1' } }).stdout));
		assert.equal(ansi.test(runCli(['scan', 'src', '--no-color'], { cwd: tree, env: { FORCE_COLOR: '1' } }).stdout), false);
		assert.equal(ansi.test(runCli(['scan', 'src'], { cwd: tree, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout), false);
		assert.equal(ansi.test(runCli(['scan', 'src', '--format', 'json'], { cwd: tree, env: { FORCE_COLOR: '1' } }).stdout), false);
	});

	it('inline ignores hide tokens unless --no-inline-ignores', () => {
		const honoured = parseJsonReport(runCli(['scan', '--format', 'json', 'src'], { cwd: tree }));
		assert.deepEqual(locations(honoured), ['src/client.js:2:44']);
		const refused = parseJsonReport(runCli(['scan', '--format', 'json', '--no-inline-ignores', 'src'], { cwd: tree }));
		assert.deepEqual(locations(refused), ['src/client.js:2:44', 'src/client.js:3:18', 'src/client.js:5:22']);
	});

	it('paths are reported as given: a directory argument prefixes them, an absolute one stays absolute', () => {
		const relative = parseJsonReport(runCli(['scan', '--format', 'json', './src/'], { cwd: tree }));
		assert.deepEqual(locations(relative), ['./src/client.js:2:44']);
		const absolute = parseJsonReport(runCli(['scan', '--format', 'json', join(tree, 'src')], { cwd: tree }));
		assert.deepEqual(locations(absolute), [`${join(tree, 'src')}/client.js:2:44`]);
		const file = parseJsonReport(runCli(['scan', '--format', 'json', '../src/client.js'], { cwd: join(tree, 'docs') }));
		assert.deepEqual(locations(file), ['../src/client.js:2:44']);
	});
});
