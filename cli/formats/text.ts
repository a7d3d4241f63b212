import { styleText } from 'node:util';
import { type Formatter, type RenderOptions, type ScanReport, countKinds, describeVersion, formatBytes, plural, shownToken } from '../report';

type Style = Parameters<typeof styleText>[0];

function painter(options: RenderOptions): (style: Style, text: string) => string {
	return options.color ? (style, text) => styleText(style, text) : (_style, text) => text;
}

/** `path:line:col  token  V2 (DHIS2 2.41+)  d2p_v3aW…9OZl`, one line per finding, then the summary. */
export const formatText: Formatter = (report, options) => {
	const paint = painter(options);
	let out = '';
	for (const { path, line, column, finding } of report.findings) {
		const kind = finding.kind === 'token' ? paint(['bold', 'red'], 'token') : paint('yellow', 'lookalike');
		out += `${paint('cyan', `${path}:${line}:${column}`)}  ${kind}  ${describeVersion(finding)}  ${paint('dim', shownToken(finding, options))}\n`;
	}
	return out + paint('bold', summaryLine(report)) + '\n';
};

export function summaryLine(report: ScanReport): string {
	const { tokens, lookalikes } = countKinds(report.findings);
	const scanned = `${plural(report.files, 'file')} scanned (${formatBytes(report.bytes)})`;
	const skipped = report.skipped > 0 ? `, ${report.skipped} skipped` : '';
	if (tokens + lookalikes === 0) return `No DHIS2 tokens found: ${scanned}${skipped}.`;
	const found = [tokens > 0 ? plural(tokens, 'token') : '', lookalikes > 0 ? plural(lookalikes, 'lookalike') : '']
		.filter(Boolean)
		.join(' and ');
	const fileCount = new Set(report.findings.map((reported) => reported.path)).size;
	return `Found ${found} in ${plural(fileCount, 'file')}: ${scanned}${skipped}.`;
}
