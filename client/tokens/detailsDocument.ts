import { type Disposable, EventEmitter, type TextDocumentContentProvider, Uri, window, workspace } from 'vscode';
import { type ServerRegistry } from '../servers/serverRegistry';
import { tokenDetailsMarkdown } from './details';
import { type TokenRow } from './tokenRows';

/** Virtual, read-only documents: "Show Details" never creates a file or an untitled buffer to save. */
export const DETAILS_SCHEME = 'dhis2-token';

export function detailsUri(serverUrl: string, id: string, label: string): Uri {
	// The title shows the path's last segment; server and id travel in the query.
	const safe = label.replace(/[\\/:*?"<>|#%]/g, '_').slice(0, 60) || id;
	return Uri.from({ scheme: DETAILS_SCHEME, path: `/${safe}.md`, query: new URLSearchParams({ server: serverUrl, id }).toString() });
}

export class TokenDetailsProvider implements TextDocumentContentProvider, Disposable {
	private readonly emitter = new EventEmitter<Uri>();
	readonly onDidChange = this.emitter.event;
	private readonly registration: Disposable;

	constructor(
		private readonly registry: ServerRegistry,
		private readonly rowOf: (serverUrl: string, id: string) => Promise<TokenRow | undefined>,
		private readonly now: () => number,
	) {
		this.registration = workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, this);
	}

	async provideTextDocumentContent(uri: Uri): Promise<string> {
		const query = new URLSearchParams(uri.query);
		const serverUrl = query.get('server') ?? '';
		const id = query.get('id') ?? '';
		const server = this.registry.get(serverUrl);
		const row = server ? await this.rowOf(serverUrl, id) : undefined;
		if (!server || !row) return `# Token ${id}\n\nThis token is no longer known to VS Code (removed from the server list or from the vault).\n`;
		return tokenDetailsMarkdown(row, server, this.now());
	}

	async show(row: TokenRow, label: string): Promise<void> {
		const uri = detailsUri(row.serverUrl, row.id, label);
		// Re-rendered on every show: the token may have changed since the document was first opened.
		this.emitter.fire(uri);
		const document = await workspace.openTextDocument(uri);
		await window.showTextDocument(document, { preview: true });
	}

	dispose(): void {
		this.registration.dispose();
		this.emitter.dispose();
	}
}
