import { type HttpExchange } from '../../core/http/send';
import { type ResponseViewModel } from '../../core/protocol/responseView';

/** Where a request is written, so "Send Again" can send what the file says now. */
export interface RequestSource {
	readonly uri: string;
	readonly line: number;
}

export interface StoredResponse {
	readonly model: ResponseViewModel;
	readonly exchange: HttpExchange;
	readonly source?: RequestSource;
	/** The vault token the request carried, for Rotate / Show Details from the view. */
	readonly token?: { readonly serverUrl: string; readonly id: string };
	/** The configured server the request went to. */
	readonly serverUrl?: string;
}

/** How many responses stay reachable from the view and its actions; each may hold a body of up to the in-memory limit. */
export const KEPT_RESPONSES = 5;

/**
 * The last few responses of this window, by view id. A response whose body went to a temporary
 * file owns that file: it is deleted when the response is dropped, and all of them on dispose.
 * Held in memory only; nothing here is persisted.
 */
export class ResponseStore {
	private readonly entries = new Map<number, StoredResponse>();
	private nextId = 1;

	constructor(
		private readonly removeFile: (path: string) => Promise<void>,
		private readonly keep = KEPT_RESPONSES,
	) {}

	newViewId(): number {
		return this.nextId++;
	}

	add(response: StoredResponse): void {
		this.entries.set(response.model.viewId, response);
		while (this.entries.size > this.keep) {
			const oldest = this.entries.keys().next().value;
			if (oldest === undefined) break;
			this.drop(oldest);
		}
	}

	get(viewId: number): StoredResponse | undefined {
		return this.entries.get(viewId);
	}

	latest(): StoredResponse | undefined {
		return [...this.entries.values()].at(-1);
	}

	/** Temporary body files of every response held now. */
	files(): string[] {
		return [...this.entries.values()].flatMap((entry) => (entry.exchange.response.body.kind === 'file' ? [entry.exchange.response.body.path] : []));
	}

	private drop(viewId: number): void {
		const entry = this.entries.get(viewId);
		this.entries.delete(viewId);
		if (entry?.exchange.response.body.kind === 'file') void this.removeFile(entry.exchange.response.body.path).catch(() => undefined);
	}

	async dispose(): Promise<void> {
		const files = this.files();
		this.entries.clear();
		await Promise.all(files.map((path) => this.removeFile(path).catch(() => undefined)));
	}
}
