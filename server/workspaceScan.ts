import { basename, relative, sep } from 'node:path';
import { type CancellationToken, type Connection, type Diagnostic, type TextDocuments, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { ignoredByGit, isPrivateEnvFileName } from '../core/git';
import { type ScanWorkspaceResult } from '../core/protocol/lsp';
import { type SecretsSettings } from '../core/protocol/settings';
import { type Finding, scanFile, walk } from '../core/scan';
import { envFileDiagnostic } from './envFileCheck';
import { filesExcludeMatcher } from './filesExclude';
import { findingsToDiagnostics } from './findingDiagnostics';
import { type LineDocument } from './lineDocument';
import { type SettingsStore } from './settings';
import { type Folder, type WorkspaceFolders } from './workspaceFolders';

// Scanning is synchronous file I/O; yielding this often keeps keystrokes in open documents answered promptly.
const SLICE_MS = 15;

type Totals = { -readonly [K in keyof ScanWorkspaceResult]: ScanWorkspaceResult[K] };

function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

function posixRelative(folder: Folder, fsPath: string): string {
	return relative(folder.path, fsPath).split(sep).join('/');
}

function addFindings(totals: Totals, findings: readonly Finding[], settings: SecretsSettings): void {
	const tokens = findings.filter((finding) => finding.kind === 'token').length;
	const lookalikes = settings.lookalikes === 'off' ? 0 : findings.length - tokens;
	totals.tokens += tokens;
	totals.lookalikes += lookalikes;
	if (tokens + lookalikes > 0) totals.filesWithFindings += 1;
}

/**
 * Publishes findings for workspace files that are not open (open ones are the documents' business),
 * so leaks show in the Problems panel without opening each file. A full scan walks every folder;
 * file events rescan just the files they name. One full scan at a time: a new one cancels the old.
 */
export class WorkspaceScanner {
	/** URIs with published findings, so a rescan that finds nothing there clears them. */
	private published = new Set<string>();
	private running: AbortController | undefined;

	constructor(
		private readonly connection: Connection,
		private readonly documents: TextDocuments<LineDocument>,
		private readonly settings: SettingsStore,
		private readonly folders: WorkspaceFolders,
		private readonly remediationUrl: () => string,
	) {}

	cancel(): void {
		this.running?.abort();
	}

	async run(progress: WorkDoneProgressReporter | undefined, token?: CancellationToken): Promise<ScanWorkspaceResult> {
		this.running?.abort();
		const controller = new AbortController();
		this.running = controller;
		token?.onCancellationRequested(() => controller.abort());
		const totals: Totals = { filesScanned: 0, filesWithFindings: 0, tokens: 0, lookalikes: 0, cancelled: false };
		const stillPublished = new Set<string>();
		progress?.begin('DHIS2: scanning for hardcoded tokens', undefined, 'starting…', true);
		try {
			for (const folder of this.folders.all()) {
				await this.scanFolder(folder, controller.signal, totals, stillPublished, progress);
				if (controller.signal.aborted) break;
			}
		} finally {
			progress?.done();
			if (this.running === controller) this.running = undefined;
		}
		totals.cancelled = controller.signal.aborted;
		if (totals.cancelled) {
			for (const uri of stillPublished) this.published.add(uri);
		} else {
			for (const uri of this.published) {
				if (!stillPublished.has(uri) && !this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
			}
			this.published = stillPublished;
		}
		return totals;
	}

	/** Rescans files named by file events (created, changed or closed in the editor), honouring the same exclusions as a full scan. */
	async rescanFiles(fsPaths: readonly string[]): Promise<void> {
		const byFolder = new Map<Folder, string[]>();
		for (const fsPath of fsPaths) {
			const folder = this.folders.folderOf(fsPath);
			if (!folder) continue;
			byFolder.set(folder, [...(byFolder.get(folder) ?? []), fsPath]);
		}
		for (const [folder, paths] of byFolder) {
			const settings = await this.settings.get(folder.uri);
			const filesExclude = await this.filesExclude(folder);
			const relativePaths = paths.map((path) => posixRelative(folder, path));
			const gitIgnored = await ignoredByGit(folder.path, relativePaths);
			const rules = this.folders.ignoreRules(folder);
			paths.forEach((fsPath, index) => {
				const relativePath = relativePaths[index] ?? '';
				const uri = URI.file(fsPath).toString();
				if (this.documents.get(uri)) return;
				const excluded =
					filesExclude(relativePath, false) ||
					rules.paths.ignores(relativePath) ||
					(gitIgnored?.has(relativePath) === true && !isPrivateEnvFileName(basename(fsPath)));
				void this.publishFile(fsPath, uri, excluded ? undefined : settings, rules.fingerprints);
			});
		}
	}

	private async publishFile(
		fsPath: string,
		uri: string,
		settings: SecretsSettings | undefined,
		ignoredFingerprints: ReadonlySet<string>,
	): Promise<void> {
		const result = settings ? await this.diagnoseFile(fsPath, settings, ignoredFingerprints) : undefined;
		if (!result || 'skipped' in result) {
			if (this.published.delete(uri)) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
			return;
		}
		this.published.add(uri);
		await this.connection.sendDiagnostics({ uri, diagnostics: result.diagnostics });
	}

	/** Scans one file from disk; `undefined` when it was skipped or holds nothing to report. */
	private async diagnoseFile(
		fsPath: string,
		settings: SecretsSettings,
		ignoredFingerprints: ReadonlySet<string>,
	): Promise<{ diagnostics: Diagnostic[]; findings: Finding[] } | { skipped: true } | undefined> {
		const scanned = scanFile(fsPath, {
			maxFileBytes: settings.maxFileSizeKB * 1024,
			includeLookalikes: settings.lookalikes !== 'off',
			ignoredFingerprints,
		});
		if (scanned.status !== 'scanned') return { skipped: true };
		if (scanned.findings.length === 0 || scanned.text === undefined) return undefined;
		const diagnostics = findingsToDiagnostics(scanned.text, scanned.findings, settings.lookalikes, this.remediationUrl());
		if (diagnostics.length === 0) return undefined;
		const envWarning = diagnostics[0] && (await envFileDiagnostic(fsPath, diagnostics[0].range));
		if (envWarning) diagnostics.push(envWarning);
		return { diagnostics, findings: scanned.findings };
	}

	private async filesExclude(folder: Folder): Promise<(relativePath: string, isDirectory: boolean) => boolean> {
		const matcher = filesExcludeMatcher(await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'files.exclude' }));
		return (relativePath, isDirectory) => matcher.ignores(isDirectory ? `${relativePath}/` : relativePath);
	}

	private async scanFolder(
		folder: Folder,
		signal: AbortSignal,
		totals: Totals,
		published: Set<string>,
		progress: WorkDoneProgressReporter | undefined,
	): Promise<void> {
		const settings = await this.settings.get(folder.uri);
		const rules = this.folders.ignoreRules(folder);
		const includeLookalikes = settings.lookalikes !== 'off';
		let sliceStart = Date.now();
		for (const item of walk(folder.path, { signal, exclude: await this.filesExclude(folder) })) {
			if (signal.aborted) return;
			if (Date.now() - sliceStart > SLICE_MS) {
				progress?.report(`${totals.filesScanned} files scanned`);
				await yieldToEventLoop();
				sliceStart = Date.now();
				if (signal.aborted) return;
			}
			if (item.kind !== 'file' || rules.paths.ignores(item.relativePath)) continue;
			const uri = URI.file(item.path).toString();
			const openDocument = this.documents.get(uri);
			if (openDocument) {
				// The document's own diagnostics are already published; it only counts towards the totals.
				// Its per-line findings are cached, so this costs no rescan and no join of the document's lines.
				const findings = openDocument.findings({ includeLookalikes }).map((item) => item.finding).filter((f) => !rules.fingerprints.has(f.fingerprint));
				totals.filesScanned += 1;
				addFindings(totals, findings, settings);
				continue;
			}
			const result = await this.diagnoseFile(item.path, settings, rules.fingerprints);
			if (result && 'skipped' in result) continue;
			totals.filesScanned += 1;
			if (!result) continue;
			addFindings(totals, result.findings, settings);
			published.add(uri);
			void this.connection.sendDiagnostics({ uri, diagnostics: result.diagnostics });
		}
	}
}
