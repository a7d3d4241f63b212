import { type Log, type ReportingDescriptor, type Result } from 'sarif';
import { type Formatter, describeVersion, shownToken } from '../report';

/**
 * The same ids as `DiagnosticCodes` in core/protocol/lsp.ts (a test holds them equal). Importing that
 * module would bundle the whole LSP protocol library into the CLI and slow every start-up.
 */
export const SARIF_RULE_IDS = { token: 'hardcoded-token', lookalike: 'lookalike-token' } as const;

const REMEDIATION =
	'Revoke the token on the DHIS2 server that issued it (user profile → Personal access tokens, or an administrator), ' +
	'issue a new one, and read it from an environment variable or a secret store instead of the source. ' +
	'Removing it from the file does not remove it from git history.';

const RULES: readonly ReportingDescriptor[] = [
	{
		id: SARIF_RULE_IDS.token,
		name: 'HardcodedDhis2Token',
		shortDescription: { text: 'Hardcoded DHIS2 personal access token' },
		fullDescription: {
			text: 'A DHIS2 personal access token (V1 `d2pat_` or V2 `d2p_`) whose checksum verifies, so it is almost certainly a real key.',
		},
		help: { text: REMEDIATION },
		defaultConfiguration: { level: 'error' },
		properties: { tags: ['security', 'secret'], precision: 'very-high', 'security-severity': '9.0' },
	},
	{
		id: SARIF_RULE_IDS.lookalike,
		name: 'Dhis2TokenLookalike',
		shortDescription: { text: 'String shaped like a DHIS2 token whose checksum does not verify' },
		fullDescription: {
			text: 'Right prefix and shape, failing checksum: a mistyped, truncated or made-up token. Worth a look, rarely a live key.',
		},
		help: { text: `If this is a real token: ${REMEDIATION}` },
		defaultConfiguration: { level: 'note' },
		properties: { tags: ['security', 'secret'], precision: 'medium', 'security-severity': '3.0' },
	},
];

/** The key under `partialFingerprints`: the token's SHA-256, stable when the line moves. */
export const SARIF_FINGERPRINT_KEY = 'dhis2-pat/token-sha256/v1';

/** SARIF 2.1.0 for code-scanning uploads. Regions are in UTF-16 code units, SARIF's default `columnKind`. */
export const formatSarif: Formatter = (report, options) => {
	const results: Result[] = report.findings.map(({ path, line, column, endLine, endColumn, finding }) => {
		const isToken = finding.kind === 'token';
		return {
			ruleId: isToken ? SARIF_RULE_IDS.token : SARIF_RULE_IDS.lookalike,
			ruleIndex: isToken ? 0 : 1,
			level: isToken ? 'error' : 'note',
			message: {
				text: isToken
					? `${shownToken(finding, options)} is a DHIS2 personal access token, ${describeVersion(finding)}.`
					: `${shownToken(finding, options)} is shaped like a DHIS2 token, ${describeVersion(finding)}.`,
			},
			locations: [
				{
					physicalLocation: {
						artifactLocation: artifactLocation(path),
						region: { startLine: line, startColumn: column, endLine, endColumn },
					},
				},
			],
			partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
		};
	});
	const log: Log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: { driver: { name: 'dhis2-pat', version: options.toolVersion, rules: [...RULES] } },
				columnKind: 'utf16CodeUnits',
				results,
			},
		],
	};
	return `${JSON.stringify(log, null, 2)}\n`;
};

/**
 * Relative paths stay relative to `%SRCROOT%` (what code scanning resolves against the checkout);
 * absolute ones become `file://` URIs. No absolute base is written, so the log holds no local paths.
 */
function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
	if (path.startsWith('/')) return { uri: `file://${encodeUriPath(path)}` };
	if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${encodeUriPath(path)}` };
	return { uri: encodeUriPath(path), uriBaseId: '%SRCROOT%' };
}

function encodeUriPath(path: string): string {
	return path.split('/').map((segment) => encodeURIComponent(segment).replace(/%3A/g, ':')).join('/');
}
