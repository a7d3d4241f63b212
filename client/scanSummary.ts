import { type ScanWorkspaceResult } from '../core/protocol/lsp';

export interface ScanSummary {
	readonly message: string;
	/** Whether there is anything to look at in the Problems panel. */
	readonly hasFindings: boolean;
}

function count(n: number, singular: string, plural = `${singular}s`): string {
	return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`;
}

/** The notification shown after `DHIS2: Scan Workspace for Hardcoded Tokens`. */
export function summarizeScan(result: ScanWorkspaceResult): ScanSummary {
	const hasFindings = result.tokens + result.lookalikes > 0;
	const lookalikes = result.lookalikes > 0 ? ` and ${count(result.lookalikes, 'lookalike')}` : '';
	const found = `${count(result.tokens, 'hardcoded DHIS2 token')}${lookalikes} in ${count(result.filesWithFindings, 'file')}`;
	if (result.cancelled) {
		const soFar = hasFindings ? `; found ${found} so far` : '';
		return { message: `Workspace scan cancelled after ${count(result.filesScanned, 'file')}${soFar}.`, hasFindings };
	}
	if (!hasFindings) return { message: `No DHIS2 tokens found in ${count(result.filesScanned, 'file')}.`, hasFindings };
	return { message: `Found ${found}.`, hasFindings };
}
