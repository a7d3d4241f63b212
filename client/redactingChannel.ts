import { type Event, type LogLevel, type LogOutputChannel, type ViewColumn } from 'vscode';
import { redactTokens } from '../core/redact';
import { redactedLogLine } from './logText';

/**
 * A LogOutputChannel that masks every DHIS2 token before the text reaches the real channel.
 *
 * The LanguageClient gets this as its `outputChannel`, so everything it writes passes through here:
 * its own errors, the server's stderr and `window/logMessage`, and LSP traces — which, with
 * `dhis2.trace.server: verbose`, echo whole documents, hardcoded tokens included.
 * vscode-languageclient 10+ reads `logLevel` and subscribes to `onDidChangeLogLevel` to decide
 * whether to trace, so those are forwarded untouched.
 */
export class RedactingLogOutputChannel implements LogOutputChannel {
	constructor(private readonly inner: LogOutputChannel) {}

	get name(): string {
		return this.inner.name;
	}

	get logLevel(): LogLevel {
		return this.inner.logLevel;
	}

	get onDidChangeLogLevel(): Event<LogLevel> {
		return this.inner.onDidChangeLogLevel;
	}

	trace(message: string, ...args: unknown[]): void {
		this.inner.trace(redactedLogLine(message, args));
	}

	debug(message: string, ...args: unknown[]): void {
		this.inner.debug(redactedLogLine(message, args));
	}

	info(message: string, ...args: unknown[]): void {
		this.inner.info(redactedLogLine(message, args));
	}

	warn(message: string, ...args: unknown[]): void {
		this.inner.warn(redactedLogLine(message, args));
	}

	error(error: string | Error, ...args: unknown[]): void {
		this.inner.error(redactedLogLine(error, args));
	}

	append(value: string): void {
		this.inner.append(redactTokens(value));
	}

	appendLine(value: string): void {
		this.inner.appendLine(redactTokens(value));
	}

	replace(value: string): void {
		this.inner.replace(redactTokens(value));
	}

	clear(): void {
		this.inner.clear();
	}

	show(preserveFocus?: boolean): void;
	show(column?: ViewColumn, preserveFocus?: boolean): void;
	show(columnOrPreserveFocus?: ViewColumn | boolean, preserveFocus?: boolean): void {
		if (typeof columnOrPreserveFocus === 'number') this.inner.show(columnOrPreserveFocus, preserveFocus);
		else this.inner.show(columnOrPreserveFocus);
	}

	hide(): void {
		this.inner.hide();
	}

	dispose(): void {
		this.inner.dispose();
	}
}
