import { type LexerSpec } from './lineLexer';
import {
	CSHARP_LEXER,
	GO_LEXER,
	HTTP_LEXER,
	JAVASCRIPT_LEXER,
	JAVA_LEXER,
	KOTLIN_LEXER,
	PHP_LEXER,
	POWERSHELL_LEXER,
	PYTHON_LEXER,
	RUBY_LEXER,
	RUST_LEXER,
	SHELL_LEXER,
	YAML_LEXER,
} from './lexers';

/** The environment-variable idioms the move fix knows. */
export type IdiomId =
	| 'javascript'
	| 'python'
	| 'java'
	| 'kotlin'
	| 'csharp'
	| 'go'
	| 'ruby'
	| 'php'
	| 'rust'
	| 'shell'
	| 'powershell'
	| 'yaml'
	| 'http';

/** How an ignore directive is written in a language. */
export interface CommentStyle {
	readonly open: string;
	readonly close?: string;
	/**
	 * `trailing`: `// dhis2-pat:allow` at the end of the token's line. `above`: `dhis2-pat:allow-next-line`
	 * on a line of its own, for syntaxes where a trailing comment would change the value or is no comment.
	 */
	readonly placement: 'trailing' | 'above';
}

export interface LanguageProfile {
	/** The canonical language id the profile was chosen for. */
	readonly id: string;
	readonly idiom?: IdiomId;
	readonly lexer?: LexerSpec;
	/** A token outside quotes is still a value there (YAML plain scalars, shell words, `.http` lines). */
	readonly bareTokens?: boolean;
	readonly comment?: CommentStyle;
	/** A line ending in this character continues on the next one. */
	readonly continuation?: string;
	/** `.env`/`.properties`-style files: only the ignore action and the remediation link. */
	readonly envStyle?: boolean;
	/** JSX: a string attribute value needs braces around an expression. */
	readonly jsx?: boolean;
}

const SLASHES: CommentStyle = { open: '//', placement: 'trailing' };
const HASH: CommentStyle = { open: '#', placement: 'trailing' };
const HASH_ABOVE: CommentStyle = { open: '#', placement: 'above' };
const DASHES: CommentStyle = { open: '--', placement: 'trailing' };
const MARKUP: CommentStyle = { open: '<!--', close: '-->', placement: 'above' };
const CSS: CommentStyle = { open: '/*', close: '*/', placement: 'trailing' };
const REM: CommentStyle = { open: 'REM', placement: 'above' };
const SEMICOLON: CommentStyle = { open: ';', placement: 'trailing' };
const SEMICOLON_ABOVE: CommentStyle = { open: ';', placement: 'above' };
const PERCENT: CommentStyle = { open: '%', placement: 'trailing' };
const APOSTROPHE: CommentStyle = { open: "'", placement: 'trailing' };

const javascript = (id: string, jsx = false): LanguageProfile => ({ id, idiom: 'javascript', lexer: JAVASCRIPT_LEXER, comment: SLASHES, jsx });

const CODE_PROFILES: readonly LanguageProfile[] = [
	javascript('javascript'),
	javascript('typescript'),
	javascript('javascriptreact', true),
	javascript('typescriptreact', true),
	{ id: 'python', idiom: 'python', lexer: PYTHON_LEXER, comment: HASH, continuation: '\\' },
	{ id: 'java', idiom: 'java', lexer: JAVA_LEXER, comment: SLASHES },
	{ id: 'kotlin', idiom: 'kotlin', lexer: KOTLIN_LEXER, comment: SLASHES },
	{ id: 'csharp', idiom: 'csharp', lexer: CSHARP_LEXER, comment: SLASHES },
	{ id: 'go', idiom: 'go', lexer: GO_LEXER, comment: SLASHES },
	{ id: 'ruby', idiom: 'ruby', lexer: RUBY_LEXER, comment: HASH, continuation: '\\' },
	{ id: 'php', idiom: 'php', lexer: PHP_LEXER, comment: SLASHES },
	{ id: 'rust', idiom: 'rust', lexer: RUST_LEXER, comment: SLASHES },
	{ id: 'shellscript', idiom: 'shell', lexer: SHELL_LEXER, bareTokens: true, comment: HASH, continuation: '\\' },
	{ id: 'powershell', idiom: 'powershell', lexer: POWERSHELL_LEXER, bareTokens: true, comment: HASH, continuation: '`' },
	{ id: 'yaml', idiom: 'yaml', lexer: YAML_LEXER, bareTokens: true, comment: HASH },
	{ id: 'dockercompose', idiom: 'yaml', lexer: YAML_LEXER, bareTokens: true, comment: HASH },
	// A trailing `#` would become part of a header or body line: the directive goes on a line above.
	{ id: 'http', idiom: 'http', lexer: HTTP_LEXER, bareTokens: true, comment: HASH_ABOVE },
];

const ENV_PROFILES: readonly LanguageProfile[] = [
	{ id: 'dotenv', envStyle: true, comment: HASH_ABOVE },
	{ id: 'properties', envStyle: true, comment: HASH_ABOVE, continuation: '\\' },
	// PHP's parse_ini_file no longer accepts `#`; every INI reader accepts `;`.
	{ id: 'ini', envStyle: true, comment: SEMICOLON_ABOVE },
];

/** Languages with comments but no move idiom: only the ignore fixes. */
const COMMENT_ONLY: readonly (readonly [CommentStyle, readonly string[], string?])[] = [
	[
		SLASHES,
		['c', 'cpp', 'cuda-cpp', 'objective-c', 'objective-cpp', 'swift', 'scala', 'dart', 'groovy', 'jsonc', 'json5', 'fsharp', 'less', 'scss', 'proto', 'proto3', 'solidity', 'zig', 'd', 'haxe', 'hlsl', 'glsl', 'verilog'],
		'\\',
	],
	[HASH, ['toml', 'perl', 'perl6', 'raku', 'r', 'makefile', 'elixir', 'coffeescript', 'julia', 'nim', 'crystal', 'terraform', 'hcl', 'tcl', 'cmake', 'graphql', 'nix', 'starlark', 'gdscript', 'awk', 'fish', 'tf'], '\\'],
	// A Dockerfile `#` is a comment only at the start of a line; gitignore likewise.
	[HASH_ABOVE, ['dockerfile', 'ignore', 'editorconfig', 'requirements'], '\\'],
	[DASHES, ['sql', 'lua', 'haskell', 'elm', 'ada', 'plsql', 'pgsql', 'mysql']],
	[MARKUP, ['markdown', 'html', 'xml', 'xsl', 'svg', 'razor', 'aspnetcorerazor', 'vue-html']],
	[CSS, ['css']],
	[REM, ['bat'], '^'],
	[SEMICOLON, ['clojure', 'lisp', 'scheme', 'racket', 'asm']],
	[PERCENT, ['latex', 'tex', 'erlang', 'matlab', 'bibtex']],
	[APOSTROPHE, ['vb']],
];

const PROFILES = new Map<string, LanguageProfile>();
for (const profile of [...CODE_PROFILES, ...ENV_PROFILES]) PROFILES.set(profile.id, profile);
for (const [comment, ids, continuation] of COMMENT_ONLY) {
	for (const id of ids) PROFILES.set(id, continuation ? { id, comment, continuation } : { id, comment });
}

/** Other editors' names for the same languages (Neovim filetypes, short names). */
const ALIASES: Readonly<Record<string, string>> = {
	js: 'javascript',
	ts: 'typescript',
	jsx: 'javascriptreact',
	tsx: 'typescriptreact',
	py: 'python',
	kt: 'kotlin',
	cs: 'csharp',
	rb: 'ruby',
	rs: 'rust',
	sh: 'shellscript',
	bash: 'shellscript',
	zsh: 'shellscript',
	ksh: 'shellscript',
	ps1: 'powershell',
	pwsh: 'powershell',
	yml: 'yaml',
	'docker-compose': 'dockercompose',
	'yaml.docker-compose': 'dockercompose',
	'github-actions-workflow': 'yaml',
	'azure-pipelines': 'yaml',
	ansible: 'yaml',
	rest: 'http',
	'java-properties': 'properties',
	jproperties: 'properties',
	dosini: 'ini',
	sh_env: 'dotenv',
	env: 'dotenv',
	dosbatch: 'bat',
	md: 'markdown',
	make: 'makefile',
	docker: 'dockerfile',
	gitignore: 'ignore',
};

/** For language ids this table does not know (`plaintext`, another editor's name): the file extension decides. */
const EXTENSIONS: Readonly<Record<string, string>> = {
	js: 'javascript',
	mjs: 'javascript',
	cjs: 'javascript',
	ts: 'typescript',
	mts: 'typescript',
	cts: 'typescript',
	jsx: 'javascriptreact',
	tsx: 'typescriptreact',
	py: 'python',
	pyw: 'python',
	java: 'java',
	kt: 'kotlin',
	kts: 'kotlin',
	cs: 'csharp',
	go: 'go',
	rb: 'ruby',
	php: 'php',
	rs: 'rust',
	sh: 'shellscript',
	bash: 'shellscript',
	zsh: 'shellscript',
	ps1: 'powershell',
	psm1: 'powershell',
	yml: 'yaml',
	yaml: 'yaml',
	http: 'http',
	rest: 'http',
	properties: 'properties',
	ini: 'ini',
	cfg: 'ini',
	md: 'markdown',
	html: 'html',
	htm: 'html',
	xml: 'xml',
	sql: 'sql',
	lua: 'lua',
	bat: 'bat',
	cmd: 'bat',
	toml: 'toml',
	tf: 'terraform',
	c: 'c',
	h: 'c',
	cpp: 'cpp',
	swift: 'swift',
	scala: 'scala',
	dart: 'dart',
	css: 'css',
	scss: 'scss',
	r: 'r',
	pl: 'perl',
	ex: 'elixir',
	exs: 'elixir',
	jsonc: 'jsonc',
	json: 'json',
};

function baseName(fileName: string): string {
	return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** `.env`, `.env.local`, `.env.example`…: any of them holds KEY=value lines. */
export function isEnvFileName(fileName: string): boolean {
	return /^\.env(?:\..+)?$/i.test(baseName(fileName));
}

/**
 * The profile for a document. The file name wins for `.env*` and `.http`/`.rest` files, whose language id
 * depends on which extensions are installed; otherwise the language id, then the extension.
 */
export function profileFor(languageId: string, fileName: string): LanguageProfile {
	const name = baseName(fileName);
	const extension = extensionOf(name);
	if (isEnvFileName(name)) return PROFILES.get('dotenv') as LanguageProfile;
	if (extension === 'http' || extension === 'rest') return PROFILES.get('http') as LanguageProfile;
	const id = languageId.toLowerCase();
	const known = PROFILES.get(ALIASES[id] ?? id);
	if (known) return known;
	const byExtension = PROFILES.get(EXTENSIONS[extension] ?? '');
	if (byExtension) return byExtension;
	if (/^makefile$/i.test(name)) return PROFILES.get('makefile') as LanguageProfile;
	if (/^dockerfile/i.test(name)) return PROFILES.get('dockerfile') as LanguageProfile;
	return { id };
}
