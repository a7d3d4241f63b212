import { expiryState } from '../../core/dhis2/tokens';
import { type StoredToken } from '../../core/vault';
import { type ServerEntry } from '../servers/serverList';
import { expiryText } from '../tokens/expiryText';

export interface StatusInput {
	readonly servers: readonly ServerEntry[];
	readonly stored: readonly StoredToken[];
	/** The `.http` token of each server, by server URL. */
	readonly activeIds: Readonly<Record<string, string | undefined>>;
	readonly now: number;
	readonly warningDays: number;
}

export interface StatusModel {
	readonly text: string;
	readonly tooltip: string;
	/** Decides the background: VS Code offers only warning and error colours for items. */
	readonly severity: 'normal' | 'warning' | 'error';
}

function activeTokenOf(input: StatusInput, server: ServerEntry): StoredToken | undefined {
	const id = input.activeIds[server.url];
	return id === undefined ? undefined : input.stored.find((token) => token.serverUrl === server.url && token.id === id);
}

function severityOf(token: StoredToken | undefined, input: StatusInput): StatusModel['severity'] {
	if (!token || token.expireKnown === false) return 'normal';
	const state = expiryState(token.expire, input.now, input.warningDays);
	return state === 'expired' ? 'error' : state === 'expiring-soon' ? 'warning' : 'normal';
}

function tokenPhrase(token: StoredToken | undefined, now: number): string {
	if (!token) return 'no active token';
	if (token.expireKnown === false) return 'token expiry unknown';
	const { relative, expired } = expiryText(token.expire, now);
	return expired ? `token ${relative}` : `token expires ${relative}`;
}

function line(server: ServerEntry, token: StoredToken | undefined, now: number): string {
	const name = token ? ` (${token.name ?? token.masked})` : '';
	return `${server.label}${server.production ? ' [production]' : ''}: ${tokenPhrase(token, now)}${name}`;
}

/**
 * The status bar item: the server whose token `.http` requests use (or the only server), and when
 * that token expires. Undefined when there is nothing to show: no servers at all.
 */
export function statusModel(input: StatusInput): StatusModel | undefined {
	if (input.servers.length === 0) return undefined;
	const withActive = input.servers.filter((server) => activeTokenOf(input, server) !== undefined);
	const focus = withActive.length === 1 ? withActive[0] : input.servers.length === 1 ? input.servers[0] : undefined;
	const footer = 'Click to open the DHIS2 Tokens view.';
	if (focus) {
		const token = activeTokenOf(input, focus);
		return {
			text: `DHIS2: ${focus.label} · ${tokenPhrase(token, input.now)}`,
			tooltip: [line(focus, token, input.now), footer].join('\n'),
			severity: severityOf(token, input),
		};
	}
	// Several servers, each with its own `.http` token (or none): name the soonest to expire.
	const tokens = withActive.map((server) => ({ server, token: activeTokenOf(input, server) }));
	const soonest = tokens.filter((entry) => entry.token).sort((a, b) => (a.token?.expire ?? 0) - (b.token?.expire ?? 0))[0];
	const worst = tokens.map((entry) => severityOf(entry.token, input)).reduce<StatusModel['severity']>(
		(acc, next) => (acc === 'error' || next === 'error' ? 'error' : acc === 'warning' || next === 'warning' ? 'warning' : 'normal'), 'normal');
	return {
		text: soonest
			? `DHIS2: ${input.servers.length} servers · ${soonest.server.label} ${tokenPhrase(soonest.token, input.now)}`
			: `DHIS2: ${input.servers.length} servers`,
		tooltip: [...input.servers.map((server) => line(server, activeTokenOf(input, server), input.now)), footer].join('\n'),
		severity: worst,
	};
}
