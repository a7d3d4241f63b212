import { maskUrl } from '../../core/http/send';
import { type ParsedFile, type ParsedRequest } from '../../core/http/model';

/**
 * Recent `.http` requests of a workspace (workspaceState). Only what identifies a request and how it
 * went: method, URL, status or failure, time, and where the request is written. Never a header
 * value or a body, and the URL has DHIS2 keys, user info and secret-looking query values masked.
 */
export interface HistoryEntry {
	/** Epoch ms when the request was sent. */
	readonly at: number;
	readonly method: string;
	readonly url: string;
	readonly status?: number;
	/** The failure kind (`timeout`, `dns`, `token-refused`…) when there was no response. */
	readonly failure?: string;
	readonly timeMs?: number;
	/** The request file (a URI string), its `# @name`, and where the request line was. */
	readonly file?: string;
	readonly name?: string;
	readonly line?: number;
}

export const HISTORY_KEY = 'dhis2-pat.http.history';
export const DEFAULT_HISTORY_SIZE = 50;
export const MAX_HISTORY_SIZE = 500;

const HIDDEN = '********';
/** Query parameters whose values are credentials more often than not. */
const SECRET_PARAMETER = /(?:^|[_.-])(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|apikey|key|auth(?:orization)?|access[_-]?token|refresh[_-]?token|session(?:id)?|jsessionid|sig(?:nature)?|code|credentials?)$/i;

/** `maskUrl`, plus the values of credential-like query parameters (`?password=…`) hidden. */
export function historyUrl(url: string): string {
	const masked = maskUrl(url);
	let parsed: URL;
	try {
		parsed = new URL(masked);
	} catch {
		return masked;
	}
	if (parsed.search === '') return masked;
	let changed = false;
	const pairs = parsed.search.slice(1).split('&').map((pair) => {
		const at = pair.indexOf('=');
		if (at < 0) return pair;
		let name = pair.slice(0, at);
		try {
			name = decodeURIComponent(name.replace(/\+/g, ' '));
		} catch {
			// Not valid percent-encoding: judge the name as written.
		}
		if (!SECRET_PARAMETER.test(name)) return pair;
		changed = true;
		return `${pair.slice(0, at)}=${HIDDEN}`;
	});
	if (!changed) return masked;
	const hash = parsed.hash;
	parsed.search = '';
	parsed.hash = '';
	return `${parsed.toString()}?${pairs.join('&')}${hash}`;
}

/** The same fields before shaping: the URL still raw, and possibly extra properties that are not kept. */
export type HistoryInput = HistoryEntry;

/** The entry stored for a request: known fields only, URL masked, nothing else carried along. */
export function historyEntry(input: HistoryInput): HistoryEntry {
	return {
		at: input.at,
		method: input.method.toUpperCase(),
		url: historyUrl(input.url),
		...(input.status === undefined ? {} : { status: input.status }),
		...(input.failure === undefined ? {} : { failure: input.failure }),
		...(input.timeMs === undefined ? {} : { timeMs: Math.round(input.timeMs) }),
		...(input.file === undefined ? {} : { file: input.file }),
		...(input.name === undefined ? {} : { name: input.name }),
		...(input.line === undefined ? {} : { line: input.line }),
	};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const optional = <T>(value: unknown, check: (value: unknown) => value is T): value is T | undefined => value === undefined || check(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Reads what workspaceState holds, which an older or newer version may have written: junk is dropped. */
export function readHistory(raw: unknown): HistoryEntry[] {
	if (!Array.isArray(raw)) return [];
	return raw.flatMap((item): HistoryEntry[] => {
		if (!isRecord(item) || !isCount(item.at) || !isString(item.method) || !isString(item.url)) return [];
		if (!optional(item.status, isCount) || !optional(item.failure, isString) || !optional(item.timeMs, isCount)) return [];
		if (!optional(item.file, isString) || !optional(item.name, isString) || !optional(item.line, isCount)) return [];
		// Re-shaped (and re-masked) on the way in, so nothing a hand edit added is carried along.
		return [historyEntry(item as unknown as HistoryInput)];
	});
}

/** Newest first, at most `size`; `size` 0 keeps nothing. */
export function withEntry(history: readonly HistoryEntry[], entry: HistoryEntry, size: number): HistoryEntry[] {
	return size <= 0 ? [] : [entry, ...history].slice(0, size);
}

export function historySizeFrom(value: unknown): number {
	return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.floor(value), 0), MAX_HISTORY_SIZE) : DEFAULT_HISTORY_SIZE;
}

/** `200 OK · 87 ms`, `timeout`, for the history list. */
export function historyOutcome(entry: HistoryEntry): string {
	const time = entry.timeMs === undefined ? '' : ` · ${entry.timeMs} ms`;
	if (entry.status !== undefined) return `${entry.status}${time}`;
	return `${entry.failure ?? 'not sent'}${time}`;
}

/** The part of workspaceState the history needs (VS Code's Memento fits). */
export interface HistoryState {
	get<T>(key: string): T | undefined;
	update(key: string, value: unknown): PromiseLike<void>;
}

export class RequestHistory {
	constructor(
		private readonly state: HistoryState,
		private readonly size: () => number,
	) {}

	list(): HistoryEntry[] {
		return readHistory(this.state.get<unknown>(HISTORY_KEY)).slice(0, this.size());
	}

	async add(input: HistoryInput): Promise<void> {
		await this.state.update(HISTORY_KEY, withEntry(this.list(), historyEntry(input), this.size()));
	}

	async clear(): Promise<void> {
		await this.state.update(HISTORY_KEY, undefined);
	}
}

/**
 * The request an entry came from, in the file as it is now: by `# @name` first, else the request
 * at the remembered line if it still has the same method. `undefined` when the file changed too much.
 */
export function requestForEntry(file: ParsedFile, entry: HistoryEntry): ParsedRequest | undefined {
	if (entry.name !== undefined) {
		const named = file.requests.find((request) => request.name === entry.name);
		if (named) return named;
	}
	if (entry.line === undefined) return undefined;
	const line = entry.line;
	const atLine = file.requests.find((request) => request.range.start.line <= line && line <= request.range.end.line);
	return atLine && atLine.method.toUpperCase() === entry.method ? atLine : undefined;
}
