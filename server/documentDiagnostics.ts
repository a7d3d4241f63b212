import { type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { DiagnosticCodes } from '../core/protocol/lsp';
import { envFileDiagnostic } from './envFileCheck';
import { placedFindingsToDiagnostics } from './findingDiagnostics';
import { httpDiagnostics, isHttpDocument } from './httpDiagnostics';
import { type LineDocument } from './lineDocument';
import { type SettingsStore } from './settings';
import { type WorkspaceFolders } from './workspaceFolders';

/**
 * Diagnostics for open documents, recomputed as the user types. A document's scan is debounced;
 * a newer version always supersedes a pending one.
 */
export class DocumentDiagnostics {
	private readonly pending = new Map<string, NodeJS.Timeout>();
	/**
	 * What each open document last published, and at which version. Revalidating without an edit (a settings or
	 * ignore-file change revalidates every open document) must not republish the same diagnostics: VS Code
	 * recomputes code actions on every marker change, which drops a quick-fix menu the user just asked for.
	 * After an edit the new version is always published, so clients waiting for it get an answer.
	 */
	private readonly published = new Map<string, { readonly version: number; readonly diagnostics: string }>();

	constructor(
		private readonly connection: Connection,
		private readonly documents: TextDocuments<LineDocument>,
		private readonly settings: SettingsStore,
		private readonly folders: WorkspaceFolders,
		private readonly remediationUrl: () => string,
	) {}

	async schedule(document: LineDocument): Promise<void> {
		this.cancel(document.uri);
		const { debounceMs } = await this.settings.get(document.uri);
		if (debounceMs <= 0) return this.validate(document.uri);
		this.pending.set(document.uri, setTimeout(() => void this.validate(document.uri), debounceMs));
	}

	cancel(uri: string): void {
		const timer = this.pending.get(uri);
		if (timer) clearTimeout(timer);
		this.pending.delete(uri);
	}

	/** A closed document: whatever is published for it next (empty, or its on-disk findings) comes from elsewhere. */
	forget(uri: string): void {
		this.cancel(uri);
		this.published.delete(uri);
	}

	async validateAll(): Promise<void> {
		await Promise.all(this.documents.all().map((document) => this.validate(document.uri)));
	}

	async validate(uri: string): Promise<void> {
		this.pending.delete(uri);
		const document = this.documents.get(uri);
		if (!document) return;
		const version = document.version;
		const diagnostics = await this.diagnose(document);
		// Typing went on while settings or git were consulted: the newer version publishes its own result.
		if (this.documents.get(uri)?.version !== version) return;
		const serialised = JSON.stringify(diagnostics);
		const last = this.published.get(uri);
		if (last?.version === version && last.diagnostics === serialised) return;
		this.published.set(uri, { version, diagnostics: serialised });
		await this.connection.sendDiagnostics({ uri, version, diagnostics });
	}

	private async diagnose(document: LineDocument): Promise<Diagnostic[]> {
		const settings = await this.settings.get(document.uri);
		if (document.length > settings.maxFileSizeKB * 1024) return [];
		const parsed = URI.parse(document.uri);
		const fsPath = parsed.scheme === 'file' ? parsed.fsPath : undefined;
		if (fsPath && this.folders.isPathIgnored(fsPath)) return [];
		let findings = document.findings({ includeLookalikes: settings.lookalikes !== 'off' });
		const folder = fsPath ? this.folders.folderOf(fsPath) : undefined;
		if (folder) {
			const { fingerprints } = this.folders.ignoreRules(folder);
			if (fingerprints.size > 0) findings = findings.filter((item) => !fingerprints.has(item.finding.fingerprint));
		}
		const diagnostics = placedFindingsToDiagnostics(findings, settings.lookalikes, this.remediationUrl());
		const firstToken = diagnostics.find((diagnostic) => diagnostic.code === DiagnosticCodes.hardcodedToken);
		if (fsPath && firstToken) {
			const envWarning = await envFileDiagnostic(fsPath, firstToken.range);
			if (envWarning) diagnostics.push(envWarning);
		}
		if (isHttpDocument(document.languageId, document.uri)) diagnostics.push(...httpDiagnostics(document.getText()));
		return diagnostics;
	}
}
