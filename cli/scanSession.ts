import { lstatSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type FileScanOptions, describeFsError, scanBytes, tooLargeResult, walk } from '../core/scan';
import { useColor } from './color';
import { FORMATS } from './formats';
import { summaryLine } from './formats/text';
import { type IgnoreSet } from './ignoreRules';
import { displayFromCwd, displayPrefix, displayUnder } from './paths';
import { type ScannedFile, placed, scanAndPlace } from './placedScan';
import { type ReportedFinding, type ScanReport } from './report';
import { type CommandIo, DEFAULT_STDIN_NAME, EXIT_CLEAN, EXIT_ERROR, EXIT_FOUND, type ScanCommandOptions, UsageError } from './scanOptions';
import { StagedError, readStaged } from './staged';
import { toolVersion } from './version';

/** One run's accumulated results, in argument and walk order. */
export class ScanSession {
	private readonly findings: ReportedFinding[] = [];
	private files = 0;
	private bytes = 0;
	private skipped = 0;
	/** Binary files met while walking folders: counted, listed only with `--verbose` (a repository has many). */
	private quietBinaries = 0;
	/**
	 * Files already scanned, when arguments may overlap (`scan . src`). One walk never yields a path twice,
	 * so a single argument needs no set: on a large tree it would hash and keep every path for nothing.
	 */
	private readonly seen: Set<string> | undefined;
	private readonly scanOptions: FileScanOptions;

	constructor(
		private readonly options: ScanCommandOptions,
		private readonly io: CommandIo,
		private readonly ignores: IgnoreSet,
		argumentCount: number,
	) {
		this.seen = argumentCount > 1 ? new Set() : undefined;
		this.scanOptions = {
			maxFileBytes: options.maxFileBytes,
			includeLookalikes: options.includeLookalikes,
			honourInlineIgnores: options.inlineIgnores,
			ignoredFingerprints: ignores.fingerprints,
		};
	}

	scanArgument(argument: string): void {
		const absolute = resolve(this.io.cwd, argument);
		let isFolder: boolean;
		try {
			isFolder = statSync(absolute).isDirectory();
		} catch (error) {
			this.problem(argument, brokenLinkOr(absolute, error));
			return;
		}
		if (isFolder) {
			this.scanFolder(argument, absolute);
			return;
		}
		// An explicitly named file is scanned even when .gitignore'd, but a `.dhis2-pat-ignore` glob still
		// silences it: that is how pre-commit style callers, which name every file, get their ignores applied.
		if (this.ignores.ignoresPath(absolute)) return;
		this.scanPath(absolute, argument, true);
	}

	private scanFolder(argument: string, root: string): void {
		const shownPrefix = displayPrefix(argument);
		for (const item of walk(root, { gitignore: this.options.gitignore, exclude: this.ignores.excluderFor(root) })) {
			if (item.kind === 'problem') {
				const shown = item.path === root ? argument : displayUnder(argument, displayFromCwd(root, item.path));
				this.problem(shown, item.message);
				continue;
			}
			this.scanPath(item.path, shownPrefix + item.relativePath, false);
		}
	}

	private scanPath(absolute: string, shown: string, explicit: boolean): void {
		if (this.seen) {
			if (this.seen.has(absolute)) return;
			this.seen.add(absolute);
		}
		this.record(shown, scanAndPlace(absolute, !explicit, this.scanOptions), explicit);
	}

	scanStdin(bytes: Buffer, name: string): void {
		if (name !== DEFAULT_STDIN_NAME && this.ignores.ignoresPath(resolve(this.io.cwd, name))) return;
		this.record(name, placed(scanBytes(bytes, this.scanOptions)), true);
	}

	scanStaged(pathspecs: readonly string[]): void {
		let snapshot;
		try {
			snapshot = readStaged(this.io.cwd, pathspecs, this.options.maxFileBytes);
		} catch (error) {
			if (error instanceof StagedError) throw new UsageError(error.message);
			throw error;
		}
		for (const file of snapshot.files) {
			if (this.ignores.ignoresPath(file.absolutePath)) continue;
			const shown = displayFromCwd(this.io.cwd, file.absolutePath);
			const result = file.content ? placed(scanBytes(file.content, this.scanOptions)) : placed(tooLargeResult(file.size, this.options.maxFileBytes));
			this.record(shown, result, true);
		}
	}

	private record(shown: string, result: ScannedFile, explicit: boolean): void {
		if (result.status === 'skipped') {
			if (result.reason === 'binary' && !explicit) {
				this.quietBinaries += 1;
				if (this.options.verbose) this.io.messages.skipped(shown, result.message);
				return;
			}
			this.problem(shown, result.message);
			return;
		}
		this.files += 1;
		this.bytes += result.bytes;
		if (!result.validUtf8) this.io.messages.note(shown, 'not valid UTF-8; scanned with replacement characters (tokens are ASCII)');
		for (const position of result.placed) this.findings.push({ path: shown, ...position });
	}

	private problem(shown: string, reason: string): void {
		this.skipped += 1;
		this.io.messages.skipped(shown, reason);
	}

	/** Prints the report and decides the exit code. */
	finish(): number {
		const report: ScanReport = { findings: this.findings, files: this.files, bytes: this.bytes, skipped: this.skipped + this.quietBinaries };
		if (this.quietBinaries > 0 && !this.options.verbose) {
			this.io.messages.plain(`skipped ${this.quietBinaries} binary ${this.quietBinaries === 1 ? 'file' : 'files'} (--verbose lists them)`);
		}
		const nothingScannable = this.files === 0 && report.skipped > 0 && this.findings.length === 0;
		if (nothingScannable) {
			this.io.messages.plain(`nothing could be scanned: ${summaryLine(report)}`);
			// A machine-readable format still gets its (empty) document, so a pipeline parsing it need not special-case.
			if (this.options.format !== 'text') this.io.writeStdout(this.render(report));
			return EXIT_ERROR;
		}
		this.io.writeStdout(this.render(report));
		return this.findings.length > 0 ? EXIT_FOUND : EXIT_CLEAN;
	}

	private render(report: ScanReport): string {
		return FORMATS[this.options.format](report, {
			showSecrets: this.options.showSecrets,
			color: this.options.format === 'text' && useColor(this.options.color, this.io),
			toolVersion: toolVersion(),
		});
	}
}

function brokenLinkOr(path: string, error: unknown): string {
	try {
		if (lstatSync(path).isSymbolicLink()) return 'broken symbolic link';
	} catch {
		// Not there at all: the original error says so.
	}
	return describeFsError(error);
}
