import { expiryState, formatDate, summariseRestrictions } from '../../core/dhis2/tokens';
import { type ServerEntry } from '../servers/serverList';
import { expiryText } from './expiryText';
import { escapeMarkdown, inlineCode } from './markdown';
import { type TokenRow } from './tokenRows';

/** A codicon and an optional theme colour id, turned into a ThemeIcon by the tree. */
export interface IconSpec {
	readonly id: string;
	readonly color?: string;
}

/** Everything a tree item shows, decided here so it can be tested without VS Code. */
export interface ItemPresentation {
	readonly label: string;
	readonly description: string;
	/** Markdown; every server- or user-supplied string in it is escaped. */
	readonly tooltip: string;
	readonly icon: IconSpec;
	/** Space-separated flags, matched by `viewItem =~ /\bflag\b/` in the manifest's menus. */
	readonly contextValue: string;
}

export interface PresentationOptions {
	readonly now: number;
	readonly warningDays: number;
	readonly timeZone?: 'local' | 'utc';
}

export const CONTEXT_LABEL: Readonly<Record<TokenRow['context'], string>> = {
	server: 'server/script',
	browser: 'browser',
};

/** The flags each menu entry keys on; the manifest test checks every flag it uses is one of these. */
export const TOKEN_FLAGS = ['dhis2Token', 'stored', 'active', 'revocable', 'rotatable', 'activatable'] as const;
export type TokenFlag = (typeof TOKEN_FLAGS)[number];

export function tokenFlags(row: TokenRow): TokenFlag[] {
	const flags: TokenFlag[] = ['dhis2Token'];
	if (row.stored) flags.push('stored');
	if (row.active) flags.push('active');
	// A token the server no longer lists is already gone there; only its local key remains to forget.
	if (row.idKnown && row.presence !== 'missing') flags.push('revocable', 'rotatable');
	if (row.stored && !row.active) flags.push('activatable');
	return flags;
}

export function tokenLabel(row: Pick<TokenRow, 'id' | 'idKnown' | 'name' | 'masked'>): string {
	if (row.name !== undefined && row.name.trim() !== '') return row.name;
	return row.idKnown ? row.id : `imported ${row.masked ?? 'token'}`;
}

function tokenIcon(row: TokenRow, options: PresentationOptions): IconSpec {
	const state = row.expire === undefined ? 'valid' : expiryState(row.expire, options.now, options.warningDays);
	if (state === 'expired') return { id: 'error', color: 'list.errorForeground' };
	if (row.presence === 'missing') return { id: 'circle-slash', color: 'disabledForeground' };
	if (state === 'expiring-soon') return { id: 'warning', color: 'list.warningForeground' };
	if (row.active) return { id: 'key', color: 'charts.green' };
	return row.stored ? { id: 'key' } : { id: 'cloud' };
}

function createdText(created: number | string | undefined, options: PresentationOptions): string | undefined {
	if (created === undefined) return undefined;
	return typeof created === 'number' ? formatDate(created, { timeZone: options.timeZone ?? 'local' }) : created.slice(0, 10);
}

export function presentToken(row: TokenRow, server: ServerEntry, options: PresentationOptions): ItemPresentation {
	const expiry = row.expire === undefined ? undefined : expiryText(row.expire, options.now, options.timeZone);
	const description = [CONTEXT_LABEL[row.context], expiry ? (expiry.expired ? expiry.relative : `expires ${expiry.relative}`) : 'no expiry known'].join(' · ');

	const lines = [`**${escapeMarkdown(tokenLabel(row))}**${row.idKnown && row.name ? ` ${inlineCode(row.id)}` : ''}`, ''];
	lines.push(`Server: ${escapeMarkdown(server.label)} (${escapeMarkdown(server.url)})${server.production ? ' — **production**' : ''}`);
	lines.push(`Context: ${CONTEXT_LABEL[row.context]}`);
	if (expiry) lines.push(`${expiry.expired ? 'Expired' : 'Expires'}: ${expiry.date} (${expiry.relative})`);
	lines.push(`Restrictions: ${escapeMarkdown(summariseRestrictions(row.restrictions))}`);
	const created = createdText(row.created, options);
	if (created) lines.push(`Created: ${escapeMarkdown(created)}`);
	lines.push(row.stored ? `Key: stored in VS Code (${inlineCode(row.masked ?? '…')})` : 'Key: not stored in VS Code (DHIS2 cannot show it again)');
	if (row.active) lines.push('Used for `.http` requests to this server');
	if (row.presence === 'missing') lines.push('', '**Not on the server any more** (revoked or deleted elsewhere); the local key no longer works.');
	if (!row.idKnown) lines.push('', 'Imported without a matching server token: it can be used, but not revoked from VS Code.');

	return {
		label: tokenLabel(row),
		description,
		// Two trailing spaces make each line a hard break in Markdown.
		tooltip: lines.join('  \n'),
		icon: tokenIcon(row, options),
		contextValue: tokenFlags(row).join(' '),
	};
}

/** What the view knows about a server besides its settings entry. */
export interface ServerState {
	readonly signedIn: boolean;
	/** Whom the sign-in belongs to, once `/api/me` answered. */
	readonly username?: string;
	/** DHIS2's version text, once `/api/system/info` answered (kept between sessions). */
	readonly version?: string;
}

export const SERVER_FLAGS = ['dhis2Server', 'signedIn', 'signedOut'] as const;

export function presentServer(server: ServerEntry, state: ServerState): ItemPresentation {
	const parts = [new URL(server.url).host];
	if (state.version) parts.push(state.version);
	if (server.production) parts.push('production');
	const lines = [`**${escapeMarkdown(server.label)}**`, '', escapeMarkdown(server.url)];
	if (state.version) lines.push(`DHIS2 ${escapeMarkdown(state.version)}`);
	lines.push(state.signedIn ? `Signed in${state.username ? ` as ${escapeMarkdown(state.username)}` : ''}` : 'Not signed in: only tokens stored in VS Code are listed');
	if (server.production) lines.push('**Production server**: revoking or rotating here affects live integrations.');
	return {
		label: server.label,
		description: parts.join(' · '),
		tooltip: lines.join('  \n'),
		icon: server.production ? { id: 'server-environment', color: 'charts.red' } : { id: 'server' },
		contextValue: ['dhis2Server', state.signedIn ? 'signedIn' : 'signedOut'].join(' '),
	};
}
