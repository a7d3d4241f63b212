/**
 * Each language's environment lookup, and how a string literal holding tokens is rewritten around it:
 * the bare lookup when the literal was exactly one token, else interpolation or concatenation in that
 * language's own terms. Edits are line-relative; `undefined` means the language cannot express it
 * safely here, and the move fix is not offered.
 */
import { type IdiomId } from './languages';
import { type LexedLine, type StringLiteral, charAfter, codeCharBefore, openBracketsBefore } from './lineLexer';
import { type Piece, joinPieces, wholeName } from './pieces';

export interface LineEdit {
	readonly start: number;
	readonly end: number;
	readonly newText: string;
}

export interface LiteralContext {
	readonly line: string;
	readonly lexed: LexedLine;
	readonly literal: StringLiteral;
	readonly pieces: readonly Piece[];
	/** Whether the language profile is JSX-capable (javascriptreact, typescriptreact). */
	readonly jsx?: boolean;
}

export interface BareContext {
	readonly line: string;
	readonly lexed: LexedLine;
	/** Line-relative range of the token. */
	readonly from: number;
	readonly to: number;
	readonly name: string;
}

/** Replaces the whole literal (prefix and delimiters included). */
function replaceLiteral(context: LiteralContext, newText: string): LineEdit[] {
	return [{ start: context.literal.start, end: context.literal.end, newText }];
}

/** The same literal with some pieces' text replaced: delimiters and prefix kept. */
function requoted(context: LiteralContext, body: string, prefix = context.literal.prefix): string {
	return `${prefix}${context.literal.open}${body}${context.literal.close}`;
}

/**
 * `"ApiToken " + lookup + " rest"`, dropping empty text pieces. Parenthesised where an operator or member
 * access next to the literal would otherwise bind to only part of it.
 */
function concatenated(context: LiteralContext, operator: string, lookup: (name: string) => string, prefix = context.literal.prefix): string {
	const parts = context.pieces.map((piece) => (piece.kind === 'text' ? requoted(context, piece.raw, prefix) : lookup(piece.name)));
	const joined = parts.join(` ${operator} `);
	return bindsTightly(context) ? `(${joined})` : joined;
}

function bindsTightly({ line, lexed, literal }: LiteralContext): boolean {
	const next = charAfter(line, literal.end);
	const previous = codeCharBefore(line, lexed, literal.start);
	if (next === '.' || next === '[' || (next === '-' && line.slice(literal.end).trimStart().startsWith('->'))) return true;
	return previous === '.' || previous === '*' || previous === '/' || previous === '%' || previous === '!';
}

/** Another literal right next to this one (implicit concatenation): removing the quotes would break it. */
function touchesAnotherLiteral({ line, lexed, literal }: LiteralContext): boolean {
	return lexed.strings.some(
		(other) =>
			other !== literal &&
			((other.end <= literal.start && line.slice(other.end, literal.start).trim() === '') ||
				(other.start >= literal.end && line.slice(literal.end, other.start).trim() === '')),
	);
}

/** Template-literal text from a `'…'`/`"…"` body: escapes stay, a bare backtick or `${` is escaped. */
function toTemplateText(raw: string): string {
	let out = '';
	for (let index = 0; index < raw.length; index++) {
		const char = raw[index] ?? '';
		if (char === '\\') {
			out += raw.slice(index, index + 2);
			index += 1;
		} else if (char === '`') out += '\\`';
		else if (char === '$' && raw[index + 1] === '{') out += '\\$';
		else out += char;
	}
	return out;
}

// A JSX attribute: `<Tag a="1" token="…"` on the line, or an attribute line of a multi-line tag.
const JSX_ATTRIBUTE_IN_TAG = /<[\w.:-]+(?:\s+[\w:.-]+(?:=(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?)*\s+[\w:.-]+=$/;
const JSX_ATTRIBUTE_LINE = /^\s*(?:[\w:.-]+(?:=(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?\s+)*[\w:.-]+=$/;

export function isJsxAttributeValue(line: string, literal: StringLiteral): boolean {
	if (literal.open === '`') return false;
	const before = line.slice(0, literal.start);
	if (JSX_ATTRIBUTE_IN_TAG.test(before)) return true;
	return JSX_ATTRIBUTE_LINE.test(before) && !line.slice(literal.end).includes(';');
}

function javascript(context: LiteralContext): LineEdit[] {
	const lookup = (name: string) => `process.env.${name}`;
	const whole = wholeName(context.pieces);
	if (context.jsx && isJsxAttributeValue(context.line, context.literal)) {
		// JSX attribute strings have no escapes: a backslash is literal, so it is escaped for the template.
		const text = (raw: string) => toTemplateText(raw.replace(/\\/g, '\\\\'));
		return replaceLiteral(context, whole ? `{${lookup(whole)}}` : `{\`${joinPieces(context.pieces, text, (name) => `\${${lookup(name)}}`)}\`}`);
	}
	if (whole) return replaceLiteral(context, lookup(whole));
	const text = context.literal.open === '`' ? (raw: string) => raw : toTemplateText;
	return replaceLiteral(context, `\`${joinPieces(context.pieces, text, (name) => `\${${lookup(name)}}`)}\``);
}

function python(context: LiteralContext): LineEdit[] {
	const { literal } = context;
	const lookup = (name: string, quote = '"') => `os.environ[${quote}${name}${quote}]`;
	const isBytes = /b/i.test(literal.prefix);
	const whole = wholeName(context.pieces);
	if (isBytes) {
		if (whole && !touchesAnotherLiteral(context)) return replaceLiteral(context, `${lookup(whole)}.encode()`);
		const parts = context.pieces.map((piece) => (piece.kind === 'text' ? requoted(context, piece.raw) : `${lookup(piece.name)}.encode()`));
		return replaceLiteral(context, `(${parts.join(' + ')})`);
	}
	if (whole && !touchesAnotherLiteral(context)) return replaceLiteral(context, lookup(whole));
	// Before Python 3.12 an f-string's expression cannot reuse the string's own quote.
	const inner = literal.open.includes('"') ? "'" : '"';
	const isFString = /f/i.test(literal.prefix);
	const prefix = isFString ? literal.prefix : `${literal.prefix.replace(/u/i, '')}f`;
	const text = isFString ? (raw: string) => raw : (raw: string) => raw.replace(/[{}]/g, '$&$&');
	return replaceLiteral(context, requoted(context, joinPieces(context.pieces, text, (name) => `{${lookup(name, inner)}}`), prefix));
}

/** An annotation argument must be a compile-time constant. */
function inAnnotation({ line, literal }: LiteralContext): boolean {
	return /@[\w.]+\s*\([^()]*$/.test(line.slice(0, literal.start));
}

function java(context: LiteralContext): LineEdit[] | undefined {
	if (inAnnotation(context)) return undefined;
	const lookup = (name: string) => `System.getenv("${name}")`;
	const whole = wholeName(context.pieces);
	if (whole) return replaceLiteral(context, lookup(whole));
	return replaceLiteral(context, concatenated(context, '+', lookup));
}

function kotlin(context: LiteralContext): LineEdit[] | undefined {
	if (inAnnotation(context)) return undefined;
	const lookup = (name: string) => `System.getenv("${name}")`;
	const whole = wholeName(context.pieces);
	const edits = whole
		? replaceLiteral(context, lookup(whole))
		: replaceLiteral(context, requoted(context, joinPieces(context.pieces, (raw) => raw, (name) => `\${${lookup(name)}}`)));
	// `const val` needs a compile-time constant; an environment lookup is not one.
	const constModifier = /\bconst\s+(?=val\b)/.exec(context.line.slice(0, context.literal.start));
	if (constModifier) edits.unshift({ start: constModifier.index, end: constModifier.index + constModifier[0].length, newText: '' });
	return edits;
}

function csharp(context: LiteralContext): LineEdit[] | undefined {
	const lookup = (name: string) => `Environment.GetEnvironmentVariable("${name}")`;
	const whole = wholeName(context.pieces);
	// Splitting a raw string literal would need its quote count recomputed per piece.
	if (!whole && context.literal.open === '"""') return undefined;
	const edits = replaceLiteral(context, whole ? lookup(whole) : concatenated(context, '+', lookup));
	// A constant cannot hold a call. With an access modifier it is a field: `static readonly` is the
	// runtime equivalent. Without one it may be a local, where that is no syntax: no fix then.
	const constant = /\bconst\s+/.exec(context.line.slice(0, context.literal.start));
	if (constant) {
		if (!/\b(?:public|private|protected|internal)\b/.test(context.line.slice(0, constant.index))) return undefined;
		edits.unshift({ start: constant.index, end: constant.index + constant[0].length, newText: 'static readonly ' });
	}
	return edits;
}

function go(context: LiteralContext): LineEdit[] {
	const lookup = (name: string) => `os.Getenv("${name}")`;
	const whole = wholeName(context.pieces);
	const edits = replaceLiteral(context, whole ? lookup(whole) : concatenated(context, '+', lookup));
	// A constant cannot hold a function call's result.
	const constKeyword = /^(\s*)const\b/.exec(context.line);
	if (constKeyword && constKeyword[0].length <= context.literal.start) {
		const at = (constKeyword[1] ?? '').length;
		edits.unshift({ start: at, end: at + 'const'.length, newText: 'var' });
	}
	return edits;
}

/** Ruby `'…'` text as `"…"` text: only `\\` and `\'` were escapes, and `"`, `#{` must not become syntax. */
function rubySingleToDouble(raw: string): string {
	let out = '';
	for (let index = 0; index < raw.length; index++) {
		const char = raw[index] ?? '';
		const next = raw[index + 1];
		if (char === '\\' && (next === '\\' || next === "'")) {
			out += next === '\\' ? '\\\\' : "'";
			index += 1;
		} else if (char === '\\') out += '\\\\';
		else if (char === '"') out += '\\"';
		else if (char === '#' && (next === '{' || next === '$' || next === '@')) out += '\\#';
		else out += char;
	}
	return out;
}

function ruby(context: LiteralContext): LineEdit[] {
	const lookup = (name: string) => `ENV["${name}"]`;
	const whole = wholeName(context.pieces);
	if (whole) return replaceLiteral(context, lookup(whole));
	const hole = (name: string) => `#{${lookup(name)}}`;
	if (context.literal.open === "'") return replaceLiteral(context, `"${joinPieces(context.pieces, rubySingleToDouble, hole)}"`);
	return replaceLiteral(context, requoted(context, joinPieces(context.pieces, (raw) => raw, hole)));
}

function php(context: LiteralContext): LineEdit[] {
	const lookup = (name: string) => `getenv('${name}')`;
	const whole = wholeName(context.pieces);
	if (whole) return replaceLiteral(context, lookup(whole));
	return replaceLiteral(context, concatenated(context, '.', lookup));
}

// Macros whose first string argument (after an optional writer) is a format string.
const RUST_FORMAT_MACRO =
	/\b(?:format|print|println|eprint|eprintln|write|writeln|panic|format_args|unreachable|todo|unimplemented|anyhow|bail|info|warn|error|debug|trace)!\s*\(\s*(?:[\w.&*]+\s*,\s*)?$/;

/** Offset of the `)` closing the macro call the literal is in, on the same line. */
function closingParen(context: LiteralContext): number | undefined {
	const { line, lexed, literal } = context;
	let depth = 0;
	for (let at = literal.end; at < line.length; at++) {
		const inner = lexed.strings.find((s) => at >= s.start && at < s.end);
		if (inner) {
			at = inner.end - 1;
			continue;
		}
		const char = line[at];
		if (char === '(' || char === '[' || char === '{') depth += 1;
		else if (char === ')' && depth === 0) return at;
		else if (char === ')' || char === ']' || char === '}') depth -= 1;
	}
	return undefined;
}

function rust(context: LiteralContext): LineEdit[] | undefined {
	const { literal, line } = context;
	const lookup = (name: string) => `std::env::var("${name}").expect("${name} is not set")`;
	// Byte and C strings have other types than String; no lookup can stand in for them as simply.
	if (/[bc]/.test(literal.prefix)) return undefined;
	// A `const`/`static` item is evaluated at compile time: no environment lookup there.
	if (/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const|static)\s/.test(line)) return undefined;
	if (RUST_FORMAT_MACRO.test(line.slice(0, literal.start))) {
		// Already a format string: it must stay a literal, so the lookup becomes a named argument.
		const close = closingParen(context);
		if (close === undefined) return undefined;
		const argument = (name: string) => name.toLowerCase();
		const names = [...new Set(context.pieces.flatMap((piece) => (piece.kind === 'env' ? [piece.name] : [])))];
		return [
			{ start: literal.start, end: literal.end, newText: requoted(context, joinPieces(context.pieces, (raw) => raw, (name) => `{${argument(name)}}`)) },
			{ start: close, end: close, newText: names.map((name) => `, ${argument(name)} = ${lookup(name)}`).join('') },
		];
	}
	const whole = wholeName(context.pieces);
	if (whole) return replaceLiteral(context, lookup(whole));
	const body = joinPieces(context.pieces, (raw) => raw.replace(/[{}]/g, '$&$&'), () => '{}');
	const names = context.pieces.flatMap((piece) => (piece.kind === 'env' ? [lookup(piece.name)] : []));
	return replaceLiteral(context, `format!(${requoted(context, body)}, ${names.join(', ')})`);
}

function shell(context: LiteralContext): LineEdit[] {
	const { literal } = context;
	const expansion = (name: string) => `\${${name}}`;
	const whole = wholeName(context.pieces);
	// Quoted, so the value stays one word whatever it holds.
	if (whole) return replaceLiteral(context, `"${expansion(whole)}"`);
	if (literal.open === '"') return replaceLiteral(context, requoted(context, joinPieces(context.pieces, (raw) => raw, expansion)));
	// Single quotes expand nothing: close them, expand in double quotes, reopen.
	return replaceLiteral(context, joinPieces(context.pieces, (raw) => requoted(context, raw), (name) => `"${expansion(name)}"`));
}

/** PowerShell `'…'` text as `"…"` text: `''` was the only escape; `` ` ``, `$` and `"` must stay literal. */
function powershellSingleToDouble(raw: string): string {
	return raw.replace(/''/g, "'").replace(/[`$"]/g, '`$&');
}

function powershell(context: LiteralContext): LineEdit[] | undefined {
	const { literal } = context;
	const lookup = (name: string) => `$env:${name}`;
	if (literal.prefix === '@') return undefined;
	const whole = wholeName(context.pieces);
	if (whole) return replaceLiteral(context, lookup(whole));
	const hole = (name: string) => `$(${lookup(name)})`;
	const text = literal.open === "'" ? powershellSingleToDouble : (raw: string) => raw;
	return replaceLiteral(context, `"${joinPieces(context.pieces, text, hole)}"`);
}

function yaml(context: LiteralContext): LineEdit[] {
	const expansion = (name: string) => `\${${name}}`;
	const whole = wholeName(context.pieces);
	// In a flow collection (`[…]`, `{…}`) a plain scalar cannot hold `{` or `}`: keep the quotes there.
	if (whole && openBracketsBefore(context.line, context.lexed, context.literal.start) === 0) {
		return replaceLiteral(context, expansion(whole));
	}
	return replaceLiteral(context, requoted(context, joinPieces(context.pieces, (raw) => raw, expansion)));
}

const LITERAL_RENDERERS: Partial<Record<IdiomId, (context: LiteralContext) => LineEdit[] | undefined>> = {
	javascript,
	python,
	java,
	kotlin,
	csharp,
	go,
	ruby,
	php,
	rust,
	shell,
	powershell,
	yaml,
};

export function renderLiteral(idiom: IdiomId, context: LiteralContext): LineEdit[] | undefined {
	return LITERAL_RENDERERS[idiom]?.(context);
}

/** A token outside quotes, in a language where that is a value: only the token is replaced. */
export function renderBare(idiom: IdiomId, context: BareContext): string | undefined {
	const { name } = context;
	switch (idiom) {
		case 'shell':
			return `\${${name}}`;
		case 'powershell':
			return `$env:${name}`;
		case 'http':
			return `{{$dotenv ${name}}}`;
		case 'yaml': {
			const inFlow = openBracketsBefore(context.line, context.lexed, context.from) > 0;
			const alone = /[[{,:]$/.test(context.line.slice(0, context.from).trimEnd()) && /^\s*(?:[,\]}]|$)/.test(context.line.slice(context.to));
			return inFlow && alone ? `"\${${name}}"` : `\${${name}}`;
		}
		default:
			return undefined;
	}
}
