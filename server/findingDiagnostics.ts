import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { type LookalikeSeverity } from '../core/protocol/settings';
import { DIAGNOSTIC_SOURCE, DiagnosticCodes } from '../core/protocol/lsp';
import { type Finding, LineCursor } from '../core/scan';
import { type LineFinding } from './lineDocument';

/** What a code action needs to know about a diagnostic. Never the raw token: it is re-read from the document. */
export interface FindingData {
	readonly fingerprint: string;
	readonly kind: Finding['kind'];
}

const LOOKALIKE_SEVERITY: Record<Exclude<LookalikeSeverity, 'off'>, DiagnosticSeverity> = {
	hint: DiagnosticSeverity.Hint,
	information: DiagnosticSeverity.Information,
	warning: DiagnosticSeverity.Warning,
};

export function describeFinding(finding: Finding): string {
	const version = finding.version.toUpperCase();
	if (finding.kind === 'lookalike') {
		return `${finding.masked} looks like a DHIS2 ${version} personal access token but its checksum does not verify: a placeholder, a test value or a mistyped key.`;
	}
	const era = finding.era === '2.37-2.40' ? 'DHIS2 2.37–2.40' : 'DHIS2 2.41 or later';
	return `Hardcoded DHIS2 personal access token ${finding.masked} (${version}, issued by ${era}). It carries all of its owner's authorities: revoke it on that server and load it from an environment variable.`;
}

export function findingsToDiagnostics(
	text: string,
	findings: readonly Finding[],
	lookalikes: LookalikeSeverity,
	remediationUrl: string,
): Diagnostic[] {
	const cursor = new LineCursor(text);
	return placedFindingsToDiagnostics(
		findings.map((finding) => {
			const { line, character } = cursor.at(finding.start);
			return { finding, line, character };
		}),
		lookalikes,
		remediationUrl,
	);
}

export function placedFindingsToDiagnostics(findings: readonly LineFinding[], lookalikes: LookalikeSeverity, remediationUrl: string): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	for (const { finding, line, character } of findings) {
		if (finding.kind === 'lookalike' && lookalikes === 'off') continue;
		// A token never spans a line break, so it ends on the line it starts on.
		const range = { start: { line, character }, end: { line, character: character + (finding.end - finding.start) } };
		const data: FindingData = { fingerprint: finding.fingerprint, kind: finding.kind };
		const isToken = finding.kind === 'token';
		diagnostics.push({
			range,
			severity: isToken ? DiagnosticSeverity.Error : LOOKALIKE_SEVERITY[lookalikes as Exclude<LookalikeSeverity, 'off'>],
			source: DIAGNOSTIC_SOURCE,
			code: isToken ? DiagnosticCodes.hardcodedToken : DiagnosticCodes.lookalikeToken,
			codeDescription: { href: remediationUrl },
			message: describeFinding(finding),
			data,
		});
	}
	return diagnostics;
}
