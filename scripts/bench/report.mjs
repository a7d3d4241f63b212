// The human-readable report: what was measured, on what, and how it compares with the targets.

const MB = 1e6;

export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
export const millis = (ms) => `${ms.toFixed(1)} ms`;
const megabytes = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const mebibytesFromKiB = (kib) => (Number.isFinite(kib) ? `${(kib / 1024).toFixed(0)} MiB` : 'n/a');
const count = (n) => Math.round(n).toLocaleString('en-US');
const ratio = (value) => `${value.toFixed(value >= 10 ? 0 : 1)}×`;

function table(header, rows) {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
	const line = (cells) => cells.map((cell, column) => String(cell).padEnd(widths[column])).join('  ').trimEnd();
	return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function scannerRow(name, timing, { files, bytes }) {
	if (!timing) return [name, '—', 'skipped', '', '', '', ''];
	const wallSeconds = timing.medianWallMs / 1000;
	return [
		name,
		timing.runs,
		seconds(timing.medianWallMs),
		Number.isFinite(timing.medianCpuMs) ? seconds(timing.medianCpuMs) : 'n/a',
		(bytes / MB / wallSeconds).toFixed(0),
		count(files / wallSeconds),
		mebibytesFromKiB(timing.peakRssKiB),
	];
}

export function formatReport(results) {
	const { machine, corpus, detection, scanners, subset, languageServer, targets } = results;
	const out = [];
	out.push(`dhis2-pat benchmark — Node ${machine.node}, ${machine.cpuModel}, ${machine.cores} cores, ${machine.platform}`);
	out.push(
		`Load average ${machine.loadAtStart.toFixed(2)} at the start, ${machine.loadAtEnd.toFixed(2)} at the end` +
			(Math.max(machine.loadAtStart, machine.loadAtEnd) > machine.cores / 2 ? ': other work was running, so every figure is inflated.' : '.'),
	);
	const { freshMemory } = machine;
	out.push(
		`Copying ${megabytes(freshMemory.bytes)} takes ${millis(freshMemory.freshMs)} into freshly allocated memory, ` +
			`${millis(freshMemory.warmMs)} into memory already touched (first-touch page faults; a virtual machine makes them dear).`,
	);
	out.push('');
	out.push(
		`Corpus: a copy of this project's node_modules (symlinks left out, nested node_modules/ renamed), ` +
			`${count(corpus.files)} files, ${megabytes(corpus.bytes)}; the CLI scanned ${count(corpus.cliScanned.files)} files, ` +
			`${megabytes(corpus.cliScanned.bytes)} (binary and > 10 MiB files skipped).`,
	);
	out.push(`Planted: ${detection.planted} generated tokens (${Object.entries(corpus.placements).map(([where, n]) => `${n} ${where}`).join(', ')}).`);
	out.push(
		`Detection: ${detection.found}/${detection.planted} planted tokens found by the CLI at their exact line and column; ` +
			`${detection.unplanted.length} unplanted tokens, ${detection.lookalikes} lookalikes (--include-lookalikes) elsewhere in node_modules.`,
	);
	if (detection.missing.length > 0) {
		out.push(`MISSED: ${detection.missing.map((miss) => `${miss.path}:${miss.line}:${miss.column} (${miss.version}, ${miss.variant}, ${miss.placement})`).join('; ')}`);
	}
	for (const finding of detection.unplanted) out.push(`  unplanted: ${finding.path}:${finding.line}:${finding.column} ${finding.masked}`);
	if (detection.ripgrepMatches !== undefined) out.push(`ripgrep matched ${detection.ripgrepMatches} strings of the token shape (no checksum check).`);
	out.push('');

	out.push('Whole tree (median of 5 runs, the tools taking turns, after one warm-up turn):');
	out.push(
		table(
			['scanner', 'runs', 'wall', 'CPU', 'MB/s', 'files/s', 'peak RSS'],
			[
				scannerRow('dhis2-pat scan --no-gitignore --format json', scanners.cli, corpus),
				scannerRow(`${scanners.ripgrepVersion ?? 'ripgrep'} (default threads)`, scanners.ripgrep, corpus),
				scannerRow('ripgrep -j1 (one thread, for reference)', scanners.ripgrepOneThread, corpus),
				...(scanners.secretlintFull ? [scannerRow(`secretlint ${scanners.secretlintVersion} + rule-pattern`, scanners.secretlintFull, corpus)] : []),
			],
		),
	);
	if (!scanners.ripgrep) out.push('ripgrep (rg) is not on PATH: its comparison is skipped.');
	if (subset) {
		out.push('');
		out.push(
			`secretlint subset: ${subset.targets.length} top-level packages picked in seeded order, ${count(subset.files)} files, ` +
				`${megabytes(subset.bytes)} (${(subset.fraction * 100).toFixed(1)}% of the tree's bytes). secretlint is too slow to scan ` +
				`the whole tree ${scanners.secretlint?.runs ?? 0} times within the benchmark's budget, so it runs on this fixed subset and its ` +
				`time is scaled to the tree by bytes; the CLI runs on the same subset for reference. ` +
				`(\`npm run bench -- --secretlint-full\` times one whole-tree secretlint run instead, about two minutes.)`,
		);
		out.push(
			table(
				['scanner', 'runs', 'wall', 'CPU', 'MB/s', 'files/s', 'peak RSS'],
				[
					scannerRow('dhis2-pat scan (subset)', scanners.cliSubset, subset),
					scannerRow(`secretlint ${scanners.secretlintVersion} + rule-pattern (subset)`, scanners.secretlint, subset),
				],
			),
		);
		out.push(
			`secretlint found ${detection.secretlintMatches} of the ${detection.plantedInSubset} tokens planted in the subset; ` +
				`scaled by bytes, a whole-tree secretlint run would take about ${seconds(results.ratios.secretlintWholeTreeEstimateMs)}.`,
		);
	}
	if (scanners.secretlintFull) out.push(`secretlint found ${detection.secretlintMatches} of the ${detection.planted} planted tokens.`);
	out.push(`Memory: ${results.rssMethod}.`);
	out.push('');

	out.push('Language server over stdio: didChange → publishDiagnostics of that version (incremental sync, debounce 0, one short insertion per edit);');
	out.push('documents are real code from the corpus with 5 tokens; "ASCII only" has its few non-ASCII characters replaced:');
	out.push(
		table(
			['document', 'didOpen', 'edits', 'median', 'p95', 'max'],
			languageServer.typing.map((row) => [
				`${megabytes(row.documentChars)}${row.asciiOnly ? ' (ASCII only)' : ''}`,
				millis(row.openMs),
				row.edits,
				millis(row.medianMs),
				millis(row.p95Ms),
				millis(row.maxMs),
			]),
		),
	);
	const memory = languageServer.memory;
	out.push(
		`${count(memory.documents)} open documents of ${count(memory.documentChars)} characters (${memory.tokens} with a token): ` +
			`server RSS ${mebibytesFromKiB(memory.rssBeforeKiB)} before, ${mebibytesFromKiB(memory.rssAfterKiB)} after ` +
			`(${memory.perDocumentKiB.toFixed(1)} KiB per document; peak ${mebibytesFromKiB(memory.peakKiB)}); ` +
			`all diagnostics published ${seconds(memory.allPublishedMs)} after the first didOpen.`,
	);
	out.push('');

	out.push('Targets:');
	out.push(table(['measure', 'target', 'measured', ''], targets.map((target) => [target.name, target.target, target.measured, target.status])));
	return out.join('\n');
}

export function formatRatio(value) {
	return ratio(value);
}
