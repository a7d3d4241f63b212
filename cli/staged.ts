import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** A file as it is staged: its blob from the index, not the working tree. */
export interface StagedFile {
	/** Relative to the repository's top, `/`-separated, as git prints it. */
	readonly path: string;
	readonly absolutePath: string;
	/** Absent when the blob was larger than the size limit (it is then never loaded). */
	readonly content?: Buffer;
	readonly size: number;
}

export interface StagedSnapshot {
	readonly top: string;
	readonly files: readonly StagedFile[];
}

export class StagedError extends Error {}

const MODE_REGULAR = '100644';
const MODE_EXECUTABLE = '100755';

function git(cwd: string, args: readonly string[], input?: string): Buffer {
	try {
		// Inherits the environment on purpose: `git commit <paths>` runs hooks with GIT_INDEX_FILE set to a
		// temporary index, and that index, not .git/index, is what is about to be committed.
		return execFileSync('git', args, { cwd, input, maxBuffer: Number.MAX_SAFE_INTEGER, stdio: ['pipe', 'pipe', 'pipe'] });
	} catch (error) {
		const detail = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim().split('\n')[0];
		throw new StagedError(detail || (error instanceof Error ? error.message : String(error)));
	}
}

/**
 * The added, copied, modified, renamed or type-changed files in the index (renames show as additions,
 * `--no-renames`; a type change catches a symlink replaced by a real file), with the content of each
 * blob. Line numbers then come from what is being committed, even when the working tree differs.
 */
export function readStaged(cwd: string, pathspecs: readonly string[], maxFileBytes: number): StagedSnapshot {
	let top: string;
	try {
		top = git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
	} catch (error) {
		throw new StagedError(`--staged needs a git repository: ${(error as Error).message}`);
	}
	// Run from the top so paths come out relative to it even under `diff.relative`; pathspecs are made
	// absolute first, which git accepts for paths inside the work tree.
	const specs = pathspecs.map((spec) => resolve(cwd, spec));
	const raw = git(top, [
		'-c',
		'core.quotePath=false',
		'diff',
		'--cached',
		'--raw',
		'-z',
		'--no-abbrev',
		'--no-renames',
		'--diff-filter=ACMRT',
		...(specs.length > 0 ? ['--', ...specs] : []),
	]).toString('utf8');

	const entries = parseRawDiff(raw).filter((entry) => entry.mode === MODE_REGULAR || entry.mode === MODE_EXECUTABLE);
	if (entries.length === 0) return { top, files: [] };

	const sizes = git(top, ['cat-file', '--batch-check=%(objectsize)'], entries.map((entry) => `${entry.oid}\n`).join(''))
		.toString('utf8')
		.trim()
		.split('\n')
		.map(Number);
	const wanted = entries.filter((_entry, index) => (sizes[index] ?? Infinity) <= maxFileBytes);
	const contents = readBlobs(top, wanted.map((entry) => entry.oid));
	return {
		top,
		files: entries.map((entry, index) => {
			const content = contents.get(entry.oid);
			return { path: entry.path, absolutePath: resolve(top, entry.path), size: sizes[index] ?? 0, ...(content ? { content } : {}) };
		}),
	};
}

interface RawEntry {
	readonly mode: string;
	readonly oid: string;
	readonly path: string;
}

/** `:100644 100644 <old> <new> M\0path\0`, repeated: the new mode and blob id of each path. */
function parseRawDiff(raw: string): RawEntry[] {
	const fields = raw.split('\0');
	const entries: RawEntry[] = [];
	for (let i = 0; i + 1 < fields.length; i += 2) {
		const [, newMode, , newOid] = (fields[i] ?? '').slice(1).split(' ');
		const path = fields[i + 1];
		if (newMode && newOid && path) entries.push({ mode: newMode, oid: newOid, path });
	}
	return entries;
}

/** One `git cat-file --batch` for all blobs: `<oid> <type> <size>\n<content>\n` each. */
function readBlobs(top: string, oids: readonly string[]): Map<string, Buffer> {
	const blobs = new Map<string, Buffer>();
	const unique = [...new Set(oids)];
	if (unique.length === 0) return blobs;
	const output = git(top, ['cat-file', '--batch'], unique.map((oid) => `${oid}\n`).join(''));
	let offset = 0;
	for (const oid of unique) {
		const headerEnd = output.indexOf(10, offset);
		if (headerEnd < 0) break;
		const [, type, sizeText] = output.toString('latin1', offset, headerEnd).split(' ');
		const size = Number(sizeText);
		if (type === undefined || !Number.isFinite(size)) {
			offset = headerEnd + 1; // `<oid> missing`: a header and no content
			continue;
		}
		blobs.set(oid, output.subarray(headerEnd + 1, headerEnd + 1 + size));
		offset = headerEnd + 1 + size + 1;
	}
	return blobs;
}
