import {
	type Disposable, type Event, EventEmitter, MarkdownString, ThemeColor, ThemeIcon, type TreeDataProvider, TreeItem,
	TreeItemCollapsibleState,
} from 'vscode';
import { type Dhis2Error, isDhis2Error } from '../../core/dhis2/client/errors';
import { type TokenVault } from '../../core/vault';
import { type Logger } from '../logger';
import { type ServerEntry } from '../servers/serverList';
import { type ServerRegistry } from '../servers/serverRegistry';
import { type SignIn } from '../servers/signIn';
import { serverNotes, type ServerNote } from './serverNotes';
import { type IconSpec, presentServer, presentToken } from './tokenPresentation';
import { mergeTokenRows, type RemoteTokens, type TokenRow } from './tokenRows';

export type TokensNode =
	| { readonly kind: 'server'; readonly server: ServerEntry }
	| { readonly kind: 'token'; readonly server: ServerEntry; readonly row: TokenRow }
	| { readonly kind: 'note'; readonly server: ServerEntry; readonly note: ServerNote };

interface Listing {
	readonly remote?: RemoteTokens;
	readonly error?: Dhis2Error;
	readonly username?: string;
}

function iconOf(spec: IconSpec): ThemeIcon {
	return spec.color === undefined ? new ThemeIcon(spec.id) : new ThemeIcon(spec.id, new ThemeColor(spec.color));
}

function tooltipOf(markdown: string): MarkdownString {
	// Untrusted and without HTML: token names come from the server.
	const tooltip = new MarkdownString(markdown);
	tooltip.isTrusted = false;
	tooltip.supportHtml = false;
	return tooltip;
}

/**
 * Servers → tokens. A server's own list is fetched only with a login that needs no prompt (the
 * view must never pop up a password box by itself); without one, the stored tokens are shown.
 */
export class TokensTree implements TreeDataProvider<TokensNode>, Disposable {
	private readonly emitter = new EventEmitter<TokensNode | undefined>();
	readonly onDidChangeTreeData: Event<TokensNode | undefined> = this.emitter.event;
	private readonly listings = new Map<string, Promise<Listing>>();
	/** Who is signed in where, from the last listing: the server rows show it. */
	private readonly usernames = new Map<string, string>();
	private readonly subscriptions: { dispose(): unknown }[];

	constructor(
		private readonly registry: ServerRegistry,
		private readonly vault: TokenVault,
		private readonly signIn: SignIn,
		private readonly logger: Logger,
		private readonly options: { now(): number; warningDays(): number },
	) {
		this.subscriptions = [
			registry.onDidChange(() => this.refresh()),
			vault.onDidChange(() => this.emitter.fire(undefined)),
			signIn.onDidChange((url) => this.refresh(url)),
		];
	}

	/** Drops what the servers said (one server, or all) and redraws; the next expand fetches again. */
	refresh(serverUrl?: string): void {
		if (serverUrl === undefined) {
			this.listings.clear();
			this.usernames.clear();
		} else {
			this.listings.delete(serverUrl);
			this.usernames.delete(serverUrl);
		}
		this.emitter.fire(undefined);
	}

	getTreeItem(node: TokensNode): TreeItem {
		if (node.kind === 'note') {
			const item = new TreeItem(node.note.label, TreeItemCollapsibleState.None);
			item.iconPath = iconOf(node.note.icon);
			if (node.note.tooltip) item.tooltip = node.note.tooltip;
			if (node.note.command) item.command = { command: node.note.command, title: node.note.label, arguments: [node.server.url] };
			item.contextValue = 'dhis2Note';
			return item;
		}
		if (node.kind === 'server') {
			const presentation = presentServer(node.server, {
				signedIn: this.signIn.isSignedIn(node.server.url),
				...optional('username', this.signIn.isSignedIn(node.server.url) ? this.usernames.get(node.server.url) : undefined),
				...optional('version', this.registry.version(node.server.url)),
			});
			const item = new TreeItem(presentation.label, TreeItemCollapsibleState.Expanded);
			item.id = `server:${node.server.url}`;
			item.description = presentation.description;
			item.tooltip = tooltipOf(presentation.tooltip);
			item.iconPath = iconOf(presentation.icon);
			item.contextValue = presentation.contextValue;
			return item;
		}
		const presentation = presentToken(node.row, node.server, { now: this.options.now(), warningDays: this.options.warningDays() });
		const item = new TreeItem(presentation.label, TreeItemCollapsibleState.None);
		item.id = `token:${node.server.url}#${node.row.id}`;
		item.description = presentation.description;
		item.tooltip = tooltipOf(presentation.tooltip);
		item.iconPath = iconOf(presentation.icon);
		item.contextValue = presentation.contextValue;
		return item;
	}

	async getChildren(node?: TokensNode): Promise<TokensNode[]> {
		if (!node) return this.registry.list().map((server) => ({ kind: 'server', server }));
		if (node.kind !== 'server') return [];
		const { server } = node;
		const listing = await this.listingOf(server);
		const rows = mergeTokenRows(server.url, this.vault.list(server.url), listing.remote, this.vault.activeId(server.url), this.options.now());
		const notes = serverNotes({
			signedIn: listing.remote !== undefined || this.signIn.isSignedIn(server.url),
			...(listing.error ? { error: listing.error } : {}),
			tokenCount: rows.length,
		});
		return [
			...rows.map((row): TokensNode => ({ kind: 'token', server, row })),
			...notes.map((note): TokensNode => ({ kind: 'note', server, note })),
		];
	}

	/** The row for a token as last shown (server list merged with the vault), for commands and details. */
	async rowOf(serverUrl: string, id: string): Promise<TokenRow | undefined> {
		const server = this.registry.get(serverUrl);
		const listing = server ? await (this.listings.get(serverUrl) ?? Promise.resolve<Listing>({})) : {};
		return mergeTokenRows(serverUrl, this.vault.list(serverUrl), listing.remote, this.vault.activeId(serverUrl), this.options.now())
			.find((row) => row.id === id);
	}

	dispose(): void {
		for (const subscription of this.subscriptions) subscription.dispose();
		this.emitter.dispose();
	}

	private listingOf(server: ServerEntry): Promise<Listing> {
		const cached = this.listings.get(server.url);
		if (cached) return cached;
		const listing = this.fetch(server);
		this.listings.set(server.url, listing);
		// The server row shows the sign-in and version this fetch may just have learnt; redrawing
		// re-reads the cached listing, so it does not fetch again.
		void listing.then((result) => {
			if (result.username !== undefined) this.usernames.set(server.url, result.username);
			if (this.listings.get(server.url) === listing) this.emitter.fire(undefined);
		});
		return listing;
	}

	private async fetch(server: ServerEntry): Promise<Listing> {
		try {
			const result = await this.signIn.run(server, async (session) => ({
				remote: { tokens: await session.client.listOwnTokens(), ownerId: session.me.id },
				...optional('username', session.me.username),
			}), false);
			return result ?? {};
		} catch (error) {
			if (isDhis2Error(error)) {
				// A rejected quiet sign-in was forgotten by SignIn; the view then just asks to sign in.
				return error.kind === 'bad-credentials' ? {} : { error };
			}
			this.logger.error(`Listing the tokens of ${server.url} failed`, error);
			return {};
		}
	}
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
	return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
