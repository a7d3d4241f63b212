import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface SecretHit {
	/** Relative to the scanned root. */
	readonly path: string;
	readonly encoding: 'utf8' | 'utf16le';
}

export interface ScanSummary {
	readonly files: number;
	readonly bytes: number;
	readonly hits: readonly SecretHit[];
}

function* filesUnder(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		// lstat: symlinks are not followed (they point outside the run, or back into it), sockets are skipped.
		const stat = lstatSync(path);
		if (stat.isDirectory()) yield* filesUnder(path);
		else if (stat.isFile()) yield path;
	}
}

/**
 * Byte scan of every regular file under `root` for `secret` in UTF-8 and in UTF-16LE (how
 * Chromium and V8 store strings that are not Latin-1; recipe §7). Returns where it was found,
 * never the bytes around it.
 */
export function scanForSecret(root: string, secret: string): ScanSummary {
	const needles = [
		{ encoding: 'utf8' as const, bytes: Buffer.from(secret, 'utf8') },
		{ encoding: 'utf16le' as const, bytes: Buffer.from(secret, 'utf16le') },
	];
	const hits: SecretHit[] = [];
	let files = 0;
	let bytes = 0;
	for (const file of filesUnder(root)) {
		let content: Buffer;
		try {
			content = readFileSync(file);
		} catch {
			continue; // gone between listing and reading (a lock or temp file)
		}
		files += 1;
		bytes += content.length;
		for (const needle of needles) {
			if (content.includes(needle.bytes)) hits.push({ path: relative(root, file), encoding: needle.encoding });
		}
	}
	return { files, bytes, hits };
}
