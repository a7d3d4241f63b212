import { isAbsolute, resolve as resolvePath } from 'node:path';
import { redactTokens } from '../../redact';
import {
	type ParsedFile,
	type ParsedRequest,
	type ResolvedRequest,
	type ResolveProblem,
	type SourceRange,
} from '../model';
import { requestProblems } from '../parse/parser';
import { type Piece, originsOf, piecesOfVerbatim, rangeIn } from '../parse/sourceMap';
import { classifyExpression, findTemplates, isDhis2TokenAuthorization } from '../parse/templates';
import { urlForm, urlShapeProblem } from '../parse/url';
import { matchReference, referencedValue } from './chaining';
import { type Evaluation, type ResolveContext, evaluated, failed } from './context';
import { evaluateSystemVariable } from './system';

export type ResolveResult = { readonly ok: true; readonly request: ResolvedRequest } | { readonly ok: false; readonly problems: ResolveProblem[] };

const CIRCLE = 'Variables refer to each other in a circle';

/** Where a string's characters came from: exact pieces, or one range to blame for the whole string. */
type Origin = readonly Piece[] | SourceRange;

function rangeOf(origin: Origin, start: number, end: number): SourceRange {
	return Array.isArray(origin) ? rangeIn(origin as readonly Piece[], start, end) : (origin as SourceRange);
}

/** Resolves `{{…}}` for one request; variable values are computed once per request so `@id = {{$guid}}` is stable. */
class Substitution {
	private readonly values = new Map<string, Evaluation>();
	private readonly requestNames: ReadonlySet<string>;
	readonly problems: ResolveProblem[] = [];

	constructor(
		private readonly file: ParsedFile,
		private readonly context: ResolveContext,
	) {
		this.requestNames = new Set(file.requests.flatMap((request) => (request.name === undefined ? [] : [request.name])));
	}

	/** Substitutes every closed `{{…}}`; with `strict`, an unclosed `{{` is a problem too (URL, headers, paths). */
	apply(text: string, origin: Origin, strict: boolean): string {
		const result = this.substitute(text, [], strict);
		for (const failure of result.failures) this.problems.push({ message: failure.message, range: rangeOf(origin, failure.start, failure.end) });
		return result.value;
	}

	private substitute(text: string, stack: readonly string[], strict: boolean): { value: string; failures: { start: number; end: number; message: string }[] } {
		const failures: { start: number; end: number; message: string }[] = [];
		let value = '';
		let from = 0;
		for (const ref of findTemplates(text)) {
			value += text.slice(from, ref.start);
			from = ref.end;
			if (!ref.closed) {
				if (strict) failures.push({ start: ref.start, end: ref.start + 2, message: '`{{` is never closed with `}}`' });
				value += text.slice(ref.start, ref.end);
				continue;
			}
			const result = this.evaluate(ref.expression, stack);
			if (result.ok) value += result.value;
			else failures.push({ start: ref.start, end: ref.end, message: result.message });
		}
		return { value: value + text.slice(from), failures };
	}

	private evaluate(expression: string, stack: readonly string[]): Evaluation {
		if (expression === '') return failed('Empty `{{}}`: put a variable name between the braces');
		const parsed = classifyExpression(expression);
		switch (parsed.kind) {
			case 'system':
				return evaluateSystemVariable(parsed.name, parsed.args, this.context, (name) => this.variable(name, stack));
			case 'encoded': {
				const inner = this.variable(parsed.name, stack);
				return inner.ok ? evaluated(encodeURIComponent(inner.value)) : inner;
			}
			case 'variable':
				return this.variable(parsed.name, stack);
		}
	}

	/** A named value: a response reference, a file variable or an environment variable, in that order. */
	private variable(name: string, stack: readonly string[]): Evaluation {
		const reference = matchReference(name);
		if (reference && this.requestNames.has(reference.request)) {
			if (reference.ofRequest) return failed('Only the response of another request can be referenced (`.response.body…` or `.response.headers…`)');
			const response = this.context.responses?.(reference.request);
			if (!response) return failed(`The request \`${reference.request}\` has no response yet: send it first`);
			return referencedValue(reference, response);
		}
		const definition = this.file.fileVariables.get(name);
		const environmentValue = this.context.environment?.[name];
		if (definition === undefined && environmentValue === undefined) {
			if (reference) return failed(`No request named \`${reference.request}\` in this file (name one with \`# @name ${reference.request}\`)`);
			return failed(`\`{{${name}}}\` is not defined: not a file variable (\`@${name} = …\`) nor in the selected environment`);
		}
		const key = definition ? `@${name}` : name;
		if (stack.includes(key)) return failed(`${CIRCLE}: ${[...stack, key].join(' → ')}`);
		const cached = this.values.get(key);
		if (cached) return cached;
		const raw = definition ? definition.value : (environmentValue ?? '');
		const inner = this.substitute(raw, [...stack, key], true);
		const [first] = inner.failures;
		const where = definition ? `\`@${name}\` (line ${definition.range.start.line + 1})` : `the environment's \`${name}\``;
		// The innermost place is the useful one, and a circle names every variable in it already.
		const keep = first && (first.message.startsWith('In ') || first.message.startsWith(CIRCLE));
		const result = first ? failed(keep ? first.message : `In ${where}: ${first.message}`) : evaluated(inner.value);
		this.values.set(key, result);
		return result;
	}
}

function headerValue(headers: readonly { name: string; value: string }[], name: string): string | undefined {
	return headers.find((header) => header.name.toLowerCase() === name)?.value;
}

/** The URL as the sender needs it: absolute and normalised. A path gets its host from `Host`; a bare host means http. */
function absoluteUrl(url: string, headers: readonly { name: string; value: string }[]): { url: string } | { problem: string } {
	const form = urlForm(url);
	let candidate = url;
	if (form === 'origin') {
		const host = headerValue(headers, 'host');
		if (host === undefined) return { problem: 'A URL that starts with `/` needs a `Host` header' };
		candidate = `http://${host.trim()}${url}`;
	} else if (form === 'schemeless') candidate = `http://${url}`;
	const problem = urlShapeProblem(candidate);
	if (problem) return { problem };
	return { url: new URL(candidate).href };
}

/** REST Client: in a form body, lines starting with `&` continue the line above. */
function joinFormLines(text: string): string {
	return text.split(/\r\n|\r|\n/).reduce((joined, line, index) => (index > 0 && line.trimStart().startsWith('&') ? joined + line.trim() : index === 0 ? line : `${joined}\n${line}`), '');
}

async function fileBody(
	request: ParsedRequest,
	body: Extract<NonNullable<ParsedRequest['body']>, { kind: 'file' }>,
	substitution: Substitution,
	context: ResolveContext,
): Promise<Uint8Array | string | undefined> {
	const problemsBefore = substitution.problems.length;
	const path = substitution.apply(body.path, originsOf(request)?.bodyPath ?? body.range, true);
	if (substitution.problems.length > problemsBefore) return undefined;
	const fullPath = isAbsolute(path) ? path : resolvePath(context.baseDir, path);
	let bytes: Uint8Array;
	try {
		bytes = await context.readFile(fullPath);
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
		substitution.problems.push({ message: `Cannot read the body file \`${path}\` (${fullPath}): ${reason}`, range: body.range });
		return undefined;
	}
	if (!body.substituteVariables) return bytes;
	const encoding = (body.encoding ?? 'utf8') as BufferEncoding;
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
	const before = substitution.problems.length;
	const substituted = substitution.apply(text, body.range, false);
	for (let index = before; index < substitution.problems.length; index++) {
		const problem = substitution.problems[index];
		if (problem) substitution.problems[index] = { ...problem, message: `In ${path}: ${problem.message}` };
	}
	// The file's declared encoding is also what the server gets.
	return encoding === 'utf8' ? substituted : new Uint8Array(Buffer.from(substituted, encoding));
}

/** The parser and the resolver may both see the same fault (an unclosed `{{`, a misplaced token variable). */
function distinct(problems: readonly ResolveProblem[]): ResolveProblem[] {
	const seen = new Set<string>();
	return problems.filter((problem) => {
		const key = JSON.stringify([problem.message, problem.range]);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** In reading order; problems without a place last. */
function byPosition(a: ResolveProblem, b: ResolveProblem): number {
	if (!a.range || !b.range) return (a.range ? 0 : 1) - (b.range ? 0 : 1);
	return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * Turns a parsed request into plain strings for the sender. Any problem (unresolved variable, unreadable body file,
 * invalid URL, or a parse error inside the request) fails the whole request, each with its range when it has one.
 * `Authorization: ApiToken {{$dhis2.token}}` is left out of the headers and reported as `wantsDhis2Token`; the token
 * variable anywhere else is refused, and it is never given a value here.
 */
export async function resolveRequest(file: ParsedFile, request: ParsedRequest, context: ResolveContext): Promise<ResolveResult> {
	const substitution = new Substitution(file, context);
	const problems = substitution.problems;
	for (const problem of requestProblems(file, request)) {
		if (problem.severity === 'error') problems.push({ message: problem.message, range: problem.range });
	}
	const origins = originsOf(request);

	let wantsDhis2Token = false;
	const headers: { name: string; value: string }[] = [];
	request.headers.forEach((header, position) => {
		if (isDhis2TokenAuthorization(header.name, header.value)) {
			wantsDhis2Token = true;
			return;
		}
		const origin = origins?.headers[position];
		const name = substitution.apply(header.name, origin?.name ?? header.range, true);
		const value = substitution.apply(header.value, origin?.value ?? header.range, true);
		headers.push({ name, value });
	});
	if (wantsDhis2Token && headerValue(headers, 'authorization') !== undefined) {
		problems.push({ message: 'Two Authorization headers: keep only `Authorization: ApiToken {{$dhis2.token}}`', range: request.requestLineRange });
	}

	const urlProblemsBefore = problems.length;
	const writtenUrl = substitution.apply(request.url, origins?.url ?? request.requestLineRange, true);
	let url = writtenUrl;
	if (problems.length === urlProblemsBefore) {
		const absolute = absoluteUrl(writtenUrl, headers);
		if ('problem' in absolute) {
			const hint = request.url.includes('{{') ? ' (after substituting variables; `{{%name}}` percent-encodes a value)' : '';
			problems.push({ message: `${absolute.problem}${hint}`, range: request.requestLineRange });
		} else url = absolute.url;
	}

	let body: Uint8Array | string | undefined;
	if (request.body?.kind === 'inline') {
		const text = substitution.apply(request.body.text, piecesOfVerbatim(request.body.text, request.body.range.start), false);
		const isForm = /^application\/x-www-form-urlencoded\b/i.test(headerValue(headers, 'content-type') ?? '');
		body = isForm ? joinFormLines(text) : text;
	} else if (request.body?.kind === 'file') {
		body = await fileBody(request, request.body, substitution, context);
	}

	// Messages quote names, paths and URL parts, which could hold a pasted key: they reach the UI and the CLI's output.
	if (problems.length > 0) return { ok: false, problems: distinct(problems).sort(byPosition).map((problem) => ({ ...problem, message: redactTokens(problem.message) })) };
	return {
		ok: true,
		request: {
			...(request.name !== undefined ? { name: request.name } : {}),
			method: request.method,
			url,
			headers,
			...(body !== undefined ? { body } : {}),
			directives: request.directives,
			wantsDhis2Token,
		},
	};
}
