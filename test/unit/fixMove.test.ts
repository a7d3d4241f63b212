/**
 * Golden cases for "Move to environment variable": per language, the source before and after the fix,
 * for whole-string and partial-string tokens, bare values and imports. `<T>` stands for a generated token.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type EnvironmentSnapshot, MISSING_FILE, type OffsetEdit, planMoveToEnv, profileFor } from '../../core/fix';
import { scanText } from '../../core/scan';
import { generateToken, seededRandom } from '../../core/token';

const TOKEN = generateToken({ random: seededRandom(404) });
const TOKEN_2 = generateToken({ version: 'v1', variant: 'plain', random: seededRandom(405) });

function fill(template: string): string {
	return template.replaceAll('<T2>', TOKEN_2).replaceAll('<T>', TOKEN);
}

/** Applies planned edits as an LSP client would (TextDocument.applyEdits rejects overlapping edits). */
function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
	const document = TextDocument.create('file:///x', 'plaintext', 0, text);
	return TextDocument.applyEdits(
		document,
		edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.newText })),
	);
}

const NO_FILES: EnvironmentSnapshot = { dotenv: MISSING_FILE, gitignore: MISSING_FILE, envExample: MISSING_FILE, gitIgnoresDotenv: true };

/** Moves every token of `source`; `undefined` when no move fix is offered. */
function moveAll(languageId: string, fileName: string, source: string): string | undefined {
	const text = fill(source);
	const findings = scanText(text);
	assert.ok(findings.length > 0, 'the case must hold a token');
	const plan = planMoveToEnv(text, profileFor(languageId, fileName), findings, NO_FILES);
	return plan && applyEdits(text, plan.documentEdits);
}

type Case = readonly [title: string, source: string, expected: string | undefined];

function suite(languageId: string, fileName: string, cases: readonly Case[]): void {
	describe(`move to environment variable: ${languageId} (${fileName})`, () => {
		for (const [title, source, expected] of cases) {
			it(title, () => {
				const result = moveAll(languageId, fileName, source);
				if (expected === undefined) {
					assert.equal(result, undefined, 'no move fix is offered');
					return;
				}
				assert.equal(result, fill(expected));
				assert.deepEqual(scanText(result ?? ''), [], 'no token is left in the document');
			});
		}
	});
}

suite('javascript', 'app.js', [
	['whole double-quoted string: the quotes go', 'const dhis2Token = "<T>";\n', 'const dhis2Token = process.env.DHIS2_TOKEN;\n'],
	['whole single-quoted string', "const api = '<T>';\n", 'const api = process.env.DHIS2_TOKEN;\n'],
	[
		'partial string becomes a template literal',
		"fetch(url, { headers: { Authorization: 'ApiToken <T>' } });\n",
		'fetch(url, { headers: { Authorization: `ApiToken ${process.env.DHIS2_TOKEN}` } });\n',
	],
	['backticks and ${ in the old text are escaped', 'const s = "a `b` ${c} \\" <T>";\n', 'const s = `a \\`b\\` \\${c} \\" ${process.env.DHIS2_TOKEN}`;\n'],
	['an existing template literal gets a placeholder', 'const h = `ApiToken ${x} <T>`;\n', 'const h = `ApiToken ${x} ${process.env.DHIS2_TOKEN}`;\n'],
	['two tokens in one string', "const pair = '<T>:<T2>';\n", 'const pair = `${process.env.DHIS2_TOKEN}:${process.env.DHIS2_TOKEN_2}`;\n'],
	['a token in a comment is not moved', '// old key <T>\n', undefined],
	['a quote inside a regular expression is no string', 'const re = /"/g; const t = "<T>";\n', 'const re = /"/g; const t = process.env.DHIS2_TOKEN;\n'],
]);

suite('typescript', 'client.ts', [
	['type-annotated declaration', "const token: string = '<T>';\n", 'const token: string = process.env.DHIS2_TOKEN;\n'],
	['object key naming a DHIS2 PAT', 'const config = { DHIS2_API_PAT: "<T>" };\n', 'const config = { DHIS2_API_PAT: process.env.DHIS2_API_PAT };\n'],
]);

suite('typescriptreact', 'App.tsx', [
	['JSX attribute: braces around the lookup', 'const app = <Dhis2 token="<T>" />;\n', 'const app = <Dhis2 token={process.env.DHIS2_TOKEN} />;\n'],
	['JSX attribute, partial', '  <Api auth="ApiToken <T>" />\n', '  <Api auth={`ApiToken ${process.env.DHIS2_TOKEN}`} />\n'],
	['plain TS in a .tsx file', 'const dhisToken = "<T>";\n', 'const dhisToken = process.env.DHIS_TOKEN;\n'],
]);

suite('javascriptreact', 'App.jsx', [['JSX attribute', '<Login pat="<T>" />\n', '<Login pat={process.env.DHIS2_PAT} />\n']]);

suite('python', 'settings.py', [
	['whole string, import os added', 'TOKEN = "<T>"\n', 'import os\nTOKEN = os.environ["DHIS2_TOKEN"]\n'],
	[
		'partial double-quoted string becomes an f-string with the other quote inside',
		'import os\nheaders = {"Authorization": "ApiToken <T>"}\n',
		'import os\nheaders = {"Authorization": f"ApiToken {os.environ[\'DHIS2_TOKEN\']}"}\n',
	],
	['partial single-quoted string', "import os\nauth = 'ApiToken <T>'\n", 'import os\nauth = f\'ApiToken {os.environ["DHIS2_TOKEN"]}\'\n'],
	['braces in the old text are doubled', 'import os\ns = "{x} <T>"\n', "import os\ns = f\"{{x}} {os.environ['DHIS2_TOKEN']}\"\n"],
	['an f-string keeps its braces', 'import os\ns = f"{x} <T>"\n', "import os\ns = f\"{x} {os.environ['DHIS2_TOKEN']}\"\n"],
	['a raw string becomes a raw f-string', 'import os\ns = r"\\d <T>"\n', "import os\ns = rf\"\\d {os.environ['DHIS2_TOKEN']}\"\n"],
	['a bytes literal is encoded', 'import os\nkey = b"<T>"\n', 'import os\nkey = os.environ["DHIS2_TOKEN"].encode()\n'],
	['implicit concatenation keeps a string', 'import os\ns = "ApiToken " "<T>"\n', "import os\ns = \"ApiToken \" f\"{os.environ['DHIS2_TOKEN']}\"\n"],
	['keyword argument', 'import os\nclient = Api(token="<T>")\n', 'import os\nclient = Api(token=os.environ["DHIS2_TOKEN"])\n'],
	[
		'import goes after the shebang, docstring and __future__ imports',
		'#!/usr/bin/env python3\n"""Sync metadata.\n\nUses the API.\n"""\nfrom __future__ import annotations\n\nimport sys\n\nTOKEN = "<T>"\n',
		'#!/usr/bin/env python3\n"""Sync metadata.\n\nUses the API.\n"""\nfrom __future__ import annotations\n\nimport os\nimport sys\n\nTOKEN = os.environ["DHIS2_TOKEN"]\n',
	],
	['import os already there among others', 'import sys, os\nTOKEN = "<T>"\n', 'import sys, os\nTOKEN = os.environ["DHIS2_TOKEN"]\n'],
	['an aliased import does not bind os', 'import os as o\nTOKEN = "<T>"\n', 'import os\nimport os as o\nTOKEN = os.environ["DHIS2_TOKEN"]\n'],
	['a token in a comment is not moved', '# token = <T>\n', undefined],
	['the import never comes after the first use', '"""<T>"""\n', 'import os\nos.environ["DHIS2_TOKEN"]\n'],
]);

// A notebook cell is its own document: the import goes at the top of the cell.
suite('python', 'analysis.ipynb', [['notebook cell', 'api = Dhis2(token="<T>")\napi.get("me")', 'import os\napi = Dhis2(token=os.environ["DHIS2_TOKEN"])\napi.get("me")']]);

suite('java', 'Client.java', [
	['whole string', 'String token = "<T>";\n', 'String token = System.getenv("DHIS2_TOKEN");\n'],
	[
		'partial string: concatenation',
		'conn.setRequestProperty("Authorization", "ApiToken <T>");\n',
		'conn.setRequestProperty("Authorization", "ApiToken " + System.getenv("DHIS2_TOKEN"));\n',
	],
	['token in the middle', 'String s = "a <T> b";\n', 'String s = "a " + System.getenv("DHIS2_TOKEN") + " b";\n'],
	['member access on the literal: parenthesised', 'String h = "ApiToken <T>".trim();\n', 'String h = ("ApiToken " + System.getenv("DHIS2_TOKEN")).trim();\n'],
	['an annotation argument must stay a constant: no fix', '@Value("<T>") String token;\n', undefined],
]);

suite('kotlin', 'Client.kt', [
	['whole string', 'val dhis2Token = "<T>"\n', 'val dhis2Token = System.getenv("DHIS2_TOKEN")\n'],
	['partial string: a string template', 'val auth = "ApiToken <T>"\n', 'val auth = "ApiToken ${System.getenv("DHIS2_TOKEN")}"\n'],
	['const val loses const', 'const val TOKEN = "<T>"\n', 'val TOKEN = System.getenv("DHIS2_TOKEN")\n'],
]);

suite('csharp', 'Client.cs', [
	['whole string', 'var token = "<T>";\n', 'var token = Environment.GetEnvironmentVariable("DHIS2_TOKEN");\n'],
	[
		'partial string: concatenation',
		'client.DefaultRequestHeaders.Add("Authorization", "ApiToken <T>");\n',
		'client.DefaultRequestHeaders.Add("Authorization", "ApiToken " + Environment.GetEnvironmentVariable("DHIS2_TOKEN"));\n',
	],
	['verbatim string keeps its @', 'var h = @"ApiToken <T>";\n', 'var h = @"ApiToken " + Environment.GetEnvironmentVariable("DHIS2_TOKEN");\n'],
	['interpolated string keeps its $', 'var h = $"{scheme} <T>";\n', 'var h = $"{scheme} " + Environment.GetEnvironmentVariable("DHIS2_TOKEN");\n'],
	['a const field becomes static readonly', '    private const string Token = "<T>";\n', '    private static readonly string Token = Environment.GetEnvironmentVariable("DHIS2_TOKEN");\n'],
	['a const that may be a local: no fix', '        const string token = "<T>";\n', undefined],
]);

suite('go', 'main.go', [
	[
		'into the import block, sorted among the standard library',
		'package main\n\nimport (\n\t"fmt"\n\t"strings"\n\n\t"github.com/x/y"\n)\n\nfunc main() {\n\ttoken := "<T>"\n}\n',
		'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"strings"\n\n\t"github.com/x/y"\n)\n\nfunc main() {\n\ttoken := os.Getenv("DHIS2_TOKEN")\n}\n',
	],
	[
		'after the last standard-library import',
		'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n)\n\nvar auth = "ApiToken <T>"\n',
		'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"os"\n)\n\nvar auth = "ApiToken " + os.Getenv("DHIS2_TOKEN")\n',
	],
	[
		'no imports: a new import line after the package clause',
		'// Package main syncs.\npackage main\n\nfunc main() {\n\tdhisToken := "<T>"\n}\n',
		'// Package main syncs.\npackage main\n\nimport "os"\n\nfunc main() {\n\tdhisToken := os.Getenv("DHIS_TOKEN")\n}\n',
	],
	['a single import line', 'package main\n\nimport "fmt"\n\nvar t = `<T>`\n', 'package main\n\nimport "os"\nimport "fmt"\n\nvar t = os.Getenv("DHIS2_TOKEN")\n'],
	['a raw string is concatenated', 'package main\n\nimport "os"\n\nvar h = `ApiToken <T>`\n', 'package main\n\nimport "os"\n\nvar h = `ApiToken ` + os.Getenv("DHIS2_TOKEN")\n'],
	['a constant becomes a variable', 'package main\n\nimport "os"\n\nconst token = "<T>"\n', 'package main\n\nimport "os"\n\nvar token = os.Getenv("DHIS2_TOKEN")\n'],
	[
		'a const block becomes a var block',
		'package main\n\nimport "os"\n\nconst (\n\tURL   = "https://play.dhis2.org"\n\tToken = "<T>"\n)\n',
		'package main\n\nimport "os"\n\nvar (\n\tURL   = "https://play.dhis2.org"\n\tToken = os.Getenv("DHIS2_TOKEN")\n)\n',
	],
	['a const block using iota: no fix', 'package main\n\nconst (\n\tA = iota\n\tToken = "<T>"\n)\n', undefined],
]);

suite('ruby', 'client.rb', [
	['whole string', "token = '<T>'\n", 'token = ENV["DHIS2_TOKEN"]\n'],
	['double-quoted: interpolation', 'auth = "ApiToken <T>"\n', 'auth = "ApiToken #{ENV["DHIS2_TOKEN"]}"\n'],
	[
		'single-quoted becomes double-quoted, its text kept literal',
		"auth = 'say \"hi\" #{x} \\' <T>'\n",
		'auth = "say \\"hi\\" \\#{x} \' #{ENV["DHIS2_TOKEN"]}"\n',
	],
]);

suite('php', 'client.php', [
	['whole string', "<?php\n$token = '<T>';\n", "<?php\n$token = getenv('DHIS2_TOKEN');\n"],
	['partial: . concatenation', "<?php\n$h = 'Authorization: ApiToken <T>';\n", "<?php\n$h = 'Authorization: ApiToken ' . getenv('DHIS2_TOKEN');\n"],
	['double-quoted with a variable', '<?php\n$h = "$scheme <T> end";\n', '<?php\n$h = "$scheme " . getenv(\'DHIS2_TOKEN\') . " end";\n'],
]);

suite('rust', 'main.rs', [
	['whole string: a String that compiles', 'let token = "<T>";\n', 'let token = std::env::var("DHIS2_TOKEN").expect("DHIS2_TOKEN is not set");\n'],
	[
		'partial: format! with escaped braces',
		'.header("Authorization", "ApiToken {x} <T>")\n',
		'.header("Authorization", format!("ApiToken {{x}} {}", std::env::var("DHIS2_TOKEN").expect("DHIS2_TOKEN is not set")))\n',
	],
	[
		'raw string keeps its delimiters',
		'let body = r#"{"token": "<T>"}"#;\n',
		'let body = format!(r#"{{"token": "{}"}}"#, std::env::var("DHIS2_TOKEN").expect("DHIS2_TOKEN is not set"));\n',
	],
	[
		'a format string stays a literal: named argument',
		'println!("Authorization: ApiToken <T> ({})", who);\n',
		'println!("Authorization: ApiToken {dhis2_token} ({})", who, dhis2_token = std::env::var("DHIS2_TOKEN").expect("DHIS2_TOKEN is not set"));\n',
	],
	['a byte string is not moved', 'let key: &[u8] = b"<T>";\n', undefined],
	['a const item is evaluated at compile time: no fix', 'pub const TOKEN: &str = "<T>";\n', undefined],
]);

suite('shellscript', 'sync.sh', [
	['whole double-quoted string', 'TOKEN="<T>"\n', 'TOKEN="${DHIS2_TOKEN}"\n'],
	['whole single-quoted string', "TOKEN='<T>'\n", 'TOKEN="${DHIS2_TOKEN}"\n'],
	[
		'partial double-quoted: expansion inside',
		'curl -H "Authorization: ApiToken <T>" https://play.dhis2.org/api/me\n',
		'curl -H "Authorization: ApiToken ${DHIS2_TOKEN}" https://play.dhis2.org/api/me\n',
	],
	['partial single-quoted: closed and reopened', "curl -H 'Authorization: ApiToken <T>' -d '{}'\n", 'curl -H \'Authorization: ApiToken \'"${DHIS2_TOKEN}" -d \'{}\'\n'],
	['token in the middle of single quotes', "echo 'a <T> b'\n", 'echo \'a \'"${DHIS2_TOKEN}"\' b\'\n'],
	["ANSI-C $'…' quoting", "printf $'ApiToken <T>\\n'\n", 'printf $\'ApiToken \'"${DHIS2_TOKEN}"$\'\\n\'\n'],
	['bare assignment', 'export DHIS2_TOKEN=<T>\n', 'export DHIS2_TOKEN=${DHIS2_TOKEN}\n'],
	['a token in a comment is not moved', '# TOKEN=<T>\n', undefined],
]);

suite('powershell', 'sync.ps1', [
	['whole string', '$token = "<T>"\n', '$token = $env:DHIS2_TOKEN\n'],
	['double-quoted: subexpression', '$h = @{ Authorization = "ApiToken <T>" }\n', '$h = @{ Authorization = "ApiToken $($env:DHIS2_TOKEN)" }\n'],
	["single-quoted becomes double-quoted, $ and '' kept literal", "$h = 'ApiToken <T> costs $5, it''s'\n", '$h = "ApiToken $($env:DHIS2_TOKEN) costs `$5, it\'s"\n'],
	['bare argument', 'Connect-Dhis2 -Token <T>\n', 'Connect-Dhis2 -Token $env:DHIS2_TOKEN\n'],
]);

suite('yaml', '.github/workflows/sync.yml', [
	['plain scalar', 'env:\n  DHIS2_TOKEN: <T>\n', 'env:\n  DHIS2_TOKEN: ${DHIS2_TOKEN}\n'],
	['quoted whole value: the quotes go', 'token: "<T>"\n', 'token: ${DHIS2_TOKEN}\n'],
	['quoted partial value', "Authorization: 'ApiToken <T>'\n", "Authorization: 'ApiToken ${DHIS2_TOKEN}'\n"],
	['flow sequence keeps quotes', 'args: ["<T>", x]\nbare: [<T>]\n', 'args: ["${DHIS2_TOKEN}", x]\nbare: ["${DHIS2_TOKEN}"]\n'],
	["an apostrophe in a plain scalar is no quote", "note: it's <T>\n", "note: it's ${DHIS2_TOKEN}\n"],
	['a shell line in a run block', 'run: |\n  curl -H "Authorization: ApiToken <T>" $URL\n', 'run: |\n  curl -H "Authorization: ApiToken ${DHIS2_TOKEN}" $URL\n'],
	['a token in a comment is not moved', '# token: <T>\n', undefined],
]);

suite('dockercompose', 'docker-compose.yml', [
	['environment list entry', 'services:\n  sync:\n    environment:\n      - DHIS2_TOKEN=<T>\n', 'services:\n  sync:\n    environment:\n      - DHIS2_TOKEN=${DHIS2_TOKEN}\n'],
	['quoted list entry', '      - "DHIS2_PAT=<T>"\n', '      - "DHIS2_PAT=${DHIS2_PAT}"\n'],
]);

suite('http', 'api.http', [
	['header', 'GET https://play.dhis2.org/api/me\nAuthorization: ApiToken <T>\n', 'GET https://play.dhis2.org/api/me\nAuthorization: ApiToken {{$dotenv DHIS2_TOKEN}}\n'],
	['file variable', '@dhis2Token = <T>\n', '@dhis2Token = {{$dotenv DHIS2_TOKEN}}\n'],
	['JSON body keeps its quotes', 'POST /api/x\n\n{"token": "<T>"}\n', 'POST /api/x\n\n{"token": "{{$dotenv DHIS2_TOKEN}}"}\n'],
	['a comment line is not moved', '# Authorization: ApiToken <T>\n', undefined],
]);

// A `.rest` file opened as plain text is still an HTTP request file.
suite('plaintext', 'requests.rest', [['recognised by its file name', 'Authorization: ApiToken <T>\n', 'Authorization: ApiToken {{$dotenv DHIS2_TOKEN}}\n']]);

describe('move to environment variable: languages without an idiom', () => {
	for (const [languageId, fileName] of [
		['markdown', 'README.md'],
		['json', 'config.json'],
		['dotenv', '.env'],
		['properties', 'app.properties'],
		['plaintext', '.env.local'],
	] as const) {
		it(`${languageId} (${fileName}) gets no move fix`, () => {
			assert.equal(moveAll(languageId, fileName, 'key = "<T>"\n'), undefined);
		});
	}

	it('keeps CRLF line endings when it inserts an import', () => {
		assert.equal(moveAll('python', 'a.py', 'import sys\r\nT = "<T>"\r\n'), fill('import os\r\nimport sys\r\nT = os.environ["DHIS2_TOKEN"]\r\n'));
	});
});
