// The scan corpus: a copy of real code nobody here wrote, with generated tokens planted at recorded places.
import { isUtf8 } from 'node:buffer';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * secretlint never enters a folder named `node_modules` (a built-in ignore no flag turns off), so nested
 * ones are copied under this name: every tool then reads the same files.
 */
const RENAMED_NODE_MODULES = '_node_modules';

/**
 * Copies regular files and folders. Symlinks are left out: ripgrep skips them unless told to follow,
 * our walk follows links to files, so only a link-free tree is the same set of files for every tool.
 * A file that vanishes mid-copy (a concurrent `npm install`) is skipped.
 */
export function copyTree(source, target) {
	let files = 0;
	let bytes = 0;
	const pending = [[source, target]];
	while (pending.length > 0) {
		const [from, to] = pending.pop();
		mkdirSync(to, { recursive: true });
		let entries;
		try {
			entries = readdirSync(from, { withFileTypes: true });
		} catch {
			continue;
		}
		for (const entry of entries) {
			const sourcePath = join(from, entry.name);
			if (entry.isDirectory()) {
				const name = entry.name === 'node_modules' ? RENAMED_NODE_MODULES : entry.name;
				pending.push([sourcePath, join(to, name)]);
			} else if (entry.isFile()) {
				try {
					copyFileSync(sourcePath, join(to, entry.name));
					bytes += statSync(sourcePath).size;
					files += 1;
				} catch {
					// Gone since the listing: the tree just holds one file fewer.
				}
			}
		}
	}
	return { files, bytes };
}

/** Every regular file under `root` as a posix path relative to it, sorted (a stable base for seeded choices). */
export function listFiles(root) {
	const files = [];
	const pending = [''];
	while (pending.length > 0) {
		const relative = pending.pop();
		for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
			const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
			if (entry.isDirectory()) pending.push(path);
			else if (entry.isFile()) files.push(path);
		}
	}
	return files.sort();
}

// A line that holds an inline-ignore directive (or follows one) would rightly hide a planted token.
// Broader than the scanner's own directives, so a near-miss spelling cannot make the check flaky.
const DIRECTIVE_LIKE = /dhis2-pat:allow|gitleaks:allow|pragma:\s*allowlist|secretlint-disable/i;
const MAX_PLANT_FILE_BYTES = 2 * 1024 * 1024;
const MINIFIED_LINE_CHARS = 100_000;

/**
 * Text we can plant into without ambiguity about where the token ends up: valid UTF-8, no NUL (binary),
 * no `\r` (all line-break conventions agree on `\n`-only files), no `d2p` of its own.
 */
function plantableText(bytes) {
	if (bytes.length === 0 || bytes.length > MAX_PLANT_FILE_BYTES) return undefined;
	if (bytes.subarray(0, 8000).includes(0) || !isUtf8(bytes)) return undefined;
	const text = bytes.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff || text.includes('\r') || text.includes('d2p')) return undefined;
	return text;
}

function isDotPath(path) {
	return path.split('/').some((part) => part.startsWith('.'));
}

/** Length of a line's leading ASCII run: columns inside it are the same in bytes, UTF-16 units and code points. */
function asciiPrefixLength(line) {
	const match = /[^\x20-\x7e\t]/.exec(line);
	return match ? match.index : line.length;
}

function plantableLineIndexes(lines) {
	const indexes = [];
	for (let i = 0; i < lines.length; i++) {
		if (DIRECTIVE_LIKE.test(lines[i]) || (i > 0 && DIRECTIVE_LIKE.test(lines[i - 1]))) continue;
		indexes.push(i);
	}
	return indexes;
}

const TOKEN_KINDS = [
	{ version: 'v1', variant: 'plain' },
	{ version: 'v1', variant: 'padded' },
	{ version: 'v2', variant: 'padded' },
	{ version: 'v2', variant: 'plain' },
];

/**
 * Plants `count` generated tokens in the tree at `root`, all choices drawn from `seededRandom(seed)` so
 * every run plants the same tokens in the same places. Returns where each went:
 * `{ path, line, column, fingerprint, version, variant, placement }` with 1-based line and column.
 * Placements: a regular text file at a line start or inside a line, a dotfile (or a file in a
 * dot-folder), and ten in one line of at least 100 KB (a minified bundle).
 */
export function plantTokens(root, token, { count = 200, seed = 20240229 } = {}) {
	const random = token.seededRandom(seed);
	const tokenRandom = token.seededRandom(seed ^ 0x5eed);
	const planted = [];
	const nextToken = () => {
		const kind = TOKEN_KINDS[planted.length % TOKEN_KINDS.length];
		const value = token.generateToken({ version: kind.version, variant: kind.variant, random: tokenRandom });
		return { value, kind };
	};
	const record = (path, line, column, value, kind, placement) =>
		planted.push({ path, line: line + 1, column: column + 1, fingerprint: token.fingerprint(value), ...kind, placement });

	const files = listFiles(root);
	const shuffled = shuffle(files, random);
	const used = new Set();

	// Ten tokens inside one long minified line.
	const minifiedCount = Math.min(10, count);
	const minified = findMinifiedLine(root, files) ?? createMinifiedLine(root, files);
	used.add(minified.path);
	{
		const lines = minified.text.split('\n');
		const line = lines[minified.lineIndex];
		const limit = asciiPrefixLength(line);
		const columns = new Set();
		while (columns.size < minifiedCount) columns.add(random(limit + 1));
		let shift = 0;
		let rebuilt = '';
		let from = 0;
		for (const column of [...columns].sort((a, b) => a - b)) {
			const { value, kind } = nextToken();
			rebuilt += `${line.slice(from, column)} ${value} `;
			record(minified.path, minified.lineIndex, column + shift + 1, value, kind, 'minified line');
			shift += value.length + 2;
			from = column;
		}
		lines[minified.lineIndex] = rebuilt + line.slice(from);
		writeFileSync(join(root, minified.path), lines.join('\n'));
	}

	// One token per file from here on, so a file's line numbers never depend on another plant.
	const dotTarget = Math.min(12, count - planted.length);
	let dotPlanted = 0;
	const plantIn = (path, placement) => {
		if (used.has(path)) return false;
		let text;
		try {
			text = plantableText(readFileSync(join(root, path)));
		} catch {
			return false;
		}
		if (text === undefined) return false;
		const lines = text.split('\n');
		const candidates = plantableLineIndexes(lines);
		if (candidates.length === 0) return false;
		const lineIndex = candidates[random(candidates.length)];
		const line = lines[lineIndex];
		const { value, kind } = nextToken();
		const insideLine = placement !== 'line start' && asciiPrefixLength(line) > 0;
		if (insideLine) {
			const column = 1 + random(asciiPrefixLength(line));
			lines[lineIndex] = `${line.slice(0, column)} ${value} ${line.slice(column)}`;
			record(path, lineIndex, column + 1, value, kind, placement === 'dotfile' ? 'dotfile' : 'inside a line');
		} else {
			lines[lineIndex] = `${value} ${line}`;
			record(path, lineIndex, 0, value, kind, placement === 'dotfile' ? 'dotfile' : 'line start');
		}
		writeFileSync(join(root, path), lines.join('\n'));
		used.add(path);
		return true;
	};
	for (const path of shuffled) {
		if (dotPlanted >= dotTarget) break;
		if (isDotPath(path) && plantIn(path, 'dotfile')) dotPlanted += 1;
	}
	for (const path of shuffled) {
		if (planted.length >= count) break;
		plantIn(path, planted.length % 2 === 0 ? 'line start' : 'inside a line');
	}
	if (planted.length < count) throw new Error(`could only plant ${planted.length} of ${count} tokens: the corpus has too little text`);
	return planted;
}

function shuffle(items, random) {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = random(i + 1);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

/** The first `.js` file (in path order) with a line of at least 100 KB, as real minified bundles have. */
function findMinifiedLine(root, files) {
	for (const path of files) {
		if (!path.endsWith('.js')) continue;
		const full = join(root, path);
		if (statSync(full).size < MINIFIED_LINE_CHARS) continue;
		const text = plantableText(readFileSync(full));
		if (text === undefined) continue;
		const lines = text.split('\n');
		const lineIndex = lines.findIndex(
			(line, i) => asciiPrefixLength(line) >= MINIFIED_LINE_CHARS && plantableLineIndexes([lines[i - 1] ?? '', line]).includes(1),
		);
		if (lineIndex >= 0) return { path, text, lineIndex };
	}
	return undefined;
}

/** Without a real bundle, one is made: real code with its line breaks removed, 100 KB on one line. */
function createMinifiedLine(root, files) {
	let line = '';
	for (const path of files) {
		if (line.length >= MINIFIED_LINE_CHARS) break;
		if (!path.endsWith('.js')) continue;
		const text = plantableText(readFileSync(join(root, path)));
		if (text === undefined || DIRECTIVE_LIKE.test(text)) continue;
		line += text.replace(/[^\x20-\x7e]+/g, ' ');
	}
	const path = 'bench-minified/bundle.min.js';
	mkdirSync(join(root, 'bench-minified'), { recursive: true });
	const text = `/* ${basename(path)} */\n${line}\n`;
	writeFileSync(join(root, path), text);
	return { path, text, lineIndex: 1 };
}

/** Files and bytes under `path` (or of it, when it is a file). */
function sizeOf(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return { files: 1, bytes: stat.size };
	let files = 0;
	let bytes = 0;
	for (const entry of readdirSync(path, { withFileTypes: true })) {
		const inner = sizeOf(join(path, entry.name));
		files += inner.files;
		bytes += inner.bytes;
	}
	return { files, bytes };
}

/**
 * A fixed share of the tree for a tool too slow to scan all of it repeatedly: whole top-level entries
 * (packages), picked in seeded order until they hold `fraction` of the bytes. Entries larger than a
 * third of that are passed over, so one giant package (or binary) cannot be the whole sample.
 */
export function chooseSubset(root, random, fraction) {
	const entries = readdirSync(root, { withFileTypes: true })
		.map((entry) => ({ path: entry.name, isDirectory: entry.isDirectory(), ...sizeOf(join(root, entry.name)) }))
		.sort((a, b) => (a.path < b.path ? -1 : 1));
	const total = entries.reduce((sum, entry) => sum + entry.bytes, 0);
	const wanted = total * fraction;
	const chosen = [];
	let bytes = 0;
	let files = 0;
	for (const entry of shuffle(entries, random)) {
		if (bytes >= wanted) break;
		if (entry.bytes > wanted / 3) continue;
		chosen.push(entry);
		bytes += entry.bytes;
		files += entry.files;
	}
	return { targets: chosen.sort((a, b) => (a.path < b.path ? -1 : 1)), files, bytes, fraction: bytes / total };
}

/**
 * Real code for language-server documents: `.js` files of the tree (none holding a planted token or a
 * directive) joined until there are `minChars` characters.
 */
export function codeSample(root, minChars) {
	let code = '';
	for (const path of listFiles(root)) {
		if (code.length >= minChars) break;
		if (!path.endsWith('.js')) continue;
		const text = plantableText(readFileSync(join(root, path)));
		if (text === undefined || DIRECTIVE_LIKE.test(text)) continue;
		code += text.endsWith('\n') ? text : `${text}\n`;
	}
	if (code.length < minChars) throw new Error(`the corpus holds only ${code.length} characters of usable code`);
	return code;
}
