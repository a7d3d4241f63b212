/** The import an environment lookup needs: Python's `import os`, Go's `"os"`. */
import { eolOf, lineStartAt } from './textLines';
import { type OffsetEdit } from './types';

interface Line {
	readonly start: number;
	/** Start of the next line (after the line break). */
	readonly next: number;
	readonly text: string;
}

function linesOf(text: string): Line[] {
	const lines: Line[] = [];
	const pattern = /([^\r\n]*)(\r\n|\r|\n|$)/g;
	for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
		lines.push({ start: match.index, next: match.index + match[0].length, text: match[1] ?? '' });
		if (match[0].length === 0 || pattern.lastIndex >= text.length) break;
	}
	return lines;
}

/** `import os`, `import sys, os`, `import os.path` bind `os` at module level; `import os as o` and indented imports do not. */
function pythonImportsOs(text: string): boolean {
	for (const match of text.matchAll(/^import[ \t]+([^#\r\n;]+)/gm)) {
		const names = (match[1] ?? '').split(',').map((name) => name.trim());
		if (names.some((name) => /^os(?:\.[\w.]+)?$/.test(name))) return true;
	}
	return false;
}

const PY_STRING_START = /^(?:[rRuU])?("""|'''|"|')/;

/** Where a module-level import may go: after a shebang, comments, the module docstring and `from __future__` imports. */
function pythonImportOffset(text: string): number {
	const lines = linesOf(text);
	let index = 0;
	const skipBlankAndComments = () => {
		while (index < lines.length && /^\s*(?:#.*)?$/.test(lines[index]?.text ?? '')) index += 1;
	};
	skipBlankAndComments();
	const docstring = PY_STRING_START.exec(lines[index]?.text ?? '');
	if (docstring) {
		const quote = docstring[1] ?? '"';
		const first = lines[index] as Line;
		const bodyStart = first.start + docstring[0].length;
		const close = text.indexOf(quote, bodyStart);
		if (close >= 0) {
			while (index < lines.length && (lines[index] as Line).next <= close) index += 1;
			index += 1;
		}
	}
	for (;;) {
		skipBlankAndComments();
		const line = lines[index]?.text ?? '';
		if (!/^from[ \t]+__future__[ \t]+import\b/.test(line)) break;
		// A parenthesised list runs to its closing parenthesis.
		if (line.includes('(') && !line.includes(')')) {
			while (index < lines.length && !(lines[index]?.text ?? '').includes(')')) index += 1;
		}
		index += 1;
	}
	return index < lines.length ? (lines[index] as Line).start : text.length;
}

/**
 * `import os` for a Python module (or notebook cell), unless it is already imported. It never lands
 * after `firstUse` (a token in the module docstring itself is used before the usual import spot).
 */
export function pythonOsImport(text: string, firstUse = text.length): OffsetEdit | undefined {
	if (pythonImportsOs(text)) return undefined;
	const eol = eolOf(text);
	const usual = pythonImportOffset(text);
	const at = usual > firstUse ? lineStartAt(text, firstUse) : usual;
	const needsBreak = at === text.length && text.length > 0 && !/[\r\n]$/.test(text);
	return { start: at, end: at, newText: `${needsBreak ? eol : ''}import os${eol}` };
}

const GO_IMPORT_ENTRY = /^(\s*)(?:[\w.]+\s+)?"([^"]+)"/;

/** `"os"` for a Go file: into the `import (…)` block, sorted among the standard library, else a line of its own. */
export function goOsImport(text: string): OffsetEdit | undefined {
	const eol = eolOf(text);
	if (/^import[ \t]+"os"/m.test(text)) return undefined;
	const lines = linesOf(text);
	const blockOpen = lines.findIndex((line) => /^import\s*\(\s*(?:\/\/.*)?$/.test(line.text));
	if (blockOpen >= 0) {
		const entries: { line: Line; indent: string; path: string }[] = [];
		for (let index = blockOpen + 1; index < lines.length; index++) {
			const line = lines[index] as Line;
			if (/^\s*\)/.test(line.text)) break;
			const entry = GO_IMPORT_ENTRY.exec(line.text);
			if (!entry) continue;
			if (entry[2] === 'os' && !/^\s*[\w.]+\s+"/.test(line.text)) return undefined;
			entries.push({ line, indent: entry[1] ?? '\t', path: entry[2] ?? '' });
		}
		const indent = entries[0]?.indent ?? '\t';
		const standard = entries.filter((entry) => !entry.path.includes('.'));
		const before = standard.find((entry) => entry.path > 'os');
		const last = standard[standard.length - 1];
		const at = before ? before.line.start : last ? last.line.next : (lines[blockOpen] as Line).next;
		return { start: at, end: at, newText: `${indent}"os"${eol}` };
	}
	const firstImport = lines.find((line) => /^import\s/.test(line.text));
	if (firstImport) return { start: firstImport.start, end: firstImport.start, newText: `import "os"${eol}` };
	const packageClause = lines.find((line) => /^package\s+\w+/.test(line.text));
	if (!packageClause) return undefined;
	const at = packageClause.start + packageClause.text.length;
	return { start: at, end: at, newText: `${eol}${eol}import "os"` };
}
