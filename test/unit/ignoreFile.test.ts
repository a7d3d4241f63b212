import assert from 'node:assert/strict';
import { EMPTY_IGNORE_RULES, IGNORE_FILE_NAME, ignoreEntryFor, parseIgnoreFile } from '../../core/scan';
import { fingerprint, generateToken, seededRandom } from '../../core/token';

const random = seededRandom(314);
const TOKEN = generateToken({ random });
const OTHER = generateToken({ version: 'v1', variant: 'plain', random });
const FP = fingerprint(TOKEN);
const FP_OTHER = fingerprint(OTHER);

describe('.dhis2-pat-ignore parsing', () => {
	it('is named .dhis2-pat-ignore', () => {
		assert.equal(IGNORE_FILE_NAME, '.dhis2-pat-ignore');
	});

	it('reads fingerprints with and without the sha256: prefix', () => {
		const rules = parseIgnoreFile(`${FP}\nsha256:${FP_OTHER}\n`);
		assert.deepEqual([...rules.fingerprints].sort(), [FP, FP_OTHER].sort());
		assert.equal(rules.paths.ignores(FP), false, 'a fingerprint is not also a glob');
	});

	it('lower-cases upper-case hex so it matches finding.fingerprint', () => {
		const rules = parseIgnoreFile(`SHA256:${FP.toUpperCase()}\r\n`);
		assert.ok(rules.fingerprints.has(FP));
		assert.equal(rules.fingerprints.size, 1);
	});

	it('takes other lines as gitignore-style globs', () => {
		const rules = parseIgnoreFile('test/fixtures/**\n*.snap\n!keep.snap\ndocs/example.http\n');
		assert.equal(rules.fingerprints.size, 0);
		assert.equal(rules.paths.ignores('test/fixtures/a/b.json'), true);
		assert.equal(rules.paths.ignores('src/x.snap'), true);
		assert.equal(rules.paths.ignores('keep.snap'), false, 'negation');
		assert.equal(rules.paths.ignores('docs/example.http'), true);
		assert.equal(rules.paths.ignores('docs/other.http'), false);
		assert.equal(rules.paths.ignores('src/app.ts'), false);
	});

	it('a hex string of the wrong length is a glob, not a fingerprint', () => {
		const rules = parseIgnoreFile(`${FP.slice(1)}\n`);
		assert.equal(rules.fingerprints.size, 0);
		assert.equal(rules.paths.ignores(FP.slice(1)), true);
	});

	it('skips comments, blank lines and surrounding whitespace', () => {
		const rules = parseIgnoreFile(`# fixtures for the parser\n\n   \n  ${FP}  \n\t# *.ts\n`);
		assert.deepEqual([...rules.fingerprints], [FP]);
		assert.equal(rules.paths.ignores('a.ts'), false, 'a commented-out glob is not used');
		assert.deepEqual(rules.rawTokenLines, []);
	});

	it('refuses raw tokens and lookalikes, reporting their 1-based lines', () => {
		const lookalike = `${TOKEN.slice(0, -1)}${TOKEN.endsWith('a') ? 'b' : 'a'}`;
		const content = [`sha256:${FP}`, TOKEN, `secrets/${OTHER}.txt`, lookalike, '*.log'].join('\n');
		const rules = parseIgnoreFile(content);
		assert.deepEqual(rules.rawTokenLines, [2, 3, 4]);
		assert.deepEqual([...rules.fingerprints], [FP]);
		assert.equal(rules.paths.ignores(TOKEN), false, 'the raw token was not used as a glob');
		assert.equal(rules.paths.ignores(`secrets/${OTHER}.txt`), false);
		assert.equal(rules.paths.ignores('x.log'), true);
	});

	it('refuses a raw token in a comment too: the file is committed', () => {
		const rules = parseIgnoreFile(`# was ${TOKEN}\nsha256:${FP}\n`);
		assert.deepEqual(rules.rawTokenLines, [1]);
	});

	it('counts lines across CRLF and lone CR line breaks', () => {
		assert.deepEqual(parseIgnoreFile(`a\r\nb\r\n${TOKEN}\r\n`).rawTokenLines, [3]);
		assert.deepEqual(parseIgnoreFile(`a\rb\r${TOKEN}`).rawTokenLines, [3]);
	});

	it('ignores a UTF-8 byte-order mark on the first line', () => {
		const rules = parseIgnoreFile(`\uFEFF${FP}\n`);
		assert.ok(rules.fingerprints.has(FP));
	});

	it('writes entries it can read back', () => {
		const entry = ignoreEntryFor(FP, 'test fixture, revoked');
		assert.ok(!entry.includes(TOKEN));
		const rules = parseIgnoreFile(entry);
		assert.deepEqual([...rules.fingerprints], [FP]);
		assert.deepEqual(rules.rawTokenLines, []);
	});

	it('EMPTY_IGNORE_RULES ignores nothing', () => {
		assert.equal(EMPTY_IGNORE_RULES.fingerprints.size, 0);
		assert.equal(EMPTY_IGNORE_RULES.paths.ignores('anything.ts'), false);
	});
});
