import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The TextMate grammar checked by a small tokenizer with vscode-textmate's rules for match, begin/end, begin/while,
// captures (with patterns), contentName, includes and left-priority injections. Embedded grammars (source.json,
// source.js) are not loaded: their regions show up as the contentName alone, which is what is asserted.

interface Capture {
	readonly name?: string;
	readonly patterns?: readonly Rule[];
}
interface Rule {
	readonly include?: string;
	readonly match?: string;
	readonly begin?: string;
	readonly end?: string;
	readonly while?: string;
	readonly name?: string;
	readonly contentName?: string;
	readonly captures?: Record<string, Capture>;
	readonly beginCaptures?: Record<string, Capture>;
	readonly endCaptures?: Record<string, Capture>;
	readonly patterns?: readonly Rule[];
}
interface Grammar {
	readonly scopeName: string;
	readonly patterns: readonly Rule[];
	readonly repository: Record<string, Rule>;
	readonly injections?: Record<string, { patterns: readonly Rule[] }>;
}

const ROOT = join(__dirname, '..', '..');
const grammar = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'http.tmLanguage.json'), 'utf8')) as Grammar;
const languageConfiguration = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'http.language-configuration.json'), 'utf8')) as Record<string, unknown>;

/** Oniguruma's `(?i:…)` has no equivalent in Node 20's RegExp: spell each letter as a two-case class instead. */
function toJsSource(source: string): string {
	let out = '';
	let index = 0;
	while (index < source.length) {
		if (!source.startsWith('(?i:', index)) {
			out += source[index];
			index++;
			continue;
		}
		out += '(?:';
		index += 4;
		let depth = 1;
		let inClass = false;
		while (index < source.length && depth > 0) {
			const char = source[index] ?? '';
			if (char === '\\') {
				out += source.slice(index, index + 2);
				index += 2;
				continue;
			}
			if (inClass) inClass = char !== ']';
			else if (char === '[') inClass = true;
			else if (char === '(') depth++;
			else if (char === ')') depth--;
			out += !inClass && /[a-z]/i.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : char;
			index++;
		}
	}
	return out;
}

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
	let found = compiled.get(source);
	if (!found) {
		found = new RegExp(toJsSource(source), 'dg');
		compiled.set(source, found);
	}
	return found;
}

function expand(rules: readonly Rule[]): Rule[] {
	return rules.flatMap((rule) => {
		if (rule.include === undefined) return [rule];
		if (rule.include === '$self') return expand(grammar.patterns);
		if (!rule.include.startsWith('#')) return []; // another grammar: not loaded here
		const target = grammar.repository[rule.include.slice(1)];
		assert.ok(target, `unknown include ${rule.include}`);
		return target.match === undefined && target.begin === undefined ? expand(target.patterns ?? []) : [target];
	});
}

interface Frame {
	readonly rule: Rule;
	readonly scopes: readonly string[];
}

type Paint = string[][];

function paintCaptures(line: string, paint: Paint, match: RegExpExecArray, captures: Record<string, Capture> | undefined, base: readonly string[]): void {
	for (let position = match.index; position < match.index + match[0].length; position++) paint[position] = [...base];
	if (!captures) return;
	for (const [group, capture] of Object.entries(captures)) {
		const span = match.indices?.[Number(group)];
		if (!span) continue;
		const [start, end] = span;
		if (capture.name) for (let position = start; position < end; position++) paint[position]?.push(...capture.name.split(' '));
		if (capture.patterns) tokenizeSpan(line, paint, start, end, expand(capture.patterns));
	}
}

/** Match rules inside a capture. */
function tokenizeSpan(line: string, paint: Paint, start: number, end: number, rules: readonly Rule[]): void {
	let position = start;
	while (position < end) {
		let best: { match: RegExpExecArray; rule: Rule } | undefined;
		for (const rule of rules) {
			if (rule.match === undefined) continue;
			const pattern = regex(rule.match);
			pattern.lastIndex = position;
			const match = pattern.exec(line.slice(0, end));
			if (match && (!best || match.index < best.match.index)) best = { match, rule };
		}
		if (!best || best.match[0].length === 0) return;
		paintCaptures(line, paint, best.match, best.rule.captures, [...(paint[best.match.index] ?? []), ...(best.rule.name ? [best.rule.name] : [])]);
		position = best.match.index + best.match[0].length;
	}
}

function tokenize(text: string): { lines: string[]; paints: Paint[] } {
	const lines = text.split('\n');
	const stack: Frame[] = [{ rule: { patterns: grammar.patterns }, scopes: [grammar.scopeName] }];
	const injections = Object.entries(grammar.injections ?? {}).map(([selector, value]) => ({ scope: selector.replace(/^L:/, '').split(' ')[0] ?? '', rules: expand(value.patterns) }));
	const paints = lines.map((line) => {
		const paint: Paint = Array.from({ length: line.length }, () => []);
		for (let depth = 1; depth < stack.length; depth++) {
			const frame = stack[depth];
			if (frame?.rule.while === undefined) continue;
			const pattern = regex(frame.rule.while);
			pattern.lastIndex = 0;
			const match = pattern.exec(line);
			if (!match || match.index !== 0) {
				stack.length = depth;
				break;
			}
		}
		let position = 0;
		let pushedHere = new Set<Rule>();
		for (let guard = 0; guard < 1000; guard++) {
			const top = stack[stack.length - 1];
			assert.ok(top);
			const injected = injections.filter((injection) => top.scopes.includes(injection.scope)).flatMap((injection) => injection.rules);
			const candidates: { rule: Rule; source: string; isEnd: boolean }[] = [];
			if (top.rule.end !== undefined) candidates.push({ rule: top.rule, source: top.rule.end, isEnd: true });
			for (const rule of [...injected, ...expand(top.rule.patterns ?? [])]) {
				const source = rule.match ?? rule.begin;
				if (source !== undefined) candidates.push({ rule, source, isEnd: false });
			}
			let best: { match: RegExpExecArray; rule: Rule; isEnd: boolean } | undefined;
			for (const candidate of candidates) {
				if (!candidate.isEnd && candidate.rule.begin !== undefined && pushedHere.has(candidate.rule)) continue;
				const pattern = regex(candidate.source);
				pattern.lastIndex = position;
				const match = pattern.exec(line);
				if (match && (!best || match.index < best.match.index)) best = { match, rule: candidate.rule, isEnd: candidate.isEnd };
			}
			if (!best) break;
			const { match, rule, isEnd } = best;
			for (let index = position; index < match.index; index++) paint[index] = [...top.scopes];
			const end = match.index + match[0].length;
			if (isEnd) {
				paintCaptures(line, paint, match, rule.endCaptures, top.scopes.slice(0, rule.contentName ? -1 : undefined));
				stack.pop();
			} else if (rule.match !== undefined) {
				paintCaptures(line, paint, match, rule.captures, [...top.scopes, ...(rule.name ? [rule.name] : [])]);
			} else {
				const scopes = [...top.scopes, ...(rule.name ? [rule.name] : [])];
				paintCaptures(line, paint, match, rule.beginCaptures ?? rule.captures, scopes);
				stack.push({ rule, scopes: [...scopes, ...(rule.contentName ? [rule.contentName] : [])] });
			}
			if (end === position) pushedHere.add(rule);
			else pushedHere = new Set();
			position = end;
			if (position >= line.length && !(rule.begin !== undefined && !isEnd)) break;
		}
		const top = stack[stack.length - 1];
		for (let index = position; index < line.length; index++) paint[index] = [...(top?.scopes ?? [])];
		return paint;
	});
	return { lines, paints };
}

const SAMPLE = [
	'@base = https://dhis2.example.org', // 0
	'### Get me', // 1
	'# @name me', // 2
	'GET {{base}}/api/me?x={{$guid}} HTTP/1.1', // 3
	'  &y=1', // 4
	'Accept: application/json', // 5
	'Authorization: ApiToken {{$dhis2.token}}', // 6
	'', // 7
	'###', // 8
	'post {{base}}/api/x', // 9
	'Content-Type: application/json; charset=utf-8', // 10
	'', // 11
	'{', // 12
	'  "a": "{{id}}",', // 13
	'  "unclosed": {', // 14
	'###', // 15
	'// a comment', // 16
	'POST {{base}}/api/y', // 17
	'', // 18
	'{ "b": [1, 2', // 19
	'###', // 20
	'PUT {{base}}/api/z', // 21
	'', // 22
	'<@latin1 ./file.json', // 23
	'', // 24
	'<?xml version="1.0"?>', // 25
	'###', // 26
	'https://example.org/no-method', // 27
	'', // 28
	'plain {{text}} body', // 29
].join('\n');

const { lines, paints } = tokenize(SAMPLE);

function scopesAt(line: number, fragment: string, occurrence = 0): readonly string[] {
	const text = lines[line] ?? '';
	let index = -1;
	for (let seen = 0; seen <= occurrence; seen++) index = text.indexOf(fragment, index + 1);
	assert.ok(index >= 0, `"${fragment}" is not on line ${line}`);
	return paints[line]?.[index] ?? [];
}

function assertScope(line: number, fragment: string, scope: string, occurrence = 0): void {
	const scopes = scopesAt(line, fragment, occurrence);
	assert.ok(scopes.includes(scope), `line ${line} "${fragment}": expected ${scope}, got ${scopes.join(' ')}`);
}

function assertNoScope(line: number, fragment: string, scope: string): void {
	const scopes = scopesAt(line, fragment);
	assert.ok(!scopes.includes(scope), `line ${line} "${fragment}": did not expect ${scope}, got ${scopes.join(' ')}`);
}

describe('http grammar', () => {
	it('compiles every regular expression', () => {
		const sources: string[] = [];
		const visit = (value: unknown, key?: string): void => {
			if (typeof value === 'string' && key && ['match', 'begin', 'end', 'while'].includes(key)) sources.push(value);
			else if (Array.isArray(value)) value.forEach((item) => visit(item));
			else if (value !== null && typeof value === 'object') Object.entries(value).forEach(([name, item]) => visit(item, name));
		};
		visit(grammar);
		assert.ok(sources.length > 15);
		for (const source of sources) assert.doesNotThrow(() => regex(source), source);
	});

	it('marks file variables, separators and directives', () => {
		assertScope(0, 'base', 'variable.other.declaration.http');
		assertScope(0, 'https', 'string.unquoted.variable-value.http');
		assertScope(1, '###', 'punctuation.separator.request.http');
		assertScope(1, 'Get me', 'entity.name.section.request-title.http');
		assertScope(2, 'name', 'keyword.other.directive.http');
		assertScope(2, 'me', 'string.unquoted.directive-value.http', 1);
		assertScope(16, '//', 'comment.line.double-slash.http');
	});

	it('marks the request line: method, URL with templates, version, continuation', () => {
		assertScope(3, 'GET', 'keyword.control.http-method.http');
		assertScope(3, 'base', 'variable.other.http');
		assertScope(3, 'base', 'string.unquoted.uri.http');
		assertScope(3, '/api/me', 'string.unquoted.uri.http');
		assertScope(3, '$guid', 'support.function.system-variable.http');
		assertScope(3, 'HTTP/1.1', 'constant.language.http-version.http');
		assertScope(4, '&y=1', 'string.unquoted.uri.http');
		assertScope(9, 'post', 'keyword.control.http-method.http');
		assertScope(27, 'https', 'string.unquoted.uri.http');
		assertNoScope(27, 'https', 'keyword.control.http-method.http');
	});

	it('marks headers and the DHIS2 token variable', () => {
		assertScope(5, 'Accept', 'entity.name.tag.header.http');
		assertScope(5, 'application/json', 'string.unquoted.header-value.http');
		assertScope(6, '$dhis2.token', 'support.variable.dhis2-token.http');
		assertScope(10, 'Content-Type', 'entity.name.tag.header.http');
	});

	it('embeds JSON after a JSON Content-Type, with templates inside, and ends it at ### even when unbalanced', () => {
		assertScope(12, '{', 'meta.embedded.block.json');
		assertScope(13, '"a"', 'meta.embedded.block.json');
		assertScope(13, 'id', 'variable.other.http');
		assertScope(14, '"unclosed"', 'meta.embedded.block.json');
		assertScope(15, '###', 'punctuation.separator.request.http');
		assertNoScope(15, '###', 'meta.embedded.block.json');
	});

	it('embeds JSON when the body starts with { or [, and not otherwise', () => {
		assertScope(19, '"b"', 'meta.embedded.block.json');
		assertNoScope(20, '###', 'meta.embedded.block.json');
		assertNoScope(25, '<?xml', 'meta.embedded.block.json');
		assertNoScope(29, 'plain', 'meta.embedded.block.json');
		assertScope(29, 'text', 'variable.other.http');
	});

	it('marks file bodies', () => {
		assertScope(23, '<', 'keyword.operator.file-reference.http');
		assertScope(23, '@latin1', 'keyword.other.substitute-variables.http');
		assertScope(23, './file.json', 'string.unquoted.path.http');
	});

	it('has a language configuration with # comments, brackets and auto-closing pairs', () => {
		assert.deepEqual(languageConfiguration.comments, { lineComment: '#' });
		assert.ok(Array.isArray(languageConfiguration.brackets) && languageConfiguration.brackets.length >= 2);
		assert.ok(Array.isArray(languageConfiguration.autoClosingPairs));
	});

	it('is contributed for .http and .rest with the grammar and configuration files that exist', () => {
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
			contributes: { languages: { id: string; extensions: string[]; configuration: string }[]; grammars: { language: string; scopeName: string; path: string; embeddedLanguages: Record<string, string> }[] };
		};
		const language = manifest.contributes.languages.find((item) => item.id === 'http');
		assert.deepEqual(language?.extensions, ['.http', '.rest']);
		assert.doesNotThrow(() => readFileSync(join(ROOT, language?.configuration ?? 'missing')));
		const contributed = manifest.contributes.grammars.find((item) => item.language === 'http');
		assert.equal(contributed?.scopeName, grammar.scopeName);
		assert.equal(contributed?.path, './syntaxes/http.tmLanguage.json');
		assert.equal(contributed?.embeddedLanguages['meta.embedded.block.json'], 'json');
	});
});
