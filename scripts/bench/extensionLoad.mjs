// Extension load benchmark: the production extension bundle loaded in fresh Node processes with a stub
// `vscode` (what VS Code pays before activate() runs), against the reference built and run alternately in
// this script: the same bundle with undici inlined. Shows what keeping undici in a file of its own saves.
// Prints a report; never fails on the figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { undiciApart, undiciBundle } from '../undiciApart.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LOADER = fileURLToPath(new URL('loadExtension.cjs', import.meta.url));
const RUNS = 31;
const production = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'warning' };

async function buildExtension(dir, { undiciInlined }) {
	const outfile = join(dir, 'extension.js');
	await esbuild.build({
		...production, entryPoints: [join(ROOT, 'client', 'extension.ts')], outfile, external: ['vscode'],
		plugins: undiciInlined ? [] : [undiciApart],
	});
	if (!undiciInlined) await esbuild.build({ ...production, ...undiciBundle, outfile: join(dir, 'undici.js') });
	return outfile;
}

function loadMs(bundle) {
	const run = spawnSync(process.execPath, [LOADER, bundle], { encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`loading ${bundle} failed:\n${run.stderr}`);
	return Number(run.stdout.trim());
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kib = (file) => `${(statSync(file).size / 1024).toFixed(0)} KiB`;

const workDir = mkdtempSync(join(tmpdir(), 'dhis2-pat-bench-load-'));
try {
	const split = await buildExtension(join(workDir, 'split'), { undiciInlined: false });
	const inlined = await buildExtension(join(workDir, 'inlined'), { undiciInlined: true });
	loadMs(split); // warm the file cache for both
	loadMs(inlined);
	const times = { split: [], inlined: [] };
	for (let run = 0; run < RUNS; run += 1) {
		times.split.push(loadMs(split));
		times.inlined.push(loadMs(inlined));
	}
	const splitMs = median(times.split);
	const inlinedMs = median(times.inlined);
	// Run times on a shared 2-core machine come in two bands ~30 ms apart; a pair run back to back shares its
	// band, so the median of the pairs' ratios is steadier than the ratio of the medians.
	const pairRatio = median(times.split.map((ms, run) => ms / times.inlined[run]));
	console.log(`Extension bundle load (production build, stub vscode, ${RUNS} alternating runs in fresh processes)`);
	console.log(`  undici in its own file:     ${splitMs.toFixed(1)} ms median (${kib(split)})`);
	console.log(`  undici inlined (reference): ${inlinedMs.toFixed(1)} ms median (${kib(inlined)})`);
	console.log(`  ratio: ${pairRatio.toFixed(2)}× the reference (median of ${RUNS} back-to-back pairs)`);
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
