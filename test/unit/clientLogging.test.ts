import assert from 'node:assert/strict';
import { type Event, type LogLevel, type LogOutputChannel, type ViewColumn } from 'vscode';
import { Logger } from '../../client/logger';
import { RedactingLogOutputChannel } from '../../client/redactingChannel';
import { generateToken, mask, seededRandom } from '../../core/token';

const random = seededRandom(20261129);
const V2 = generateToken({ version: 'v2', variant: 'padded', random });
const V1 = generateToken({ version: 'v1', variant: 'plain', random });
// Same shape, checksum broken: lookalikes must be masked too (a mistyped real key is still a key).
const LOOKALIKE = V2.slice(0, -1) + (V2.endsWith('a') ? 'b' : 'a');
const SECRETS = [V2, V1, LOOKALIKE];

// Values of vscode.LogLevel (a public, stable enum); the test runs without VS Code, so no import of the value.
const TRACE = 1 as LogLevel;
const INFO = 3 as LogLevel;

interface Call {
	readonly method: string;
	readonly args: readonly unknown[];
}

/** A LogOutputChannel that records what reaches it: the "real" channel behind the proxy. */
class RecordingChannel implements LogOutputChannel {
	readonly name = 'DHIS2 PAT';
	readonly calls: Call[] = [];
	logLevel: LogLevel = INFO;
	private readonly listeners = new Set<(level: LogLevel) => unknown>();

	readonly onDidChangeLogLevel: Event<LogLevel> = (listener) => {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	};

	setLevel(level: LogLevel): void {
		this.logLevel = level;
		for (const listener of this.listeners) listener(level);
	}

	private record(method: string, args: readonly unknown[]): void {
		this.calls.push({ method, args });
	}

	trace(...args: unknown[]): void { this.record('trace', args); }
	debug(...args: unknown[]): void { this.record('debug', args); }
	info(...args: unknown[]): void { this.record('info', args); }
	warn(...args: unknown[]): void { this.record('warn', args); }
	error(...args: unknown[]): void { this.record('error', args); }
	append(...args: unknown[]): void { this.record('append', args); }
	appendLine(...args: unknown[]): void { this.record('appendLine', args); }
	replace(...args: unknown[]): void { this.record('replace', args); }
	clear(): void { this.record('clear', []); }
	show(...args: unknown[]): void { this.record('show', args); }
	hide(): void { this.record('hide', []); }
	dispose(): void { this.record('dispose', []); }
}

function setup(): { inner: RecordingChannel; channel: RedactingLogOutputChannel } {
	const inner = new RecordingChannel();
	return { inner, channel: new RedactingLogOutputChannel(inner) };
}

/** The one string that reached the real channel in `call`. */
function onlyText(call: Call | undefined): string {
	assert.ok(call, 'expected a call to reach the channel');
	assert.equal(call.args.length, 1, `${call.method} must pass one pre-formatted string, got ${call.args.length} arguments`);
	const [text] = call.args;
	assert.equal(typeof text, 'string');
	return text as string;
}

function assertRedacted(text: string, secrets: readonly string[] = SECRETS): void {
	for (const secret of secrets) {
		assert.ok(!text.includes(secret), `raw token leaked: ${mask(secret)}`);
		assert.ok(text.includes(mask(secret)), `expected the masked form ${mask(secret)} in: ${text}`);
	}
}

describe('client: redacting log channel', () => {
	const line = `Authorization: ApiToken ${V2}; old ${V1}; typo ${LOOKALIKE}`;

	for (const method of ['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace'] as const) {
		it(`masks every token written through ${method}()`, () => {
			const { inner, channel } = setup();
			channel[method](line);
			const call = inner.calls[0];
			assert.equal(call?.method, method);
			assertRedacted(onlyText(call));
		});
	}

	it('folds extra arguments into the line before masking, so the real channel cannot format a token', () => {
		const { inner, channel } = setup();
		channel.info('request failed', { headers: { Authorization: `ApiToken ${V2}` } }, [V1], LOOKALIKE);
		const text = onlyText(inner.calls[0]);
		assertRedacted(text);
		assert.match(text, /^request failed \{ headers: \{ Authorization: 'ApiToken d2p_/);
	});

	it('logs an Error with its stack and masks a token in its message', () => {
		const { inner, channel } = setup();
		channel.error(new Error(`server rejected ${V2}`));
		const text = onlyText(inner.calls[0]);
		assertRedacted(text, [V2]);
		assert.match(text, /^Error: server rejected d2p_/);
		assert.match(text, /\n\s+at /, 'the stack must be kept');
	});

	it('masks tokens in a verbose LSP trace, where document text arrives JSON-escaped', () => {
		const { inner, channel } = setup();
		const documentText = `# config\n${V2}\nheaders = {"Authorization": "ApiToken ${V1}"}\n\t${LOOKALIKE}`;
		const params = { textDocument: { uri: 'file:///w/a.py', languageId: 'python', version: 1, text: documentText } };
		channel.trace(`[Trace - 12:00:00] Sending notification 'textDocument/didOpen'.\nParams: ${JSON.stringify(params, null, 4)}`);
		const text = onlyText(inner.calls[0]);
		assert.ok(text.includes('\\n'), 'precondition: the trace holds escaped newlines right before a token');
		assertRedacted(text);
	});

	it('passes text without tokens through unchanged, placeholders included', () => {
		const { inner, channel } = setup();
		const text = 'set DHIS2_TOKEN=d2p_your_token_here or d2pat_... (d2pat_make_node)';
		channel.appendLine(text);
		assert.equal(onlyText(inner.calls[0]), text);
	});

	it('forwards the log level and its changes, which the language client uses to switch tracing on', () => {
		const { inner, channel } = setup();
		assert.equal(channel.logLevel, INFO);
		const seen: LogLevel[] = [];
		const subscription = channel.onDidChangeLogLevel((level) => seen.push(level));
		inner.setLevel(TRACE);
		assert.equal(channel.logLevel, TRACE);
		assert.deepEqual(seen, [TRACE]);
		subscription.dispose();
		inner.setLevel(INFO);
		assert.deepEqual(seen, [TRACE], 'a disposed subscription must not be called again');
	});

	it('forwards name, clear, show (both overloads), hide and dispose', () => {
		const { inner, channel } = setup();
		assert.equal(channel.name, 'DHIS2 PAT');
		channel.clear();
		channel.show(true);
		channel.show();
		channel.show(2 as ViewColumn, false);
		channel.hide();
		channel.dispose();
		assert.deepEqual(
			inner.calls.map(({ method, args }) => [method, args.filter((arg) => arg !== undefined)]),
			[['clear', []], ['show', [true]], ['show', []], ['show', [2, false]], ['hide', []], ['dispose', []]],
		);
	});
});

describe('client: logger', () => {
	it('tags lines with the component and logs at the level asked for', () => {
		const { inner, channel } = setup();
		const logger = new Logger(channel).child('commands');
		logger.trace('t');
		logger.debug('d');
		logger.info('scan finished', { files: 3 });
		logger.warn('w');
		assert.deepEqual(
			inner.calls.map(({ method, args }) => [method, args]),
			[['trace', ['[commands] t']], ['debug', ['[commands] d']], ['info', ['[commands] scan finished { files: 3 }']], ['warn', ['[commands] w']]],
		);
	});

	it('nests component tags', () => {
		const { inner, channel } = setup();
		new Logger(channel, 'client').child('scan').info('x');
		assert.deepEqual(inner.calls[0]?.args, ['[client/scan] x']);
	});

	it('logs an error cause with its stack, masked', () => {
		const { inner, channel } = setup();
		new Logger(channel).error('Workspace scan failed', new TypeError(`bad header ApiToken ${V1}`));
		const call = inner.calls[0];
		assert.equal(call?.method, 'error');
		const text = onlyText(call);
		assert.match(text, /^Workspace scan failed TypeError: bad header ApiToken d2pat_/);
		assert.match(text, /\n\s+at /);
		assertRedacted(text, [V1]);
	});

	it('logs an error without a cause as just the message', () => {
		const { inner, channel } = setup();
		new Logger(channel).error('no server');
		assert.deepEqual(inner.calls, [{ method: 'error', args: ['no server'] }]);
	});
});
