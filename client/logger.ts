import { type RedactingLogOutputChannel } from './redactingChannel';

/**
 * The extension's logger. It only accepts the redacting channel, so a token that slips into a
 * message or an error is masked like everything else; the channel's log level decides what shows.
 */
export class Logger {
	constructor(
		private readonly channel: RedactingLogOutputChannel,
		private readonly component?: string,
	) {}

	/** A logger whose lines are tagged `[component]`, to tell the parts of the client apart. */
	child(component: string): Logger {
		return new Logger(this.channel, this.component ? `${this.component}/${component}` : component);
	}

	trace(message: string, ...args: unknown[]): void {
		this.channel.trace(this.tag(message), ...args);
	}

	debug(message: string, ...args: unknown[]): void {
		this.channel.debug(this.tag(message), ...args);
	}

	info(message: string, ...args: unknown[]): void {
		this.channel.info(this.tag(message), ...args);
	}

	warn(message: string, ...args: unknown[]): void {
		this.channel.warn(this.tag(message), ...args);
	}

	/** `cause` is logged with its stack when it is an Error, inspected otherwise. */
	error(message: string, cause?: unknown): void {
		if (cause === undefined) this.channel.error(this.tag(message));
		else this.channel.error(this.tag(message), cause);
	}

	private tag(message: string): string {
		return this.component ? `[${this.component}] ${message}` : message;
	}
}
