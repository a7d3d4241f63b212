import { type CancellationToken, type Connection, type TextDocuments, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { type ScanWorkspaceResult } from '../core/protocol/lsp';
import { scanFile, walk } from '../core/scan';
import { envFileDiagnostic } from './envFileCheck';
import { filesExcludeMatcher } from './filesExclude';
import { findingsToDiagnostics } from './findingDiagnostics';
import { type SettingsStore } from './settings';
import { type Folder, type WorkspaceFolders } from './workspaceFolders';

// Scanning is synchronous file I/O; yielding this often keeps keystrokes in open documents answered promptly.
const SLICE_MS = 15;

function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Scans the files of every workspace folder that are not open in the editor (open ones are the
 * documents' business) and publishes their findings, so leaks show in the Problems panel without
 * opening each file. One scan at a time: a new request cancels the running one.
 */
export class WorkspaceScanner {
	/** URIs the last scan published findings for; cleared when a rescan no longer finds anything there. */
	private published = new Set<string>();
	private running: AbortController | undefined;

	constructor(
		private readonly connection: Connection,
		private readonly documents: TextDocuments<TextDocument>,
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
		const result = { filesScanned: 0, filesWithFindings: 0, findings: 0, cancelled: false };
		const stillPublished = new Set<string>();
		progress?.begin('DHIS2: scanning for hardcoded tokens', undefined, 'starting…', true);
		try {
			for (const folder of this.folders.all()) {
				await this.scanFolder(folder, controller.signal, result, stillPublished, progress);
				if (controller.signal.aborted) break;
			}
		} finally {
			progress?.done();
			if (this.running === controller) this.running = undefined;
		}
		result.cancelled = controller.signal.aborted;
		if (!result.cancelled) {
			for (const uri of this.published) {
				if (!stillPublished.has(uri) && !this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
			}
			this.published = stillPublished;
		} else {
			for (const uri of stillPublished) this.published.add(uri);
		}
		return result;
	}

	private async scanFolder(
		folder: Folder,
		signal: AbortSignal,
		result: { filesScanned: number; filesWithFindings: number; findings: number },
		published: Set<string>,
		progress: WorkDoneProgressReporter | undefined,
	): Promise<void> {
		const settings = await this.settings.get(folder.uri);
		const filesExclude = filesExcludeMatcher(
			await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'files.exclude' }),
		);
		const rules = this.folders.ignoreRules(folder);
		const includeLookalikes = settings.lookalikes !== 'off';
		let sliceStart = Date.now();
		for (const item of walk(folder.path, {
			signal,
			exclude: (relativePath, isDirectory) => filesExclude.ignores(isDirectory ? `${relativePath}/` : relativePath),
		})) {
			if (signal.aborted) return;
			if (Date.now() - sliceStart > SLICE_MS) {
				progress?.report(`${result.filesScanned} files scanned`);
				await yieldToEventLoop();
				sliceStart = Date.now();
				if (signal.aborted) return;
			}
			if (item.kind !== 'file' || rules.paths.ignores(item.relativePath)) continue;
			const uri = URI.file(item.path).toString();
			if (this.documents.get(uri)) continue;
			const scanned = scanFile(item.path, {
				maxFileBytes: settings.maxFileSizeKB * 1024,
				includeLookalikes,
				ignoredFingerprints: rules.fingerprints,
			});
			if (scanned.status !== 'scanned') continue;
			result.filesScanned += 1;
			if (scanned.findings.length === 0 || scanned.text === undefined) continue;
			const diagnostics = findingsToDiagnostics(scanned.text, scanned.findings, settings.lookalikes, this.remediationUrl());
			if (diagnostics.length === 0) continue;
			const envWarning = diagnostics[0] && (await envFileDiagnostic(item.path, diagnostics[0].range));
			if (envWarning) diagnostics.push(envWarning);
			result.filesWithFindings += 1;
			result.findings += diagnostics.length;
			published.add(uri);
			void this.connection.sendDiagnostics({ uri, diagnostics });
		}
	}
}
