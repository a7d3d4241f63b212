import { type Formatter } from '../report';

/** The one object `--format json` prints; field order is part of the contract (stable diffs in CI logs). */
export const formatJson: Formatter = (report, options) => {
	const findings = report.findings.map(({ path, line, column, finding }) => ({
		path,
		line,
		column,
		kind: finding.kind,
		version: finding.version,
		...(finding.kind === 'token' && finding.checksum ? { checksum: finding.checksum } : {}),
		masked: finding.masked,
		fingerprint: finding.fingerprint,
		...(options.showSecrets ? { secret: finding.token } : {}),
	}));
	return `${JSON.stringify({ findings, scanned: { files: report.files, bytes: report.bytes } }, null, 2)}\n`;
};
