import { type Finding, LineCursor } from '../core/scan';

/** A finding placed in its file's text. */
export interface Position {
	/** 1-based; columns count UTF-16 code units (SARIF's default `columnKind`, and what editors show). */
	readonly line: number;
	readonly column: number;
	/** 1-based, exclusive. */
	readonly endLine: number;
	readonly endColumn: number;
	readonly finding: Finding;
}

/** A finding placed in a file, as every output format reports it. */
export interface ReportedFinding extends Position {
	/** As given on the command line, or relative to the current directory; `/`-separated. */
	readonly path: string;
}

export interface ScanReport {
	readonly findings: readonly ReportedFinding[];
	readonly files: number;
	readonly bytes: number;
	/** Files that could not be scanned: unreadable, too large, binary. */
	readonly skipped: number;
}

export interface RenderOptions {
	readonly showSecrets: boolean;
	readonly color: boolean;
	readonly toolVersion: string;
}

export type Formatter = (report: ScanReport, options: RenderOptions) => string;

export function locate(text: string, findings: readonly Finding[]): Position[] {
	const cursor = new LineCursor(text);
	return findings.map((finding) => {
		const start = cursor.at(finding.start);
		const end = cursor.at(finding.end);
		return {
			line: start.line + 1,
			column: start.character + 1,
			endLine: end.line + 1,
			endColumn: end.character + 1,
			finding,
		};
	});
}

/** `V2 (DHIS2 2.41+)`: the layout and, for a verified token, the releases that issue its checksum variant. */
export function describeVersion(finding: Finding): string {
	const version = finding.version.toUpperCase();
	if (finding.kind === 'lookalike') return `${version} (checksum does not verify)`;
	return finding.era ? `${version} (DHIS2 ${finding.era.replace('-', '–')})` : version;
}

/** What may be printed for a finding: its masked form, unless the user asked for secrets. */
export function shownToken(finding: Finding, options: RenderOptions): string {
	return options.showSecrets ? finding.token : finding.masked;
}

export function countKinds(findings: readonly ReportedFinding[]): { tokens: number; lookalikes: number } {
	let tokens = 0;
	for (const reported of findings) if (reported.finding.kind === 'token') tokens += 1;
	return { tokens, lookalikes: findings.length - tokens };
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
	return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
