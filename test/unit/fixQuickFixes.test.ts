/** Which quick fixes a finding gets, by file kind, finding kind and workspace. */
import assert from 'node:assert/strict';
import { type EnvironmentSnapshot, MISSING_FILE, type QuickFixRequest, planMoveAll, planQuickFixes } from '../../core/fix';
import { lexLine } from '../../core/fix/lineLexer';
import { PYTHON_LEXER, RUST_LEXER, SHELL_LEXER, CSHARP_LEXER, YAML_LEXER, POWERSHELL_LEXER } from '../../core/fix/lexers';
import { scanText } from '../../core/scan';
import { generateToken, seededRandom } from '../../core/token';

const random = seededRandom(2718);
const TOKEN = generateToken({ random });
const OTHER = generateToken({ random });
const LOOKALIKE = TOKEN.slice(0, -1) + (TOKEN.endsWith('A') ? 'B' : 'A');

const ENVIRONMENT: EnvironmentSnapshot = { dotenv: MISSING_FILE, gitignore: MISSING_FILE, envExample: MISSING_FILE, gitIgnoresDotenv: false };

type Request = QuickFixRequest & { readonly findings: ReturnType<typeof scanText> };

function request(languageId: string, fileName: string, text: string, options: { workspace?: boolean; index?: number } = {}): Request {
	const findings = scanText(text, { includeLookalikes: true });
	const finding = findings[options.index ?? 0];
	assert.ok(finding);
	return {
		document: { text, languageId, fileName },
		finding,
		findings,
		...(options.workspace === false ? {} : { workspace: { environment: ENVIRONMENT, ignoreFile: MISSING_FILE, relativePath: fileName } }),
	};
}

describe('fix: which quick fixes are offered', () => {
	it('a token in code: move (preferred), ignore here, ignore everywhere', () => {
		const fixes = planQuickFixes(request('javascript', 'a.js', `const dhis2Token = "${TOKEN}";\n`));
		assert.equal(fixes.move?.title, 'Move DHIS2 token to environment variable DHIS2_TOKEN (.env)');
		assert.equal(fixes.ignoreOccurrence?.title, 'Ignore this DHIS2 token (dhis2-pat:allow)');
		assert.equal(fixes.ignoreEverywhere?.title, 'Ignore this DHIS2 token everywhere (add its fingerprint to .dhis2-pat-ignore)');
		assert.equal(planMoveAll(request('javascript', 'a.js', `const dhis2Token = "${TOKEN}";\n`)), undefined, 'one token: no separate fix-all');
		assert.equal(fixes.showRemediation, false);
	});

	it('the move is one plan: document, .env and .gitignore together', () => {
		const fixes = planQuickFixes(request('python', 'a.py', `T = "${TOKEN}"\n`));
		assert.ok(fixes.move);
		assert.equal(fixes.move.documentEdits.length, 2, 'the literal and the import');
		assert.deepEqual(
			fixes.move.fileChanges.map((change) => [change.file, change.create]),
			[
				['.env', true],
				['.gitignore', true],
			],
		);
	});

	it('fix all: every token of the file in one plan, with de-duplicated names', () => {
		const text = `a = "${TOKEN}"\nb = "${OTHER}"\nc = "ApiToken ${TOKEN}"\n# ${OTHER}\n`;
		const fixes = planQuickFixes(request('python', 'a.py', text, { index: 1 }));
		const moveAll = planMoveAll(request('python', 'a.py', text));
		assert.ok(moveAll);
		assert.equal(moveAll.title, 'Move all 3 DHIS2 tokens in this file to environment variables (.env)');
		assert.deepEqual(
			moveAll.moved.map((entry) => entry.name),
			['DHIS2_TOKEN', 'DHIS2_TOKEN_2', 'DHIS2_TOKEN'],
		);
		assert.equal(fixes.move?.title, 'Move DHIS2 token to environment variable DHIS2_TOKEN (.env)', 'alone, the second token takes the plain name');
	});

	it('.env-style files: ignore and the remediation link only', () => {
		for (const [languageId, fileName] of [
			['dotenv', '.env'],
			['plaintext', '.env.local'],
			['properties', 'application.properties'],
			['ini', 'settings.ini'],
		] as const) {
			const fixes = planQuickFixes(request(languageId, fileName, `DHIS2_TOKEN=${TOKEN}\n`));
			assert.equal(fixes.move, undefined, fileName);
			assert.equal(planMoveAll(request(languageId, fileName, `A=${TOKEN}\nB=${OTHER}\n`)), undefined, fileName);
			assert.ok(fixes.ignoreOccurrence, fileName);
			assert.ok(fixes.ignoreEverywhere, fileName);
			assert.equal(fixes.showRemediation, true, fileName);
		}
	});

	it('a lookalike gets the ignore fixes only', () => {
		const fixes = planQuickFixes(request('javascript', 'a.js', `const t = "${LOOKALIKE}";\n`));
		assert.equal(fixes.move, undefined);
		assert.ok(fixes.ignoreOccurrence);
		assert.ok(fixes.ignoreEverywhere);
	});

	it('no workspace folder (untitled): nothing that writes .env or .dhis2-pat-ignore', () => {
		const fixes = planQuickFixes(request('javascript', 'Untitled-1', `const t = "${TOKEN}";\n`, { workspace: false }));
		assert.equal(fixes.move, undefined);
		assert.equal(fixes.ignoreEverywhere, undefined);
		assert.ok(fixes.ignoreOccurrence);
	});

	it('JSON: no comment syntax, so ignore everywhere is the ignore fix', () => {
		const fixes = planQuickFixes(request('json', 'config.json', `{ "token": "${TOKEN}" }\n`));
		assert.equal(fixes.ignoreOccurrence, undefined);
		assert.ok(fixes.ignoreEverywhere);
		assert.equal(fixes.move, undefined);
	});
});

describe('fix: the line lexer', () => {
	const strings = (line: string, lexer: Parameters<typeof lexLine>[1]) => lexLine(line, lexer).strings.map((s) => line.slice(s.start, s.end));

	it('reads Python string prefixes and triple quotes', () => {
		assert.deepEqual(strings(`x = rb'a' + f"b" + """c"d""" # "no"`, PYTHON_LEXER), [`rb'a'`, `f"b"`, `"""c"d"""`]);
	});

	it('tells Rust lifetimes from character literals, and reads raw strings', () => {
		assert.deepEqual(strings(`fn f<'a>(x: &'a str) -> char { let q = '"'; r#"x"y"# }`, RUST_LEXER), [`r#"x"y"#`]);
	});

	it('reads C# verbatim strings with doubled quotes', () => {
		assert.deepEqual(strings(`var s = @"say ""hi""" + $"{x}";`, CSHARP_LEXER), [`@"say ""hi"""`, `$"{x}"`]);
	});

	it('opens a shell comment only at a word start', () => {
		const lexed = lexLine(`echo a#b "c" # d`, SHELL_LEXER);
		assert.deepEqual(lexed.comments, [[13, 16]]);
	});

	it('takes a YAML quote only where a value starts', () => {
		assert.deepEqual(strings(`msg: it's "x"`, YAML_LEXER), []);
		assert.deepEqual(strings(`- 'it''s'`, YAML_LEXER), [`'it''s'`]);
	});

	it('reads PowerShell backtick escapes and notices an open here-string', () => {
		assert.deepEqual(strings('$a = "x`"y"', POWERSHELL_LEXER), ['"x`"y"']);
		assert.equal(lexLine('$b = @"', POWERSHELL_LEXER).endsInside, true);
	});
});
