import {
	type HeaderLine,
	type ParsedFile,
	type ParsedRequest,
	type ParseProblem,
	type RequestBody,
	type RequestDirectives,
	type SourceRange,
} from '../model';
import { redactTokens } from '../../redact';
import { IGNORED_DIRECTIVES, isCommentLine, matchDirective, parseTimeout } from './directives';
import { isBlank, type SourceLine, splitSourceLines } from './lines';
import { parseRequestLine } from './requestLine';
import { type Piece, piecesOfVerbatim, rangeIn, recordOrigins } from './sourceMap';
import { isDhis2TokenAuthorization, templateSyntaxProblems } from './templates';
import { urlForm, writtenUrlProblem } from './url';

const SEPARATOR = /^###/;
// Group 1 is everything before the name, group 3 everything between name and value: offsets without the slow `d` flag.
const FILE_VARIABLE = /^(\s*@)([A-Za-z_][\w.-]*)(\s*=\s*)(.*?)\s*$/;
const HEADER = /^(\s*)((?:[!#$%&'*+.^_`|~0-9A-Za-z-]|\{\{[^{}]*\}\})+)([ \t]*:[ \t]*)(.*?)\s*$/;
const FILE_BODY = /^(\s*)<(?:@(\S*))?\s+(\S.*?)\s*$/;
/** JetBrains' `< {% … %}` pre-request and `> {% … %}` response-handler scripts. */
const SCRIPT_START = /^\s*[<>]\s*\{%/;
/** Lines after a body that JetBrains writes for response handling: handler file, output redirect, response reference. */
const RESPONSE_TRAILER = /^\s*(?:>\s*\{%|>>!?\s+\S|>\s+\S|<>\s+\S)/;
const LOOKS_LIKE_REQUEST = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(https?:\/\/|\/|\{\{)/;
const BODY_ENCODINGS: Readonly<Record<string, string>> = { 'utf8': 'utf8', 'utf-8': 'utf8', 'latin1': 'latin1', 'iso-8859-1': 'latin1', 'ascii': 'ascii', 'utf16le': 'utf16le', 'utf-16le': 'utf16le' };

const lineRange = (line: number, start: number, end: number): SourceRange => ({ start: { line, character: start }, end: { line, character: end } });

/** The trimmed content of a line as a range. */
function contentRange(line: SourceLine): SourceRange {
	const start = line.text.length - line.text.trimStart().length;
	return lineRange(line.line, start, line.text.trimEnd().length);
}

class ProblemList {
	readonly items: ParseProblem[] = [];

	add(range: SourceRange, message: string, severity: ParseProblem['severity'] = 'error'): void {
		// Messages quote names and words from the file, which could be a pasted key: they become diagnostics and logs.
		this.items.push({ message: redactTokens(message), range, severity });
	}

	/** Template problems in a string whose characters came from `pieces`. */
	addTemplateProblems(text: string, pieces: readonly Piece[], options: Parameters<typeof templateSyntaxProblems>[1] = {}): void {
		for (const problem of templateSyntaxProblems(text, options)) this.add(rangeIn(pieces, problem.start, problem.end), problem.message);
	}
}

interface Block {
	readonly separator?: SourceLine;
	readonly lines: readonly SourceLine[];
}

function splitBlocks(lines: readonly SourceLine[]): Block[] {
	const blocks: Block[] = [];
	let current: { separator?: SourceLine; lines: SourceLine[] } = { lines: [] };
	for (const line of lines) {
		if (SEPARATOR.test(line.text)) {
			blocks.push(current);
			current = { separator: line, lines: [] };
		} else current.lines.push(line);
	}
	blocks.push(current);
	return blocks;
}

interface NamedSpan {
	readonly value: string;
	readonly range: SourceRange;
}

interface MutableDirectives {
	noRedirect: boolean;
	noCookieJar: boolean;
	timeoutMs?: number;
	note?: string;
	name?: NamedSpan;
	present: SourceRange[];
}

/** Parses one `### …` block: variables and directives, then at most one request. */
class BlockParser {
	private index = 0;
	private readonly directives: MutableDirectives = { noRedirect: false, noCookieJar: false, present: [] };

	constructor(
		private readonly text: string,
		private readonly block: Block,
		private readonly problems: ProblemList,
		private readonly variables: Map<string, { value: string; range: SourceRange }>,
	) {}

	private get lines(): readonly SourceLine[] {
		return this.block.lines;
	}

	parse(requestIndex: number, lastLine: SourceLine): { request?: ParsedRequest; nameRange?: SourceRange } {
		const requestLine = this.readPreamble();
		const title = this.title();
		if (!requestLine) {
			this.reportEmptyBlock(title);
			return {};
		}
		if (/^\s*(?:[<>[\]"'}]|\{(?!\{))/.test(requestLine.text)) {
			this.problems.add(contentRange(requestLine), 'Expected a request line such as `GET https://example.org/api/me` before this');
			return {};
		}
		const name = this.directives.name ?? title;
		const built = this.readRequest(requestLine, requestIndex, name?.value, lastLine);
		return { request: built, ...(name ? { nameRange: name.range } : {}) };
	}

	private title(): NamedSpan | undefined {
		const separator = this.block.separator;
		if (!separator) return undefined;
		const match = /^#+\s*(.*?)\s*$/.exec(separator.text);
		const value = match?.[1] ?? '';
		if (value === '') return undefined;
		const start = separator.text.indexOf(value, separator.text.match(/^#+/)?.[0].length ?? 0);
		return { value, range: lineRange(separator.line, start, start + value.length) };
	}

	private reportEmptyBlock(title: NamedSpan | undefined): void {
		const firstDirective = this.directives.present[0];
		if (firstDirective) {
			this.problems.add(firstDirective, 'This directive applies to no request: the block has no request line', 'warning');
		} else if (title && this.lines.every((line) => isBlank(line.text))) {
			this.problems.add(title.range, `\`### ${title.value}\` names a block with no request line`, 'warning');
		}
	}

	/** Comments, directives, file variables and scripts up to the request line, which it returns. */
	private readPreamble(): SourceLine | undefined {
		for (; this.index < this.lines.length; this.index++) {
			const line = this.lines[this.index];
			if (!line || isBlank(line.text)) continue;
			if (SCRIPT_START.test(line.text)) {
				this.skipScript('Pre-request scripts are not run by dhis2-pat; this one is ignored');
				continue;
			}
			const directive = matchDirective(line.text);
			if (directive) {
				this.readDirective(line, directive);
				continue;
			}
			if (isCommentLine(line.text)) continue;
			if (/^\s*@/.test(line.text)) {
				this.readFileVariable(line);
				continue;
			}
			this.index++;
			return line;
		}
		return undefined;
	}

	/** Skips a `{% … %}` script starting at the current line, leaving the index on its last line. */
	private skipScript(message: string): void {
		const first = this.lines[this.index];
		if (!first) return;
		const opened = first.text.indexOf('{%');
		let last = first;
		let closed = first.text.indexOf('%}', opened + 2) >= 0;
		while (!closed && this.index + 1 < this.lines.length) {
			this.index++;
			const line = this.lines[this.index];
			if (!line || isBlank(line.text)) continue;
			last = line;
			closed = line.text.includes('%}');
		}
		this.problems.add({ start: contentRange(first).start, end: contentRange(last).end }, closed ? message : 'This script is never closed with `%}`', closed ? 'warning' : 'error');
	}

	private readDirective(line: SourceLine, directive: NonNullable<ReturnType<typeof matchDirective>>): void {
		const keyRange = lineRange(line.line, directive.keyStart - 1, directive.keyEnd);
		const valueRange = lineRange(line.line, directive.valueStart, directive.valueEnd);
		const whole = lineRange(line.line, directive.keyStart - 1, Math.max(directive.keyEnd, directive.valueEnd));
		this.directives.present.push(whole);
		switch (directive.key) {
			case 'name':
				if (directive.value === '') this.problems.add(keyRange, '`@name` needs a name, e.g. `# @name login`');
				else this.directives.name = { value: directive.value, range: valueRange };
				return;
			case 'note':
				this.directives.note = directive.value;
				return;
			case 'no-redirect':
				this.directives.noRedirect = true;
				return;
			case 'no-cookie-jar':
				this.directives.noCookieJar = true;
				return;
			case 'timeout': {
				const ms = parseTimeout(directive.value);
				if (ms === undefined) {
					this.problems.add(directive.value === '' ? keyRange : valueRange, '`@timeout` needs a duration such as `5000` (milliseconds), `5 s` or `2 m`, at most a day');
				} else this.directives.timeoutMs = ms;
				return;
			}
			default:
				if (IGNORED_DIRECTIVES.includes(directive.key)) return;
				this.problems.add(keyRange, `Unknown directive \`@${directive.key}\`; it is ignored (known: @name, @note, @no-redirect, @no-cookie-jar, @timeout)`, 'warning');
		}
	}

	private readFileVariable(line: SourceLine): void {
		const match = FILE_VARIABLE.exec(line.text);
		if (!match) {
			this.problems.add(contentRange(line), 'A file variable is written `@name = value`');
			return;
		}
		const nameStart = (match[1] ?? '').length;
		const name = match[2] ?? '';
		const valueStart = nameStart + name.length + (match[3] ?? '').length;
		const value = match[4] ?? '';
		const range = lineRange(line.line, valueStart, valueStart + value.length);
		const earlier = this.variables.get(name);
		if (earlier) {
			this.problems.add(lineRange(line.line, nameStart - 1, nameStart + name.length), `\`@${name}\` is already defined on line ${earlier.range.start.line + 1}; this later value wins`, 'warning');
		}
		// Delete first so the map's order follows the winning definitions.
		this.variables.delete(name);
		this.variables.set(name, { value, range });
		this.problems.addTemplateProblems(value, [{ offset: 0, line: line.line, character: valueStart }]);
	}

	private readRequest(first: SourceLine, index: number, name: string | undefined, lastLine: SourceLine): ParsedRequest {
		const parts = parseRequestLine(first.text);
		for (const problem of parts.problems) this.problems.add(lineRange(first.line, problem.start, problem.end), problem.message);
		let url = parts.url;
		const urlPieces: Piece[] = [{ offset: 0, line: first.line, character: parts.urlSpan.start }];
		let urlEnd = { line: first.line, character: parts.urlSpan.end };
		// REST Client's multi-line query (`?`/`&` lines) and JetBrains' indented path/query continuation.
		for (; this.index < this.lines.length; this.index++) {
			const line = this.lines[this.index];
			if (!line) break;
			const trimmed = line.text.trim();
			if (/^[?&]/.test(trimmed) || (/^\//.test(trimmed) && !trimmed.startsWith('//'))) {
				const start = line.text.indexOf(trimmed);
				urlPieces.push({ offset: url.length, line: line.line, character: start });
				url += trimmed;
				urlEnd = { line: line.line, character: start + trimmed.length };
			} else if (!(isCommentLine(line.text) && !matchDirective(line.text))) break;
		}
		const requestLineRange: SourceRange = { start: contentRange(first).start, end: urlEnd.line === first.line ? contentRange(first).end : urlEnd };
		const urlRange: SourceRange = url === '' ? requestLineRange : { start: { line: first.line, character: parts.urlSpan.start }, end: urlEnd };

		const { headers, headerOrigins } = this.readHeaders();
		const body = this.readBody(parts.method);

		const shapeProblem = writtenUrlProblem(url);
		if (shapeProblem) this.problems.add(urlRange, shapeProblem);
		else if (urlForm(url) === 'origin' && !headers.some((header) => /^host$/i.test(header.name))) {
			this.problems.add(urlRange, 'A URL that starts with `/` needs a `Host` header; or write the full address, e.g. `{{baseUrl}}/api/me`');
		}
		this.problems.addTemplateProblems(url, urlPieces);

		const directives: RequestDirectives = {
			noRedirect: this.directives.noRedirect,
			noCookieJar: this.directives.noCookieJar,
			...(this.directives.timeoutMs !== undefined ? { timeoutMs: this.directives.timeoutMs } : {}),
			...(this.directives.note !== undefined ? { note: this.directives.note } : {}),
		};
		const blockStart = this.block.separator ?? this.lines[0] ?? first;
		const request: ParsedRequest = {
			index,
			...(name !== undefined ? { name } : {}),
			method: parts.method,
			url,
			...(parts.httpVersion ? { httpVersion: parts.httpVersion } : {}),
			headers,
			...(body ? { body: body.body } : {}),
			directives,
			range: { start: { line: blockStart.line, character: 0 }, end: { line: lastLine.line, character: lastLine.text.length } },
			requestLineRange,
		};
		recordOrigins(request, { url: urlPieces, headers: headerOrigins, ...(body?.pathPieces ? { bodyPath: body.pathPieces } : {}) });
		return request;
	}

	private readHeaders(): { headers: HeaderLine[]; headerOrigins: { name: Piece[]; value: Piece[] }[] } {
		const headers: { name: string; value: string; range: SourceRange }[] = [];
		const headerOrigins: { name: Piece[]; value: Piece[] }[] = [];
		for (; this.index < this.lines.length; this.index++) {
			const line = this.lines[this.index];
			if (!line || isBlank(line.text)) break;
			if (RESPONSE_TRAILER.test(line.text)) break;
			if (matchDirective(line.text)) {
				this.problems.add(contentRange(line), 'Directives go above the request line; this one is ignored', 'warning');
				continue;
			}
			if (isCommentLine(line.text)) continue;
			const match = HEADER.exec(line.text);
			const previous = headers[headers.length - 1];
			const previousOrigin = headerOrigins[headerOrigins.length - 1];
			if (!match && /^\s/.test(line.text) && previous && previousOrigin) {
				// JetBrains: an indented line continues the header value above it.
				const trimmed = line.text.trim();
				const start = line.text.indexOf(trimmed);
				previousOrigin.value.push({ offset: previous.value.length + 1, line: line.line, character: start });
				previous.value += ` ${trimmed}`;
				previous.range = { start: previous.range.start, end: { line: line.line, character: start + trimmed.length } };
				continue;
			}
			if (!match) {
				const beforeColon = /^([^:]*):/.exec(line.text)?.[1];
				const message = beforeColon !== undefined && /^[^{}[\]"'<]+$/.test(beforeColon)
					? 'Invalid header name: use letters, digits and `-` before the `:`'
					: 'Not a header (`Name: value`): the body must follow a blank line';
				this.problems.add(contentRange(line), message);
				continue;
			}
			const nameStart = (match[1] ?? '').length;
			const name = match[2] ?? '';
			const valueStart = nameStart + name.length + (match[3] ?? '').length;
			const value = match[4] ?? '';
			const namePieces = [{ offset: 0, line: line.line, character: nameStart }];
			const valuePieces = [{ offset: 0, line: line.line, character: valueStart }];
			headers.push({ name, value, range: lineRange(line.line, nameStart, valueStart + value.length) });
			headerOrigins.push({ name: namePieces, value: valuePieces });
		}
		headers.forEach((header, position) => {
			const origin = headerOrigins[position];
			if (!origin) return;
			this.problems.addTemplateProblems(header.name, origin.name);
			this.problems.addTemplateProblems(header.value, origin.value, { allowDhis2Token: isDhis2TokenAuthorization(header.name, header.value) });
		});
		return { headers, headerOrigins };
	}

	/** The body after the blank line, up to the response handler lines or the end of the block. */
	private readBody(method: string): { body: RequestBody; pathPieces?: Piece[] } | undefined {
		const bodyLines: SourceLine[] = [];
		for (; this.index < this.lines.length; this.index++) {
			const line = this.lines[this.index];
			if (!line) break;
			if (RESPONSE_TRAILER.test(line.text)) {
				this.readTrailer();
				break;
			}
			bodyLines.push(line);
		}
		while (bodyLines.length > 0 && isBlank(bodyLines[0]?.text ?? '')) bodyLines.shift();
		while (bodyLines.length > 0 && isBlank(bodyLines[bodyLines.length - 1]?.text ?? '')) bodyLines.pop();
		const first = bodyLines[0];
		const last = bodyLines[bodyLines.length - 1];
		if (!first || !last) return undefined;
		const range: SourceRange = { start: { line: first.line, character: 0 }, end: { line: last.line, character: last.text.length } };

		const fileBody = FILE_BODY.exec(first.text);
		if (fileBody && bodyLines.length === 1) return this.fileBody(first, fileBody, range);

		const text = this.text.slice(first.offset, last.offset + last.text.length);
		const pieces = piecesOfVerbatim(text, range.start);
		this.problems.addTemplateProblems(text, pieces, { reportUnclosed: false });
		for (const line of bodyLines) {
			if (FILE_BODY.test(line.text)) {
				this.problems.add(contentRange(line), 'Only a body that is nothing but `< ./file` is read from a file; inside a longer body this line is sent as text', 'warning');
			}
		}
		const requestLike = LOOKS_LIKE_REQUEST.exec(first.text);
		if (requestLike && (method === 'GET' || method === 'HEAD')) {
			this.problems.add(contentRange(first), 'This looks like a second request but is the body of the one above: separate requests with `###`', 'warning');
		}
		return { body: { kind: 'inline', text, range } };
	}

	private fileBody(line: SourceLine, match: RegExpExecArray, range: SourceRange): { body: RequestBody; pathPieces: Piece[] } {
		const indent = (match[1] ?? '').length;
		const encodingName = match[2];
		const path = match[3] ?? '';
		const pathStart = line.text.indexOf(path, indent + 1 + (encodingName === undefined ? 0 : encodingName.length + 1));
		const pathPieces = [{ offset: 0, line: line.line, character: pathStart }];
		let encoding: string | undefined;
		if (encodingName) {
			encoding = BODY_ENCODINGS[encodingName.toLowerCase()];
			if (!encoding) {
				const start = indent + 2;
				this.problems.add(lineRange(line.line, start, start + encodingName.length), `Unknown encoding \`${encodingName}\` (use ${Object.keys(BODY_ENCODINGS).join(', ')})`);
			}
		}
		this.problems.addTemplateProblems(path, pathPieces);
		const body: RequestBody = {
			kind: 'file',
			path,
			substituteVariables: encodingName !== undefined,
			...(encoding ? { encoding } : {}),
			range: { start: contentRange(line).start, end: range.end },
		};
		return { body, pathPieces };
	}

	/** Response handler, output redirect and response reference lines: recognised, not run. */
	private readTrailer(): void {
		for (; this.index < this.lines.length; this.index++) {
			const line = this.lines[this.index];
			if (!line || isBlank(line.text) || isCommentLine(line.text)) continue;
			if (SCRIPT_START.test(line.text)) this.skipScript('Response handler scripts are not run by dhis2-pat; this one is ignored');
			else if (/^\s*<>/.test(line.text)) continue; // JetBrains' link to an earlier response: harmless
			else if (/^\s*>>/.test(line.text)) this.problems.add(contentRange(line), 'Saving the response with `>>` is not supported; use the response view\'s Save', 'warning');
			else if (/^\s*>/.test(line.text)) this.problems.add(contentRange(line), 'Response handler scripts are not run by dhis2-pat; this line is ignored', 'warning');
			else this.problems.add(contentRange(line), 'Text after the response handler is ignored', 'warning');
		}
	}
}

const byPosition = (a: ParseProblem, b: ParseProblem): number =>
	a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/**
 * Parses a `.http` / `.rest` file: JetBrains' request-in-editor grammar with REST Client's extensions. Never throws;
 * every problem is reported with its range and parsing goes on after it.
 */
export function parseHttpFile(text: string): ParsedFile {
	const problems = new ProblemList();
	const variables = new Map<string, { value: string; range: SourceRange }>();
	const requests: ParsedRequest[] = [];
	const names = new Map<string, number>();
	const lines = splitSourceLines(text);
	for (const block of splitBlocks(lines)) {
		const lastLine = block.lines[block.lines.length - 1] ?? block.separator ?? lines[0];
		if (!lastLine) continue;
		const { request, nameRange } = new BlockParser(text, block, problems, variables).parse(requests.length, lastLine);
		if (!request) continue;
		requests.push(request);
		if (request.name === undefined || !nameRange) continue;
		const earlier = names.get(request.name);
		if (earlier !== undefined) problems.add(nameRange, `Another request on line ${earlier + 1} is already named \`${request.name}\``, 'warning');
		else names.set(request.name, request.requestLineRange.start.line);
	}
	return { requests, fileVariables: variables, problems: problems.items.sort(byPosition) };
}

/** The problems inside one request's block; a request with an `error` among them should not be sent. */
export function requestProblems(file: ParsedFile, request: ParsedRequest): ParseProblem[] {
	const { start, end } = request.range;
	return file.problems.filter(({ range }) => range.start.line >= start.line && range.start.line <= end.line);
}

/** The request whose block contains `line` (0-based), for "send the request at the cursor". */
export function requestAtLine(file: ParsedFile, line: number): ParsedRequest | undefined {
	return file.requests.find((request) => request.range.start.line <= line && line <= request.range.end.line);
}

/** One fold per request block. Needed because folding markers cannot fold from one `###` to the next. */
export function requestFoldingRanges(file: ParsedFile): { startLine: number; endLine: number }[] {
	return file.requests
		.map((request) => ({ startLine: request.range.start.line, endLine: request.range.end.line }))
		.filter((range) => range.endLine > range.startLine);
}
