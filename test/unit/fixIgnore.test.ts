/** "Ignore this occurrence" per comment syntax, and "ignore everywhere" through `.dhis2-pat-ignore`. */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MISSING_FILE, type OffsetEdit, planIgnoreEverywhere, planIgnoreOccurrence, profileFor } from '../../core/fix';
import { parseIgnoreFile, scanText } from '../../core/scan';
import { fingerprint, generateToken, mask, seededRandom } from '../../core/token';

const TOKEN = generateToken({ random: seededRandom(31337) });

function fill(template: string): string {
	return template.replaceAll('<T>', TOKEN);
}

/** Applies planned edits as an LSP client would (TextDocument.applyEdits rejects overlapping edits). */
function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
	const document = TextDocument.create('file:///x', 'plaintext', 0, text);
	return TextDocument.applyEdits(
		document,
		edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText })),
	);
}

function ignoreOccurrence(languageId: string, fileName: string, source: string): { title: string; text: string } | undefined {
	const text = fill(source);
	const findings = scanText(text);
	const finding = findings[findings.length - 1];
	assert.ok(finding, 'the case must hold a reported token');
	const plan = planIgnoreOccurrence(text, finding, profileFor(languageId, fileName));
	return plan && { title: plan.title, text: applyEdits(text, plan.documentEdits) };
}

type Case = readonly [languageId: string, fileName: string, source: string, expected: string | undefined];

const CASES: readonly Case[] = [
	['javascript', 'a.js', 'const t = "<T>";\n', 'const t = "<T>"; // dhis2-pat:allow\n'],
	['typescript', 'a.ts', 'const t = "<T>";', 'const t = "<T>"; // dhis2-pat:allow'],
	['java', 'A.java', '  String t = "<T>";\n', '  String t = "<T>"; // dhis2-pat:allow\n'],
	['kotlin', 'A.kt', 'val t = "<T>"\n', 'val t = "<T>" // dhis2-pat:allow\n'],
	['csharp', 'A.cs', 'var t = "<T>";\n', 'var t = "<T>"; // dhis2-pat:allow\n'],
	['go', 'main.go', 't := "<T>"\n', 't := "<T>" // dhis2-pat:allow\n'],
	['rust', 'main.rs', 'let t = "<T>";\n', 'let t = "<T>"; // dhis2-pat:allow\n'],
	['php', 'a.php', "$t = '<T>';\n", "$t = '<T>'; // dhis2-pat:allow\n"],
	['c', 'a.c', 'const char *t = "<T>";\n', 'const char *t = "<T>"; // dhis2-pat:allow\n'],
	['jsonc', 'settings.json', '{ "t": "<T>" }\n', '{ "t": "<T>" } // dhis2-pat:allow\n'],
	['python', 'a.py', 'T = "<T>"\n', 'T = "<T>" # dhis2-pat:allow\n'],
	['ruby', 'a.rb', "t = '<T>'\n", "t = '<T>' # dhis2-pat:allow\n"],
	['shellscript', 'a.sh', 'TOKEN=<T>\n', 'TOKEN=<T> # dhis2-pat:allow\n'],
	['powershell', 'a.ps1', '$t = "<T>"\n', '$t = "<T>" # dhis2-pat:allow\n'],
	['yaml', 'ci.yml', 'env:\n  T: <T>\n', 'env:\n  T: <T> # dhis2-pat:allow\n'],
	['dockercompose', 'compose.yaml', '  - T=<T>\n', '  - T=<T> # dhis2-pat:allow\n'],
	['toml', 'a.toml', 't = "<T>"\n', 't = "<T>" # dhis2-pat:allow\n'],
	['sql', 'seed.sql', "INSERT INTO t VALUES ('<T>');\n", "INSERT INTO t VALUES ('<T>'); -- dhis2-pat:allow\n"],
	['lua', 'a.lua', 'local t = "<T>"\n', 'local t = "<T>" -- dhis2-pat:allow\n'],
	['css', 'a.css', '.x { --t: "<T>"; }\n', '.x { --t: "<T>"; } /* dhis2-pat:allow */\n'],
	['markdown', 'README.md', '# Setup\n\n    curl -H "Authorization: ApiToken <T>"\n', '# Setup\n\n    <!-- dhis2-pat:allow-next-line -->\n    curl -H "Authorization: ApiToken <T>"\n'],
	['html', 'index.html', '<meta name="t" content="<T>">\n', '<!-- dhis2-pat:allow-next-line -->\n<meta name="t" content="<T>">\n'],
	['bat', 'run.bat', 'set TOKEN=<T>\r\n', 'REM dhis2-pat:allow-next-line\r\nset TOKEN=<T>\r\n'],
	['dotenv', '.env', 'A=1\nDHIS2_TOKEN=<T>\n', 'A=1\n# dhis2-pat:allow-next-line\nDHIS2_TOKEN=<T>\n'],
	['plaintext', '.env.production', 'DHIS2_TOKEN=<T>\n', '# dhis2-pat:allow-next-line\nDHIS2_TOKEN=<T>\n'],
	['properties', 'app.properties', 'dhis2.token=<T>\n', '# dhis2-pat:allow-next-line\ndhis2.token=<T>\n'],
	['ini', 'app.ini', '[dhis2]\ntoken = <T>\n', '[dhis2]\n; dhis2-pat:allow-next-line\ntoken = <T>\n'],
	['http', 'api.http', 'GET /api/me\nAuthorization: ApiToken <T>\n', 'GET /api/me\n# dhis2-pat:allow-next-line\nAuthorization: ApiToken <T>\n'],
	['dockerfile', 'Dockerfile', 'ENV DHIS2_TOKEN=<T>\n', '# dhis2-pat:allow-next-line\nENV DHIS2_TOKEN=<T>\n'],
	// A trailing comment after a line continuation would break the command: the directive goes above.
	['shellscript', 'a.sh', 'curl -H "Authorization: ApiToken <T>" \\\n  https://x\n', '# dhis2-pat:allow-next-line\ncurl -H "Authorization: ApiToken <T>" \\\n  https://x\n'],
	// Between two continued lines there is no safe place: only the fingerprint entry is left.
	['shellscript', 'a.sh', 'curl \\\n  -H "Authorization: ApiToken <T>" \\\n  https://x\n', undefined],
	['python', 'a.py', 'T = """<T>\n"""\n', '# dhis2-pat:allow-next-line\nT = """<T>\n"""\n'],
	['javascript', 'a.js', '  const q = `<T>\n`;\n', '  // dhis2-pat:allow-next-line\n  const q = `<T>\n`;\n'],
	['typescriptreact', 'App.tsx', '  <Dhis2 token="<T>" />\n', '  <Dhis2 token="<T>" /* dhis2-pat:allow */ />\n'],
	['typescriptreact', 'App.tsx', '  <p>Token: <T></p>\n', '  <p>Token: <T></p> {/* dhis2-pat:allow */}\n'],
	['typescriptreact', 'App.tsx', 'const t = "<T>";\n', 'const t = "<T>"; // dhis2-pat:allow\n'],
	// In a YAML block scalar a comment is text, unless that text is a shell script.
	['yaml', 'ci.yml', 'steps:\n  - run: |\n      curl -H "Authorization: ApiToken <T>" $URL\n', 'steps:\n  - run: |\n      curl -H "Authorization: ApiToken <T>" $URL # dhis2-pat:allow\n'],
	['yaml', 'ci.yml', 'script: |\n  curl -H "A: <T>" \\\n    $URL\n', 'script: |\n  # dhis2-pat:allow-next-line\n  curl -H "A: <T>" \\\n    $URL\n'],
	['yaml', 'app.yml', 'description: >\n  The token <T> is old\n', undefined],
	['json', 'config.json', '{ "token": "<T>" }\n', undefined],
	['plaintext', 'notes.txt', 'token <T>\n', undefined],
];

describe('fix: ignore this occurrence', () => {
	for (const [languageId, fileName, source, expected] of CASES) {
		it(`${languageId} (${fileName}): ${JSON.stringify(source.slice(0, 40))}`, () => {
			const result = ignoreOccurrence(languageId, fileName, source);
			if (expected === undefined) {
				assert.equal(result, undefined);
				return;
			}
			assert.ok(result);
			assert.equal(result.text, fill(expected));
			assert.match(result.title, /^Ignore this DHIS2 token \(dhis2-pat:allow(-next-line)?\)$/);
			// The scanner, not just the text, must agree: the directive really silences the token.
			assert.deepEqual(scanText(result.text), [], 'the token is no longer reported');
			assert.equal(scanText(result.text, { honourInlineIgnores: false }).length, 1, 'and is still there');
		});
	}
});

describe('fix: ignore this token everywhere', () => {
	const finding = { fingerprint: fingerprint(TOKEN), masked: mask(TOKEN), version: 'v2' as const };

	it('creates .dhis2-pat-ignore with the fingerprint and a masked comment, never the token', () => {
		const plan = planIgnoreEverywhere(MISSING_FILE, finding, 'src/app.js');
		assert.ok(plan);
		assert.equal(plan.title, 'Ignore this DHIS2 token everywhere (add its fingerprint to .dhis2-pat-ignore)');
		assert.deepEqual(plan.documentEdits, []);
		const [change, ...rest] = plan.fileChanges;
		assert.equal(rest.length, 0);
		assert.equal(change?.file, '.dhis2-pat-ignore');
		assert.equal(change?.create, true);
		const text = applyEdits('', change?.edits ?? []);
		assert.equal(text, `# ${mask(TOKEN)} (V2) in src/app.js\nsha256:${fingerprint(TOKEN)}\n`);
		assert.ok(!text.includes(TOKEN));
		const rules = parseIgnoreFile(text);
		assert.ok(rules.fingerprints.has(fingerprint(TOKEN)));
		assert.deepEqual(rules.rawTokenLines, []);
	});

	it('appends to an existing file that lacks a final newline, in its line endings', () => {
		const plan = planIgnoreEverywhere({ exists: true, text: '# fixtures\r\ntest/fixtures/**' }, finding, 'a.json');
		assert.ok(plan);
		const change = plan.fileChanges[0];
		assert.equal(change?.create, false);
		assert.equal(applyEdits('# fixtures\r\ntest/fixtures/**', change?.edits ?? []), `# fixtures\r\ntest/fixtures/**\r\n# ${mask(TOKEN)} (V2) in a.json\r\nsha256:${fingerprint(TOKEN)}\r\n`);
	});

	it('is not offered when the fingerprint is already listed', () => {
		assert.equal(planIgnoreEverywhere({ exists: true, text: `sha256:${fingerprint(TOKEN)}\n` }, finding, 'a.js'), undefined);
	});
});
