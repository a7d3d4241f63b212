// `.http` sender benchmark (issue 4): 1,000 sequential GETs on loopback through the sender (policy,
// token injection, masking, per-hop records) vs raw undici `request` in the same run, alternating so
// drift hits both alike; then a 100 MB response streamed to a temp file while the event-loop delay of
// this process is sampled. The server runs in a child process so only the client side is measured.
// Prints a report; `--json` prints the figures as one JSON object instead. Never fails on a missed target.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { loadSources } from './loadSources.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REQUESTS = 1000;
const WARM_UP = 1000;
const BIG_BYTES = 100 * 1024 * 1024;
const TARGETS = { overheadPercent: 10, worstLagMs: 50 };

/** The sender and token generator straight from the TypeScript sources. */
function loadSender(workDir) {
	return loadSources(workDir, 'http-send', {
		stdin: {
			contents: "export * from './core/http/send'; export { generateToken } from './core/token'; export { parseHttpFile, syntheticHttpFile } from './core/http/parse';",
			resolveDir: ROOT,
			loader: 'ts',
		},
	});
}

const SERVER_SOURCE = `
const http = require('node:http');
const small = Buffer.from(JSON.stringify({ id: 'xE7jOejl9FI', username: 'alice', name: 'Alice Kamara', authorities: ['F_VIEW_DATABROWSER'] }));
const chunk = Buffer.alloc(64 * 1024, 'x');
const server = http.createServer((req, res) => {
	if (req.url === '/big') {
		const total = Number(process.env.BIG_BYTES);
		res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(total) });
		let sent = 0;
		const pump = () => {
			while (sent < total) {
				const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
				sent += piece.length;
				if (!res.write(piece)) return res.once('drain', pump);
			}
			res.end();
		};
		return pump();
	}
	res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(small.length) });
	res.end(small);
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

function startServer() {
	const child = spawn(process.execPath, ['-e', SERVER_SOURCE], { env: { ...process.env, BIG_BYTES: String(BIG_BYTES) }, stdio: ['ignore', 'pipe', 'inherit'] });
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.stdout.once('data', (data) => resolve({ child, url: `http://127.0.0.1:${String(data).trim()}` }));
	});
}

/**
 * Parsing a 10,000-request file, as a ratio to the cheapest pass over the same text (splitting it into
 * lines), both timed in this process after a warm-up.
 */
function measureParse({ parseHttpFile, syntheticHttpFile }) {
	const requests = 10_000;
	const text = syntheticHttpFile(requests);
	const time = (work) => {
		for (let i = 0; i < 2; i++) work();
		const runs = [];
		for (let i = 0; i < 7; i++) {
			const started = performance.now();
			work();
			runs.push(performance.now() - started);
		}
		return runs.sort((a, b) => a - b)[3];
	};
	let parsed;
	const medianMs = time(() => (parsed = parseHttpFile(text)));
	if (parsed.requests.length !== requests) throw new Error(`parsed ${parsed.requests.length} requests, expected ${requests}`);
	const lineSplitMs = time(() => text.split(/\r?\n/));
	return { requests, chars: text.length, medianMs, lineSplitMs, ratioToLineSplit: medianMs / lineSplitMs };
}

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
	const workDir = mkdtempSync(join(tmpdir(), 'dhis2-pat-bench-http-'));
	const { child, url } = await startServer();
	try {
		const bundle = await loadSender(workDir);
		const { HttpSender, generateToken } = bundle;
		const key = generateToken();
		// An empty environment: a proxy variable in the shell must not route loopback traffic elsewhere.
		const sender = new HttpSender({ env: {} });
		const raw = new Agent();
		const injection = { servers: [{ baseUrl: url, token: () => Promise.resolve(key) }] };
		const resolved = { method: 'GET', url: `${url}/api/me`, headers: [{ name: 'Accept', value: 'application/json' }], directives: { noRedirect: false, noCookieJar: false }, wantsDhis2Token: false };

		const viaSender = async () => {
			const exchange = await sender.send(resolved, { injection });
			if (exchange.response.status !== 200) throw new Error(`sender got ${exchange.response.status}`);
		};
		const viaUndici = async () => {
			const response = await request(resolved.url, {
				method: 'GET',
				headers: { accept: 'application/json', 'user-agent': 'dhis2-pat', authorization: `ApiToken ${key}` },
				dispatcher: raw,
			});
			await response.body.arrayBuffer();
			if (response.statusCode !== 200) throw new Error(`undici got ${response.statusCode}`);
		};

		for (let i = 0; i < WARM_UP; i++) {
			await viaSender();
			await viaUndici();
		}
		// Strictly alternating, one request each in turn (order flipped every pair): load from other
		// processes and the slow drift of a warm process then fall on both sides alike.
		const times = { sender: [], undici: [] };
		const totals = { sender: 0, undici: 0 };
		for (let i = 0; i < REQUESTS; i++) {
			const order = i % 2 === 0 ? ['sender', 'undici'] : ['undici', 'sender'];
			for (const name of order) {
				const started = performance.now();
				await (name === 'sender' ? viaSender() : viaUndici());
				const elapsed = performance.now() - started;
				times[name].push(elapsed);
				totals[name] += elapsed;
			}
		}
		const stats = (name) => {
			const sorted = [...times[name]].sort((a, b) => a - b);
			return { totalMs: totals[name], meanMs: totals[name] / REQUESTS, p50Ms: percentile(sorted, 50), p90Ms: percentile(sorted, 90), p99Ms: percentile(sorted, 99) };
		};
		const senderStats = stats('sender');
		const undiciStats = stats('undici');
		const overheadPercent = (totals.sender / totals.undici - 1) * 100;
		const medianOverheadPercent = (senderStats.p50Ms / undiciStats.p50Ms - 1) * 100;

		// 100 MB: over the in-memory limit, so it streams to a temp file.
		const bodiesDir = mkdtempSync(join(workDir, 'bodies-'));
		const lag = monitorEventLoopDelay({ resolution: 1 });
		const bigStarted = performance.now();
		lag.enable();
		const exchange = await sender.send({ ...resolved, url: `${url}/big` }, { injection, tempDir: bodiesDir });
		lag.disable();
		const bigMs = performance.now() - bigStarted;
		const body = exchange.response.body;
		const onDisk = body.kind === 'file' ? statSync(body.path).size : -1;
		if (body.kind !== 'file' || onDisk !== BIG_BYTES) throw new Error(`100 MB body: expected a ${BIG_BYTES}-byte file, got ${body.kind} of ${onDisk}`);

		await sender.close();
		await raw.close();
		const result = {
			machine: { node: process.version, platform: `${process.platform}-${process.arch}` },
			sequentialGets: { requests: REQUESTS, sender: senderStats, undici: undiciStats, overheadPercent, medianOverheadPercent, target: `≤ ${TARGETS.overheadPercent}% (total time)`, pass: overheadPercent <= TARGETS.overheadPercent },
			largeResponse: {
				bytes: BIG_BYTES,
				ms: bigMs,
				mbPerSecond: BIG_BYTES / 1048576 / (bigMs / 1000),
				worstLagMs: lag.max / 1e6,
				p99LagMs: lag.percentile(99) / 1e6,
				meanLagMs: lag.mean / 1e6,
				target: `≤ ${TARGETS.worstLagMs} ms worst`,
				pass: lag.max / 1e6 <= TARGETS.worstLagMs,
			},
		};
		result.parse = measureParse(bundle);
		if (process.argv.includes('--json')) {
			console.log(JSON.stringify(result, null, 2));
		} else {
			const ms = (value) => `${value.toFixed(3)} ms`;
			const g = result.sequentialGets;
			const l = result.largeResponse;
			console.log('.http sender benchmark (loopback, server in a child process)');
			console.log(`  ${REQUESTS} sequential GETs each, sender and raw undici alternating request by request, after ${WARM_UP} warm-up each`);
			const line = (s) => `total ${s.totalMs.toFixed(1)} ms, mean ${ms(s.meanMs)}, p50 ${ms(s.p50Ms)}, p90 ${ms(s.p90Ms)}, p99 ${ms(s.p99Ms)}`;
			console.log(`    sender: ${line(g.sender)}`);
			console.log(`    undici: ${line(g.undici)}`);
			console.log(`    overhead ${g.overheadPercent.toFixed(1)}% on total time, ${g.medianOverheadPercent.toFixed(1)}% on the median (target ${g.target}) ${g.pass ? 'PASS' : 'MISS'}`);
			const p = result.parse;
			console.log(`  parse a ${p.requests.toLocaleString('en-US')}-request file (${(p.chars / 1e6).toFixed(1)} M chars): median ${p.medianMs.toFixed(0)} ms, ${p.ratioToLineSplit.toFixed(1)}× a plain line split of the same text (${p.lineSplitMs.toFixed(1)} ms)`);
			console.log(`  100 MB response to a temp file: ${l.ms.toFixed(0)} ms (${l.mbPerSecond.toFixed(0)} MiB/s)`);
			console.log(`    event-loop delay: worst ${l.worstLagMs.toFixed(1)} ms, p99 ${l.p99LagMs.toFixed(1)} ms, mean ${l.meanLagMs.toFixed(2)} ms (target ${l.target}) ${l.pass ? 'PASS' : 'MISS'}`);
		}
		return result;
	} finally {
		child.kill();
		rmSync(workDir, { recursive: true, force: true });
	}
}

await main();
