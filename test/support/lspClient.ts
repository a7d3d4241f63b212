/**
 * A minimal LSP client for tests: spawns the built `dist/server.js --stdio` and talks real JSON-RPC to it.
 * It answers the server's requests the way VS Code would (configuration, progress, registrations) and records
 * every publishDiagnostics so tests can wait for the one they expect.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
	type MessageConnection,
	StreamMessageReader,
	StreamMessageWriter,
	createMessageConnection,
} from 'vscode-jsonrpc/node';
import {
	type CodeAction,
	type Diagnostic,
	type PublishDiagnosticsParams,
	type Range,
	type TextDocumentContentChangeEvent,
	type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DEFAULT_SECRETS_SETTINGS, type SecretsSettings } from '../../core/protocol/settings';

export const SERVER_BUNDLE = join(__dirname, '..', '..', 'dist', 'server.js');

export interface LspClientOptions {
	/** Absolute folder paths opened as workspace folders. */
	readonly workspaceFolders?: readonly string[];
	readonly settings?: Partial<SecretsSettings>;
	/** VS Code's `files.exclude`. */
	readonly filesExclude?: Record<string, boolean>;
	readonly initializationOptions?: unknown;
}

export interface ProgressEvent {
	readonly token: string | number;
	readonly value: { kind: string; title?: string; message?: string; cancellable?: boolean };
}

type Waiter = { predicate: (params: PublishDiagnosticsParams) => boolean; resolve: (params: PublishDiagnosticsParams) => void };

export class LspClient {
	readonly published: PublishDiagnosticsParams[] = [];
	readonly notifications: { method: string; params: unknown }[] = [];
	readonly progress: ProgressEvent[] = [];
	private readonly latest = new Map<string, PublishDiagnosticsParams>();
	private readonly open = new Map<string, TextDocument>();
	private waiters: Waiter[] = [];
	private settings: SecretsSettings;
	private stderr = '';

	private constructor(
		readonly process: ChildProcess,
		readonly connection: MessageConnection,
		private readonly options: LspClientOptions,
	) {
		this.settings = { ...DEFAULT_SECRETS_SETTINGS, ...options.settings };
	}

	static async start(options: LspClientOptions = {}): Promise<LspClient> {
		if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run npm run build first`);
		const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
		const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
		const client = new LspClient(child, connection, options);
		child.stderr.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
		client.wire();
		connection.listen();
		const folders = (options.workspaceFolders ?? []).map((path) => ({ uri: URI.file(path).toString(), name: path }));
		await connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: folders[0]?.uri ?? null,
			workspaceFolders: folders,
			initializationOptions: options.initializationOptions,
			capabilities: {
				workspace: { configuration: true, workspaceFolders: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
				window: { workDoneProgress: true },
				textDocument: {
					synchronization: { dynamicRegistration: false },
					publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
					codeAction: { dataSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
				},
			},
		});
		await connection.sendNotification('initialized', {});
		return client;
	}

	private wire(): void {
		const { connection } = this;
		connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
			this.published.push(params);
			this.latest.set(params.uri, params);
			this.waiters = this.waiters.filter((waiter) => {
				if (!waiter.predicate(params)) return true;
				waiter.resolve(params);
				return false;
			});
		});
		connection.onNotification('$/progress', (params: ProgressEvent) => {
			this.progress.push(params);
		});
		connection.onNotification((method: string, params: unknown) => {
			this.notifications.push({ method, params });
		});
		connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
			params.items.map((item) => (item.section === 'files.exclude' ? (this.options.filesExclude ?? {}) : this.settings)),
		);
		connection.onRequest('window/workDoneProgress/create', () => null);
		connection.onRequest('client/registerCapability', () => null);
		connection.onRequest('workspace/workspaceFolders', () =>
			(this.options.workspaceFolders ?? []).map((path) => ({ uri: URI.file(path).toString(), name: path })),
		);
		connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
			this.applyEdit(params.edit);
			return { applied: true };
		});
	}

	get serverStderr(): string {
		return this.stderr;
	}

	async changeSettings(settings: Partial<SecretsSettings>): Promise<void> {
		this.settings = { ...this.settings, ...settings };
		await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
	}

	async openDocument(uri: string, languageId: string, text: string): Promise<void> {
		this.open.set(uri, TextDocument.create(uri, languageId, 1, text));
		await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
	}

	/** Sends incremental changes and applies them locally too, so `text(uri)` mirrors the server's view. */
	async changeDocument(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
		const document = this.mustBeOpen(uri);
		const updated = TextDocument.update(document, changes, document.version + 1);
		this.open.set(uri, updated);
		await this.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: updated.version },
			contentChanges: changes,
		});
		return updated.version;
	}

	async closeDocument(uri: string): Promise<void> {
		this.open.delete(uri);
		await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
	}

	text(uri: string): string {
		return this.mustBeOpen(uri).getText();
	}

	lastDiagnostics(uri: string): Diagnostic[] | undefined {
		return this.latest.get(uri)?.diagnostics;
	}

	/** Resolves with the first publishDiagnostics (already received or future) that satisfies `predicate`. */
	waitForDiagnostics(
		uri: string,
		predicate: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true,
		timeoutMs = 5000,
		includePast = true,
	): Promise<Diagnostic[]> {
		const matches = (params: PublishDiagnosticsParams) => params.uri === uri && predicate(params.diagnostics, params);
		const past = includePast ? this.latest.get(uri) : undefined;
		if (past && matches(past)) return Promise.resolve(past.diagnostics);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((waiter) => waiter !== entry);
				reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.latest.get(uri)?.diagnostics)}`));
			}, timeoutMs);
			const entry: Waiter = {
				predicate: matches,
				resolve: (params) => {
					clearTimeout(timer);
					resolve(params.diagnostics);
				},
			};
			this.waiters.push(entry);
		});
	}

	codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
		return this.connection.sendRequest('textDocument/codeAction', {
			textDocument: { uri },
			range,
			context: { diagnostics, only: ['quickfix'] },
		});
	}

	request<R>(method: string, params: object): Promise<R> {
		return this.connection.sendRequest<R>(method, params);
	}

	notify(method: string, params: object): Promise<void> {
		return this.connection.sendNotification(method, params);
	}

	/**
	 * Applies a WorkspaceEdit the way VS Code does: to open documents in memory, and to files on disk
	 * for the rest (creating files first). Returns the URIs it touched.
	 */
	applyEdit(edit: WorkspaceEdit): string[] {
		const touched: string[] = [];
		const editText = (uri: string, edits: { range: Range; newText: string }[]) => {
			touched.push(uri);
			const openDocument = this.open.get(uri);
			if (openDocument) {
				const text = TextDocument.applyEdits(openDocument, edits);
				this.open.set(uri, TextDocument.create(uri, openDocument.languageId, openDocument.version + 1, text));
				return;
			}
			const path = URI.parse(uri).fsPath;
			const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
			writeFileSync(path, TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, current), edits));
		};
		for (const change of edit.documentChanges ?? []) {
			if ('kind' in change) {
				if (change.kind !== 'create') throw new Error(`unsupported resource operation ${change.kind}`);
				const path = URI.parse(change.uri).fsPath;
				if (existsSync(path) && !change.options?.overwrite) {
					if (change.options?.ignoreIfExists) continue;
					throw new Error(`CreateFile: ${path} exists`);
				}
				mkdirSync(dirname(path), { recursive: true });
				writeFileSync(path, '');
				touched.push(change.uri);
			} else {
				editText(change.textDocument.uri, change.edits.map(plainEdit));
			}
		}
		for (const [uri, edits] of Object.entries(edit.changes ?? {})) editText(uri, edits);
		return touched;
	}

	private mustBeOpen(uri: string): TextDocument {
		const document = this.open.get(uri);
		if (!document) throw new Error(`${uri} is not open`);
		return document;
	}

	async stop(): Promise<void> {
		try {
			await Promise.race([
				this.connection.sendRequest('shutdown').then(() => this.connection.sendNotification('exit')),
				new Promise((resolve) => setTimeout(resolve, 2000)),
			]);
		} finally {
			this.connection.dispose();
			this.process.kill();
		}
	}
}

/** SnippetTextEdits (LSP 3.18) are applied as their snippet text; tests compare plain results. */
function plainEdit(edit: { range: Range; newText?: string; snippet?: { value: string } }): { range: Range; newText: string } {
	return { range: edit.range, newText: edit.newText ?? edit.snippet?.value ?? '' };
}

export function fileUri(path: string): string {
	return URI.file(path).toString();
}
