import { type Position, type Range, type TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { type Finding, type ScanOptions, scanText } from '../core/scan';
import { COMMON_PREFIX } from '../core/token';

/** A finding placed on its line; `character` counts UTF-16 code units, as LSP does. */
export interface LineFinding {
	readonly finding: Finding;
	readonly line: number;
	readonly character: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;

function splitLines(text: string): { lines: string[]; eols: string[] } {
	const lines: string[] = [];
	const eols: string[] = [];
	let start = 0;
	for (const match of text.matchAll(LINE_BREAK)) {
		lines.push(text.slice(start, match.index));
		eols.push(match[0]);
		start = match.index + match[0].length;
	}
	lines.push(text.slice(start));
	eols.push('');
	return { lines, eols };
}

/** `array.splice` in place for small edits; a pasted file of 100k lines would overflow its argument list. */
function replaceRange<T>(array: T[], start: number, deleteCount: number, items: T[]): T[] {
	if (items.length < 10_000) {
		array.splice(start, deleteCount, ...items);
		return array;
	}
	return array.slice(0, start).concat(items, array.slice(start + deleteCount));
}

/**
 * An open document kept as an array of lines rather than one string. Typing in a 5 MB file then
 * touches a line or two instead of copying the whole text (on this kind of VM the fresh memory
 * for each 10 MB copy alone costs tens of milliseconds), and only the touched lines are rescanned:
 * a token never spans a line break, and an inline directive reaches at most the next line.
 * The whole text is joined only when something asks for it (code actions).
 */
export class LineDocument implements TextDocument {
	private lines: string[];
	/** The line break after each line; `''` after the last. */
	private eols: string[];
	/** Findings per line (offsets within the line), `undefined` where the line changed since it was last scanned. */
	private findingsByLine: (Finding[] | undefined)[];
	private scannedWith: boolean | undefined;
	private joined: string | undefined;
	private lineOffsets: number[] | undefined;
	private totalLength: number;

	private constructor(
		readonly uri: string,
		readonly languageId: string,
		private currentVersion: number,
		text: string,
	) {
		({ lines: this.lines, eols: this.eols } = splitLines(text));
		this.findingsByLine = new Array<Finding[] | undefined>(this.lines.length);
		this.joined = text;
		this.totalLength = text.length;
	}

	static create(uri: string, languageId: string, version: number, text: string): LineDocument {
		return new LineDocument(uri, languageId, version, text);
	}

	/** The `TextDocuments` update hook: edits in place, as the manager hands out one object per URI. */
	static update(document: LineDocument, changes: TextDocumentContentChangeEvent[], version: number): LineDocument {
		for (const change of changes) {
			if ('range' in change) document.applyEdit(change.range, change.text);
			else document.replaceAll(change.text);
		}
		document.currentVersion = version;
		return document;
	}

	get version(): number {
		return this.currentVersion;
	}

	get lineCount(): number {
		return this.lines.length;
	}

	/** Length in UTF-16 code units, without joining the lines. */
	get length(): number {
		return this.totalLength;
	}

	getText(range?: Range): string {
		this.joined ??= this.lines.map((line, index) => line + this.eols[index]).join('');
		return range ? this.joined.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.joined;
	}

	offsetAt(position: Position): number {
		const offsets = this.offsets();
		if (position.line >= this.lines.length) return this.totalLength;
		if (position.line < 0) return 0;
		const line = this.lines[position.line] ?? '';
		return (offsets[position.line] ?? 0) + Math.max(0, Math.min(position.character, line.length));
	}

	positionAt(offset: number): Position {
		const offsets = this.offsets();
		const clamped = Math.max(0, Math.min(offset, this.totalLength));
		let low = 0;
		let high = offsets.length - 1;
		while (low < high) {
			const middle = (low + high + 1) >> 1;
			if ((offsets[middle] ?? 0) <= clamped) low = middle;
			else high = middle - 1;
		}
		const line = this.lines[low] ?? '';
		return { line: low, character: Math.min(clamped - (offsets[low] ?? 0), line.length) };
	}

	getLineRange(line: number): Range {
		const clamped = Math.max(0, Math.min(line, this.lines.length - 1));
		const length = (this.lines[clamped] ?? '').length;
		return { start: { line: clamped, character: 0 }, end: { line: clamped, character: line < 0 ? 0 : length } };
	}

	getEOLCharacters(line: number): string {
		return this.eols[line] ?? '';
	}

	/** Every finding with its position, rescanning only lines changed since the last call. */
	findings(options: Pick<ScanOptions, 'includeLookalikes'>): LineFinding[] {
		const includeLookalikes = options.includeLookalikes ?? false;
		if (this.scannedWith !== includeLookalikes) {
			this.findingsByLine = new Array<Finding[] | undefined>(this.lines.length);
			this.scannedWith = includeLookalikes;
		}
		const all: LineFinding[] = [];
		for (let line = 0; line < this.lines.length; line++) {
			let found = this.findingsByLine[line];
			if (found === undefined) {
				found = this.scanLine(line, includeLookalikes);
				this.findingsByLine[line] = found;
			}
			for (const finding of found) all.push({ finding, line, character: finding.start });
		}
		return all;
	}

	private scanLine(line: number, includeLookalikes: boolean): Finding[] {
		const text = this.lines[line] ?? '';
		if (!text.includes(COMMON_PREFIX)) return [];
		// The line before rides along, so `allow-next-line` directives there are seen.
		const before = line > 0 ? `${this.lines[line - 1]}\n` : '';
		return scanText(before + text, { includeLookalikes })
			.filter((finding) => finding.start >= before.length)
			.map((finding) => ({ ...finding, start: finding.start - before.length, end: finding.end - before.length }));
	}

	private applyEdit(range: Range, newText: string): void {
		const last = this.lines.length - 1;
		const startLine = Math.max(0, Math.min(range.start.line, last));
		const endLine = Math.max(startLine, Math.min(range.end.line, last));
		// Rewrite one line more on each side: an edit next to a lone `\r` can merge it into `\r\n`
		// or split one, which changes where the neighbouring lines begin.
		const first = Math.max(0, startLine - 1);
		const lastRewritten = Math.min(last, endLine + 1);
		let region = '';
		let startOffset = 0;
		let endOffset = 0;
		for (let line = first; line <= lastRewritten; line++) {
			const content = this.lines[line] ?? '';
			if (line === startLine) startOffset = region.length + Math.max(0, Math.min(range.start.character, content.length));
			if (line === endLine) endOffset = region.length + Math.max(0, Math.min(range.end.line > last ? content.length : range.end.character, content.length));
			region += content + (this.eols[line] ?? '');
		}
		if (range.start.line > last) startOffset = region.length;
		if (range.end.line > last) endOffset = region.length;
		endOffset = Math.max(endOffset, startOffset);
		const rewritten = region.slice(0, startOffset) + newText + region.slice(endOffset);
		const { lines, eols } = splitLines(rewritten);
		if (lastRewritten < last) {
			// The region ended with a line break; the empty piece after it is the start of the next, untouched line.
			lines.pop();
			eols.pop();
		}
		const removed = lastRewritten - first + 1;
		this.lines = replaceRange(this.lines, first, removed, lines);
		this.eols = replaceRange(this.eols, first, removed, eols);
		this.findingsByLine = replaceRange(this.findingsByLine, first, removed, new Array<undefined>(lines.length).fill(undefined));
		// A directive edited on the region's last line decides the verdict of the line after it.
		const next = first + lines.length;
		if (next < this.findingsByLine.length) this.findingsByLine[next] = undefined;
		this.totalLength += newText.length - (endOffset - startOffset);
		this.joined = undefined;
		this.lineOffsets = undefined;
	}

	private replaceAll(text: string): void {
		({ lines: this.lines, eols: this.eols } = splitLines(text));
		this.findingsByLine = new Array<Finding[] | undefined>(this.lines.length);
		this.joined = text;
		this.lineOffsets = undefined;
		this.totalLength = text.length;
	}

	private offsets(): number[] {
		if (!this.lineOffsets) {
			const offsets = new Array<number>(this.lines.length);
			let offset = 0;
			for (let line = 0; line < this.lines.length; line++) {
				offsets[line] = offset;
				offset += (this.lines[line] ?? '').length + (this.eols[line] ?? '').length;
			}
			this.lineOffsets = offsets;
		}
		return this.lineOffsets;
	}
}
