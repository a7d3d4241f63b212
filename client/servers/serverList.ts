import { checkServerUrl } from '../../core/dhis2/client/serverUrl';

/**
 * The `dhis2.servers` setting: where the user's DHIS2 servers are listed. It never holds a secret
 * (passwords and keys live in SecretStorage); a URL with credentials in it is rejected on the way in.
 */
export const SERVERS_SETTING = 'dhis2.servers';

export interface ServerEntry {
	/** Normalised base URL (`normaliseServerUrl`): the key of everything stored per server. */
	readonly url: string;
	readonly label: string;
	/** Marked in every confirmation, so nobody revokes or creates a production token by accident. */
	readonly production: boolean;
}

export const MAX_LABEL_LENGTH = 60;

export interface ParsedServers {
	readonly servers: ServerEntry[];
	/** Entries that were skipped, each with the reason: shown once in the log, never thrown. */
	readonly problems: string[];
}

/** `https://play.dhis2.org/40` → `play.dhis2.org/40`: what a server is called until the user names it. */
export function defaultLabel(url: string): string {
	return url.replace(/^https?:\/\//, '');
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Reads the setting as the user may have hand-edited it: tolerant of junk, normalising every URL,
 * and keeping only the first entry of a server listed twice (the one the tree shows).
 */
export function parseServers(raw: unknown): ParsedServers {
	const servers: ServerEntry[] = [];
	const problems: string[] = [];
	const entries = Array.isArray(raw) ? (raw as unknown[]) : [];
	if (raw !== undefined && raw !== null && !Array.isArray(raw)) problems.push(`"${SERVERS_SETTING}" must be a list of {url, label}.`);
	entries.forEach((entry, index) => {
		const record = recordOf(entry);
		if (typeof record?.url !== 'string') {
			problems.push(`Entry ${index + 1} of "${SERVERS_SETTING}" has no "url".`);
			return;
		}
		const check = checkServerUrl(record.url);
		if (!check.ok) {
			problems.push(`Entry ${index + 1} of "${SERVERS_SETTING}": ${check.message}`);
			return;
		}
		if (servers.some((server) => server.url === check.url)) {
			problems.push(`Entry ${index + 1} of "${SERVERS_SETTING}" repeats ${check.url}; the first one is used.`);
			return;
		}
		const label = typeof record.label === 'string' && record.label.trim() !== '' ? record.label.trim().slice(0, MAX_LABEL_LENGTH) : defaultLabel(check.url);
		servers.push({ url: check.url, label, production: record.production === true });
	});
	return { servers, problems };
}

/** What is written back: only the three known keys, `production` only when set. */
export function serialiseServers(servers: readonly ServerEntry[]): Record<string, unknown>[] {
	return servers.map((server) => ({ url: server.url, label: server.label, ...(server.production ? { production: true } : {}) }));
}

/** For the URL input box's `validateInput`: a message while the text cannot be added, else undefined. */
export function newServerUrlProblem(input: string, servers: readonly ServerEntry[]): string | undefined {
	const check = checkServerUrl(input);
	if (!check.ok) return check.suggestion === undefined ? check.message : `${check.message} Did you mean ${check.suggestion}?`;
	const existing = servers.find((server) => server.url === check.url);
	return existing ? `${check.url} is already in the list as "${existing.label}".` : undefined;
}

/** For the label input box: labels name servers in confirmations, so they must tell servers apart. */
export function labelProblem(input: string, servers: readonly ServerEntry[], renaming?: string): string | undefined {
	const label = input.trim();
	if (label === '') return 'Enter a name for this server, e.g. "play" or "production".';
	if (label.length > MAX_LABEL_LENGTH) return `Keep the name under ${MAX_LABEL_LENGTH} characters (it has ${label.length}).`;
	const clash = servers.find((server) => server.url !== renaming && server.label.toLowerCase() === label.toLowerCase());
	return clash ? `"${clash.label}" already names ${clash.url}.` : undefined;
}

export function withServerAdded(servers: readonly ServerEntry[], entry: ServerEntry): ServerEntry[] {
	if (servers.some((server) => server.url === entry.url)) throw new Error(`${entry.url} is already in the list.`);
	return [...servers, entry];
}

export function withServerRemoved(servers: readonly ServerEntry[], url: string): ServerEntry[] {
	return servers.filter((server) => server.url !== url);
}

export function withServerRenamed(servers: readonly ServerEntry[], url: string, label: string): ServerEntry[] {
	return servers.map((server) => (server.url === url ? { ...server, label: label.trim() } : server));
}

export function findServer(servers: readonly ServerEntry[], url: string): ServerEntry | undefined {
	return servers.find((server) => server.url === url);
}

/** How a server is named in messages: `"play" (https://play.dhis2.org/40)`, with a production marker. */
export function describeServer(server: ServerEntry): string {
	return `"${server.label}" (${server.url})${server.production ? ' [production]' : ''}`;
}

/** The normalised form of an address that passed `newServerUrlProblem`. */
export function normalisedUrlOf(input: string): string | undefined {
	const check = checkServerUrl(input);
	return check.ok ? check.url : undefined;
}
