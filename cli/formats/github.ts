import { type Formatter, describeVersion, shownToken } from '../report';
import { summaryLine } from './text';

// Workflow-command escaping (actions/toolkit `command.ts`): data escapes %, CR and LF; property
// values also escape `:` and `,`, which would otherwise end the value.
function escapeData(value: string): string {
	return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
	return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions annotations: `::error file=…,line=…,col=…::…` shows on the pull request's diff. */
export const formatGithub: Formatter = (report, options) => {
	let out = '';
	for (const { path, line, column, endLine, endColumn, finding } of report.findings) {
		const isToken = finding.kind === 'token';
		const command = isToken ? 'error' : 'notice';
		const title = isToken ? 'Hardcoded DHIS2 personal access token' : 'Possible DHIS2 token (checksum does not verify)';
		const message = isToken
			? `${shownToken(finding, options)} is a DHIS2 personal access token, ${describeVersion(finding)}. Revoke it on the server that issued it, then move it out of the source.`
			: `${shownToken(finding, options)} is shaped like a DHIS2 token, ${describeVersion(finding)}.`;
		const properties = [
			`file=${escapeProperty(path)}`,
			`line=${line}`,
			`col=${column}`,
			...(endLine === line ? [`endColumn=${endColumn}`] : [`endLine=${endLine}`]),
			`title=${escapeProperty(title)}`,
		].join(',');
		out += `::${command} ${properties}::${escapeData(message)}\n`;
	}
	return `${out}${summaryLine(report)}\n`;
};
