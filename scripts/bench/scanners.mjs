// The three scanners the benchmark times on the same files: our CLI, ripgrep and secretlint.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, runMeasured } from './measure.mjs';

/** What every tool searches for: the token shapes of shared/spec §3, without our checksum check. */
export const TOKEN_PATTERN = 'd2pat_[A-Za-z0-9]{32}[0-9]{10}|d2p_[A-Za-z0-9]{50}';

/**
 * Times several tools in turns (A, B, C, A, B, C, …): on a shared machine, load that comes and goes then
 * hits every tool alike and their ratios stay meaningful. The first turn is a warm-up (page cache, V8 code
 * cache) and is not counted. Each tool's `check` sees every result and throws when the tool failed or
 * found too little, so a broken run is never timed as a fast one.
 */
export async function timeInTurns(tools, { runs = 5, warmups = 1 } = {}) {
	const samples = tools.map(() => []);
	for (let turn = 0; turn < warmups + runs; turn++) {
		for (const [index, tool] of tools.entries()) {
			const result = await tool.run();
			tool.check(result);
			if (turn >= warmups) samples[index].push(result);
		}
	}
	return samples.map(summarize);
}

function summarize(samples) {
	const finite = (values) => values.filter((value) => Number.isFinite(value));
	return {
		runs: samples.length,
		wallMs: samples.map((sample) => sample.wallMs),
		medianWallMs: median(samples.map((sample) => sample.wallMs)),
		medianCpuMs: median(finite(samples.map((sample) => sample.cpuMs))),
		peakRssKiB: Math.max(...finite(samples.map((sample) => sample.peakRssKiB))),
		last: samples[samples.length - 1],
	};
}

export function cliScan(cliPath, cwd, targets, extraArgs = []) {
	return runMeasured(process.execPath, [cliPath, 'scan', ...targets, '--no-gitignore', '--format', 'json', ...extraArgs], { cwd });
}

/** Exit 0 (nothing) or 1 (found) with a parsable report; anything else is a broken CLI. */
export function parseCliReport(result) {
	if (result.status !== 0 && result.status !== 1) {
		throw new Error(`dhis2-pat scan exited with ${result.status}: ${result.stderr.slice(-2000)}`);
	}
	try {
		return JSON.parse(result.stdout);
	} catch (error) {
		throw new Error(`dhis2-pat scan --format json printed no JSON: ${result.stdout.slice(0, 200)}`, { cause: error });
	}
}

/**
 * `--no-ignore --hidden` reads what `--no-gitignore` does (dotfiles, ignored files); `--count-matches`
 * keeps the output small and never holds a token. ripgrep skips symlinks and binary files as we do.
 */
export function ripgrepScan(cwd, threads) {
	const args = ['--no-config', '--no-ignore', '--hidden', '--count-matches', ...(threads ? ['-j', String(threads)] : []), '-e', TOKEN_PATTERN, '.'];
	return runMeasured('rg', args, { cwd });
}

/** Total of `path:count` lines. */
export function ripgrepMatchCount(result) {
	if (result.status !== 0 && result.status !== 1) throw new Error(`rg exited with ${result.status}: ${result.stderr.slice(-2000)}`);
	return result.stdout
		.split('\n')
		.filter(Boolean)
		.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(':') + 1)), 0);
}

/** A `.secretlintrc.json` with only the pattern rule, outside the scanned tree so it is not scanned itself. */
export function writeSecretlintConfig(dir) {
	const path = join(dir, 'secretlintrc.json');
	const config = {
		rules: [
			{
				id: '@secretlint/secretlint-rule-pattern',
				options: { patterns: [{ name: 'DHIS2 personal access token', patterns: [`/${TOKEN_PATTERN}/`] }] },
			},
		],
	};
	writeFileSync(path, JSON.stringify(config, null, '\t'));
	return path;
}

/**
 * secretlint takes globs; `dot: true` is its default, and nothing named `node_modules` is in the corpus
 * (see corpus.mjs). The compact format masks what it found.
 */
export function secretlintScan(secretlintBin, cwd, configPath, targets) {
	const globs = targets.map((target) => (target.isDirectory ? `${target.path}/**/*` : target.path));
	return runMeasured(process.execPath, [secretlintBin, ...globs, '--secretlintrc', configPath, '--format', 'compact', '--no-color'], { cwd });
}

export function secretlintFindingCount(result) {
	if (result.status !== 0 && result.status !== 1) throw new Error(`secretlint exited with ${result.status}: ${(result.stderr || result.stdout).slice(-2000)}`);
	return result.stdout.split('\n').filter((line) => line.includes('@secretlint/secretlint-rule-pattern')).length;
}
