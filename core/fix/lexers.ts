import { type LexerSpec, type QuoteMatcher, charLiteral, quote, regexLiteral } from './lineLexer';

const C_COMMENTS: Pick<LexerSpec, 'lineComments' | 'blockComments'> = {
	lineComments: [{ marker: '//' }],
	blockComments: [['/*', '*/']],
};

export const JAVASCRIPT_LEXER: LexerSpec = {
	...C_COMMENTS,
	quotes: [quote('"', 'backslash'), quote("'", 'backslash'), quote('`', 'backslash'), regexLiteral],
};

const PYTHON_PREFIXES = ['r', 'u', 'b', 'f', 'rb', 'br', 'fr', 'rf'];

export const PYTHON_LEXER: LexerSpec = {
	lineComments: [{ marker: '#' }],
	blockComments: [],
	// A raw string still cannot end at an escaped quote, so backslash escaping holds for lexing.
	quotes: ['"""', "'''", '"', "'"].map((open) => quote(open, 'backslash', { prefixes: PYTHON_PREFIXES })),
};

export const JAVA_LEXER: LexerSpec = {
	...C_COMMENTS,
	quotes: [quote('"""', 'backslash'), quote('"', 'backslash'), charLiteral],
};

export const KOTLIN_LEXER: LexerSpec = {
	...C_COMMENTS,
	quotes: [quote('"""', 'none'), quote('"', 'backslash'), charLiteral],
};

export const CSHARP_LEXER: LexerSpec = {
	...C_COMMENTS,
	quotes: [
		quote('"""', 'none', { prefixes: ['$', '$$', '$$$'] }),
		quote('"', 'doubled', { prefixes: ['@', '$@', '@$'], prefixRequired: true }),
		quote('"', 'backslash', { prefixes: ['$'] }),
		charLiteral,
	],
};

export const GO_LEXER: LexerSpec = {
	...C_COMMENTS,
	quotes: [quote('"', 'backslash'), quote('`', 'none'), charLiteral],
};

export const RUBY_LEXER: LexerSpec = {
	lineComments: [{ marker: '#' }],
	blockComments: [],
	quotes: [quote('"', 'backslash'), quote("'", 'backslash'), quote('`', 'backslash')],
};

export const PHP_LEXER: LexerSpec = {
	lineComments: [{ marker: '//' }, { marker: '#', notFollowedBy: '[' }],
	blockComments: [['/*', '*/']],
	quotes: [quote('"', 'backslash'), quote("'", 'backslash'), quote('`', 'backslash')],
};

/** `r"…"`, `r#"…"#`, `br##"…"##`: the closing delimiter repeats the opening's hashes. */
const rustRawString: QuoteMatcher = (line, index) => {
	const match = /^(?:b|c)?r(#*)"/.exec(line.slice(index, index + 40));
	if (!match || /[\w$]/.test(line[index - 1] ?? '')) return undefined;
	const hashes = match[1] ?? '';
	return { prefix: match[0].slice(0, -1), open: '"', close: `"${hashes}`, escape: 'none' };
};

export const RUST_LEXER: LexerSpec = {
	...C_COMMENTS,
	quotes: [rustRawString, quote('"', 'backslash', { prefixes: ['b', 'c'] }), charLiteral],
};

export const SHELL_LEXER: LexerSpec = {
	lineComments: [{ marker: '#', atWordStart: true }],
	blockComments: [],
	quotes: [
		quote("'", 'backslash', { prefixes: ['$'], prefixRequired: true }),
		quote('"', 'backslash', { prefixes: ['$'] }),
		quote("'", 'none'),
	],
};

export const POWERSHELL_LEXER: LexerSpec = {
	lineComments: [{ marker: '#' }],
	blockComments: [['<#', '#>']],
	quotes: [
		// Here-strings run to a line of their own: on this line they never close.
		quote('"', 'backtick', { prefixes: ['@'], prefixRequired: true, close: '"@' }),
		quote("'", 'doubled', { prefixes: ['@'], prefixRequired: true, close: "'@" }),
		quote('"', 'backtick'),
		quote("'", 'doubled'),
	],
};

/** In YAML a quote starts a scalar only where a value starts: `it's` in a plain scalar is an apostrophe. */
function atYamlValueStart(line: string, index: number): boolean {
	return /(?:^|[:\-[{,?])\s*$/.test(line.slice(0, index));
}

export const YAML_LEXER: LexerSpec = {
	lineComments: [{ marker: '#', atWordStart: true }],
	blockComments: [],
	quotes: [quote("'", 'doubled', { when: atYamlValueStart }), quote('"', 'backslash', { when: atYamlValueStart })],
};

/** `.http` files have no string syntax; a line starting with `#` or `//` is a comment. */
export const HTTP_LEXER: LexerSpec = {
	lineComments: [
		{ marker: '#', atLineStart: true },
		{ marker: '//', atLineStart: true },
	],
	blockComments: [],
	quotes: [],
};
