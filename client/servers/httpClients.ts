import { type Disposable, EventEmitter, workspace } from 'vscode';
import { Dhis2Client } from '../../core/dhis2/client/api';
import { type Credentials } from '../../core/dhis2/client/credentials';
import { HttpTransport } from '../../core/dhis2/client/http';
import { CA_CERTIFICATES_SETTING, TIMEOUT_SETTING } from '../../core/dhis2/client/requestContext';
import { type Logger } from '../logger';
import { httpOptionsFromSettings } from './httpSettings';

const HTTP_SECTION = 'dhis2.http';

/**
 * One HTTP transport for every DHIS2 call of the window, rebuilt when `dhis2.http.*` changes.
 * An invalid CA setting is reported when a call is made, with the transport's own explanation.
 */
export class HttpClients implements Disposable {
	private transport: HttpTransport | undefined;
	private readonly emitter = new EventEmitter<void>();
	/** Fires after the settings changed: clients made before use the old transport and should be dropped. */
	readonly onDidReplaceTransport = this.emitter.event;
	private readonly subscription: Disposable;

	constructor(
		private readonly logger: Logger,
		private readonly userAgent: string,
	) {
		this.subscription = workspace.onDidChangeConfiguration((event) => {
			if (!event.affectsConfiguration(HTTP_SECTION)) return;
			this.retire();
			this.emitter.fire();
		});
	}

	clientFor(baseUrl: string, credentials: Credentials): Dhis2Client {
		return new Dhis2Client({ baseUrl, credentials, transport: this.current() });
	}

	dispose(): void {
		this.subscription.dispose();
		this.emitter.dispose();
		this.retire();
	}

	private current(): HttpTransport {
		if (this.transport) return this.transport;
		const config = workspace.getConfiguration();
		const options = httpOptionsFromSettings(config.get<unknown>(CA_CERTIFICATES_SETTING), config.get<unknown>(TIMEOUT_SETTING));
		// Throws a Dhis2Error ('invalid-setting') for a CA setting without a certificate: the caller shows it.
		this.transport = new HttpTransport({
			...options,
			userAgent: this.userAgent,
			// Method, URL, status and timing only: the transport never hands headers or bodies to this hook.
			trace: (event) => this.logger.debug(`${event.method} ${event.url} → ${event.status ?? event.errorKind ?? '?'} (${event.durationMs} ms)`),
		});
		return this.transport;
	}

	private retire(): void {
		const old = this.transport;
		this.transport = undefined;
		// Requests in flight finish first: undici's close() waits for them.
		old?.close().catch((error: unknown) => this.logger.warn('Closing the old HTTP transport failed', error));
	}
}
