/**
 * Helpers for the CLI layer: fixture trees whose tokens are written as placeholders and materialised
 * with deterministic tokens at test time (nothing real-looking is committed), and a runner that
 * spawns the built `dist/cli.js` the way a user or CI would.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fingerprint, generateToken, seededRandom, verifyToken, type ChecksumVariant, type TokenVersion } from '../../core/token';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

/** A valid token, the same for the same arguments on every run. */
export function fixtureToken(version: TokenVersion, variant: ChecksumVariant, seed: number): string {
	return generateToken({ version, variant, random: seededRandom(seed) });
}

/** Right shape, failing checksum: a valid token with its last checksum character changed until neither variant verifies. */
export function fixtureLookalike(version: TokenVersion, seed: number): string {
	const token = fixtureToken(version, 'padded', seed);
	const alphabet = version === 'v1' ? '0123456789' : '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const last = token.slice(-1);
	for (let step = 1; step < alphabet.length; step++) {
		const candidate = token.slice(0, -1) + alphabet[(alphabet.indexOf(last) + step) % alphabet.length];
		if (!verifyToken(candidate)) return candidate;
	}
	throw new Error('no lookalike found');
}

const PLACEHOLDER = /\{\{(token|lookalike|fingerprint):(v1|v2)(?::(plain|padded))?:(\d+)\}\}/g;

/** `{{token:v2:padded:1}}`, `{{lookalike:v1:3}}`, `{{fingerprint:v2:padded:1}}` (sha256 hex of that token). */
export function expandPlaceholders(template: string): string {
	return template.replace(PLACEHOLDER, (_match, kind: string, version: TokenVersion, variant: string | undefined, seed: string) => {
		if (kind === 'lookalike') return fixtureLookalike(version, Number(seed));
		const token = fixtureToken(version, (variant ?? 'padded') as ChecksumVariant, Number(seed));
		return kind === 'fingerprint' ? fingerprint(token) : token;
	});
}

/** Template names that git would not keep as-is: a committed `.gitignore` would hide the fixture's own files. */
function materialisedName(name: string): string {
	return name === '_gitignore' ? '.gitignore' : name;
}

export function tempDir(label: string): string {
	return mkdtempSync(join(tmpdir(), `dhis2-pat-cli-${label}-`));
}

/** Copies `test/fixtures/cli/<name>/tree` into a fresh temp folder with every placeholder replaced. */
export function materialise(name: string): string {
	const target = tempDir(name);
	copyTemplate(join(FIXTURES, name, 'tree'), target);
	return target;
}

function copyTemplate(from: string, to: string): void {
	mkdirSync(to, { recursive: true });
	for (const entry of readdirSync(from, { withFileTypes: true })) {
		const source = join(from, entry.name);
		const destination = join(to, materialisedName(entry.name));
		if (entry.isDirectory()) copyTemplate(source, destination);
		else if (entry.isFile()) writeFileSync(destination, expandPlaceholders(readFileSync(source, 'utf8')));
		else cpSync(source, destination);
	}
}

export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
	for (const [path, content] of Object.entries(files)) {
		const target = join(root, path);
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, content);
	}
}

export function removeTree(path: string): void {
	rmSync(path, { recursive: true, force: true });
}

export interface CliRun {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

export interface RunOptions {
	readonly cwd: string;
	readonly input?: string | Buffer;
	readonly env?: Record<string, string | undefined>;
	/** Run as another user (needs root): how a test as root observes a permission failure at all. */
	readonly user?: { readonly uid: number; readonly gid: number };
}

/** Spawns `node dist/cli.js …`. Colour variables are cleared so output does not depend on the caller's shell. */
export function runCli(args: readonly string[], options: RunOptions): CliRun {
	const env: NodeJS.ProcessEnv = { ...process.env };
	delete env.NO_COLOR;
	delete env.FORCE_COLOR;
	for (const [key, value] of Object.entries(options.env ?? {})) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	const result = spawnSync(process.execPath, [CLI, ...args], {
		cwd: options.cwd,
		input: options.input ?? '',
		env,
		encoding: 'utf8',
		timeout: 20_000,
		...(options.user ?? {}),
	});
	if (result.error) throw result.error;
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface JsonFinding {
	readonly path: string;
	readonly line: number;
	readonly column: number;
	readonly kind: 'token' | 'lookalike';
	readonly version: 'v1' | 'v2';
	readonly checksum?: 'plain' | 'padded';
	readonly masked: string;
	readonly fingerprint: string;
	readonly secret?: string;
}

export interface JsonReport {
	readonly findings: JsonFinding[];
	readonly scanned: { readonly files: number; readonly bytes: number };
}

export function parseJsonReport(run: CliRun): JsonReport {
	return JSON.parse(run.stdout) as JsonReport;
}

/** `path:line:column` of every finding, the shortest readable way to compare what was found where. */
export function locations(report: JsonReport): string[] {
	return report.findings.map((finding) => `${finding.path}:${finding.line}:${finding.column}`);
}

/**
 * Compares with a committed golden file. `UPDATE_GOLDEN=1` rewrites it instead; the rewritten file
 * must then be read and reviewed before it is committed.
 */
export function expectGolden(path: string, actual: string): void {
	if (process.env.UPDATE_GOLDEN === '1') {
		writeFileSync(path, actual);
		return;
	}
	const expected = readFileSync(path, 'utf8');
	if (actual !== expected) {
		const error = new Error(`output differs from golden file ${path.slice(ROOT.length + 1)} (UPDATE_GOLDEN=1 rewrites it)`);
		Object.assign(error, { actual, expected, showDiff: true });
		throw error;
	}
}

/** The unprivileged `nobody` user, for permission tests when the suite runs as root (CI containers do). */
export const NOBODY = { uid: 65534, gid: 65534 } as const;
