import { ConfigurationTarget, type Disposable, EventEmitter, type Memento, workspace } from 'vscode';
import { type Logger } from '../logger';
import { findServer, parseServers, SERVERS_SETTING, type ServerEntry, serialiseServers } from './serverList';

/** DHIS2 versions learnt from `/api/system/info`, by server URL: not secret, kept between sessions. */
const VERSIONS_KEY = 'dhis2-pat.serverVersions';

/**
 * The servers of the `dhis2.servers` setting (user settings only: the manifest gives it
 * `application` scope, so a workspace cannot slip in a server to send passwords to).
 */
export class ServerRegistry implements Disposable {
	private readonly emitter = new EventEmitter<void>();
	readonly onDidChange = this.emitter.event;
	private servers: ServerEntry[] = [];
	private readonly subscription: Disposable;

	constructor(
		private readonly globalState: Memento,
		private readonly logger: Logger,
	) {
		this.reload();
		this.subscription = workspace.onDidChangeConfiguration((event) => {
			if (!event.affectsConfiguration(SERVERS_SETTING)) return;
			this.reload();
			this.emitter.fire();
		});
	}

	list(): readonly ServerEntry[] {
		return this.servers;
	}

	get(url: string): ServerEntry | undefined {
		return findServer(this.servers, url);
	}

	labelOf(url: string): string {
		return this.get(url)?.label ?? url;
	}

	/** Writes the whole list to user settings; the change event then reloads it. */
	async save(servers: readonly ServerEntry[]): Promise<void> {
		await workspace.getConfiguration().update(SERVERS_SETTING, serialiseServers(servers), ConfigurationTarget.Global);
		// The configuration event may arrive later than the caller looks at the list again.
		this.servers = [...servers];
		this.emitter.fire();
	}

	version(url: string): string | undefined {
		return this.globalState.get<Record<string, string>>(VERSIONS_KEY)?.[url];
	}

	async rememberVersion(url: string, version: string | undefined): Promise<void> {
		const versions = { ...(this.globalState.get<Record<string, string>>(VERSIONS_KEY) ?? {}) };
		if (version === undefined) delete versions[url];
		else versions[url] = version;
		await this.globalState.update(VERSIONS_KEY, versions);
	}

	dispose(): void {
		this.subscription.dispose();
		this.emitter.dispose();
	}

	private reload(): void {
		const { servers, problems } = parseServers(workspace.getConfiguration().get<unknown>(SERVERS_SETTING));
		for (const problem of problems) this.logger.warn(problem);
		this.servers = servers;
	}
}
