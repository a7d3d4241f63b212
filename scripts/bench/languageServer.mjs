// Language-server latency and memory, over a real stdio LSP connection to the built dist/server.js.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { median, percentile, readStatusField } from './measure.mjs';

const require = createRequire(import.meta.url);
const { StreamMessageReader, StreamMessageWriter, createMessageConnection } = require('vscode-jsonrpc/node');

const HARDCODED_TOKEN = 'hardcoded-token';
// The debounce would only measure our own timer: at 0 the server scans on every didChange.
const SETTINGS = { lookalikes: 'information', maxFileSizeKB: 10240, scanWorkspaceOnStartup: false, debounceMs: 0 };

/**
 * Imitates test/support/lspClient.ts, trimmed to what timing needs: every publishDiagnostics is matched
 * to the (uri, version) a test waits for the moment it arrives, before anything else runs.
 */
class BenchClient {
	waiters = new Map();

	constructor(child, connection) {
		this.child = child;
		this.connection = connection;
	}

	/** `nodeArgs` (e.g. `--cpu-prof`) go to the server's Node, for investigating where its time goes. */
	static async start(serverPath, nodeArgs = []) {
		const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		child.on('exit', (code, signal) => {
			if (code !== 0 && signal === null) console.error(`language server exited with ${code}: ${stderr.slice(-2000)}`);
		});
		const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
		const client = new BenchClient(child, connection);
		connection.onNotification('textDocument/publishDiagnostics', (params) => {
			const key = `${params.uri}#${params.version}`;
			const waiter = client.waiters.get(key);
			if (!waiter) return;
			client.waiters.delete(key);
			waiter({ at: performance.now(), diagnostics: params.diagnostics });
		});
		connection.onRequest('workspace/configuration', (params) =>
			params.items.map((item) => (item.section === 'files.exclude' ? {} : SETTINGS)),
		);
		connection.onRequest('window/workDoneProgress/create', () => null);
		connection.onRequest('client/registerCapability', () => null);
		connection.onRequest('workspace/workspaceFolders', () => []);
		connection.listen();
		await connection.sendRequest('initialize', {
			processId: process.pid,
			rootUri: null,
			workspaceFolders: [],
			capabilities: {
				workspace: { configuration: true, workspaceFolders: true },
				textDocument: { synchronization: { dynamicRegistration: false }, publishDiagnostics: { versionSupport: true } },
			},
		});
		await connection.sendNotification('initialized', {});
		return client;
	}

	get pid() {
		return this.child.pid;
	}

	published(uri, version, timeoutMs = 30_000) {
		return new Promise((resolve, reject) => {
			const key = `${uri}#${version}`;
			const timer = setTimeout(() => {
				this.waiters.delete(key);
				reject(new Error(`no publishDiagnostics for ${uri} version ${version} within ${timeoutMs} ms`));
			}, timeoutMs);
			this.waiters.set(key, (result) => {
				clearTimeout(timer);
				resolve(result);
			});
		});
	}

	/** Milliseconds from sending didOpen to its diagnostics, and those diagnostics. */
	async open(uri, text) {
		const result = this.published(uri, 1);
		const sent = performance.now();
		void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text } });
		const { at, diagnostics } = await result;
		return { ms: at - sent, diagnostics };
	}

	async change(uri, version, contentChanges) {
		const result = this.published(uri, version);
		const sent = performance.now();
		void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
		const { at, diagnostics } = await result;
		return { ms: at - sent, diagnostics };
	}

	async close(uri) {
		await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
	}

	/** shutdown, exit, and a moment to leave on its own (a --cpu-prof profile is written on exit), then SIGTERM. */
	async stop() {
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		try {
			await Promise.race([
				this.connection.sendRequest('shutdown').then(() => this.connection.sendNotification('exit')).then(() => exited),
				sleep(5000),
			]);
		} finally {
			this.connection.dispose();
			if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
		}
	}
}

/** A document of about `size` characters of `code`, cut at a line end, with `tokens` planted at evenly spread line starts. */
function documentOf(code, size, tokens) {
	const end = code.lastIndexOf('\n', size);
	const lines = code.slice(0, end > 0 ? end : size).split('\n');
	tokens.forEach((token, i) => {
		const index = Math.floor(((i + 0.5) / tokens.length) * lines.length);
		lines[index] = `const apiToken${i} = '${token}';${lines[index]}`;
	});
	return { text: lines.join('\n'), lineCount: lines.length };
}

function countTokens(diagnostics) {
	return diagnostics.filter((diagnostic) => diagnostic.code === HARDCODED_TOKEN).length;
}

/**
 * `sizes`: `{ chars, asciiOnly }` per document. didOpen, then `warmup` + `edits` incremental didChange events (a short comment inserted at the start of a
 * random line) on documents of each size; the time is from sending the change to receiving the
 * publishDiagnostics for that version. Every publish must still report every planted token.
 */
export async function measureTypingLatency({ serverPath, code, newToken, random, sizes, edits = 30, warmup = 5, nodeArgs = [] }) {
	const client = await BenchClient.start(serverPath, nodeArgs);
	const results = [];
	try {
		for (const { chars: size, asciiOnly = false } of sizes) {
			const tokens = Array.from({ length: 5 }, () => newToken());
			// A single character beyond Latin-1 (an em dash in a comment) makes V8 store the whole string at two bytes a character.
			const source = asciiOnly ? code.replace(/[^\t\n\x20-\x7e]/g, '?') : code;
			const { text, lineCount } = documentOf(source, size, tokens);
			const uri = `file:///bench/typing-${size}${asciiOnly ? '-ascii' : ''}.js`;
			const opened = await client.open(uri, text);
			if (countTokens(opened.diagnostics) !== tokens.length) {
				throw new Error(`language server reported ${countTokens(opened.diagnostics)} of ${tokens.length} tokens in the ${size}-character document`);
			}
			const samples = [];
			for (let i = 0; i < warmup + edits; i++) {
				const position = { line: random(lineCount), character: 0 };
				const { ms, diagnostics } = await client.change(uri, i + 2, [{ range: { start: position, end: position }, text: `/*${i}*/` }]);
				if (countTokens(diagnostics) !== tokens.length) {
					throw new Error(`after edit ${i + 1} the language server reported ${countTokens(diagnostics)} of ${tokens.length} tokens (${size} characters)`);
				}
				if (i >= warmup) samples.push(ms);
			}
			await client.close(uri);
			results.push({
				documentChars: text.length,
				asciiOnly,
				openMs: opened.ms,
				edits: samples.length,
				medianMs: median(samples),
				p95Ms: percentile(samples, 95),
				maxMs: Math.max(...samples),
			});
		}
	} finally {
		await client.stop();
	}
	return results;
}

/**
 * A fresh server's resident memory before and after `count` documents of about `size` characters are open
 * (every fifth with a token), once every one of them has its diagnostics.
 */
export async function measureOpenDocumentsMemory({ serverPath, code, newToken, count = 1000, size = 20_000 }) {
	const client = await BenchClient.start(serverPath);
	try {
		// Let start-up garbage settle so "before" is the idle server, not its initialisation peak.
		await sleep(500);
		const rssBeforeKiB = readStatusField(client.pid, 'VmRSS');
		const stride = Math.max(1, Math.floor((code.length - size) / count));
		const started = performance.now();
		const opened = [];
		let expectedTokens = 0;
		for (let i = 0; i < count; i++) {
			const tokens = i % 5 === 0 ? [newToken()] : [];
			expectedTokens += tokens.length;
			const { text } = documentOf(code.slice(i * stride), size, tokens);
			opened.push(client.open(`file:///bench/open/doc-${i}.js`, text));
		}
		const results = await Promise.all(opened);
		const allPublishedMs = performance.now() - started;
		const reported = results.reduce((sum, { diagnostics }) => sum + countTokens(diagnostics), 0);
		if (reported !== expectedTokens) throw new Error(`with ${count} documents open the server reported ${reported} of ${expectedTokens} tokens`);
		await sleep(500);
		const rssAfterKiB = readStatusField(client.pid, 'VmRSS');
		const peakKiB = readStatusField(client.pid, 'VmHWM');
		return {
			documents: count,
			documentChars: size,
			tokens: expectedTokens,
			allPublishedMs,
			rssBeforeKiB,
			rssAfterKiB,
			peakKiB,
			perDocumentKiB: (rssAfterKiB - rssBeforeKiB) / count,
		};
	} finally {
		await client.stop();
	}
}
