import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { vscodeLogs } from './harness';

export interface ActivationTimes {
	readonly logFile?: string;
	readonly activatedMs?: number;
	/** Loading the bundle before activate() ran: VS Code counts it as part of activation. */
	readonly bundleLoadMs?: number;
	readonly languageServerReadyMs?: number;
}

/** The extension's LogOutputChannel, in the extension host's folder named after the extension id. */
const CHANNEL_LOG = join('dhis2-pat.dhis2-pat', 'DHIS2 PAT.log');

/**
 * The extension's log channel ("DHIS2 PAT") as the extension host wrote it: under code-server it
 * lands in `<user-data>/logs/<session>/exthost*\/<publisher.name>/DHIS2 PAT.log` (recipe §12). The
 * newest such file wins; a missing line is reported as undefined, not as an error.
 */
export async function readActivationTimes(userDataDir: string): Promise<ActivationTimes> {
	const logs = (await vscodeLogs()).extensionHostLogFiles(userDataDir, CHANNEL_LOG).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
	const logFile = logs[0];
	if (!logFile) return {};
	const text = readFileSync(logFile, 'utf8');
	const number = (pattern: RegExp) => {
		const match = pattern.exec(text);
		return match?.[1] === undefined ? undefined : Number(match[1]);
	};
	return {
		logFile,
		activatedMs: number(/Activated in (\d+) ms/),
		bundleLoadMs: number(/bundle loaded in (\d+) ms/),
		languageServerReadyMs: number(/Language server ready (\d+) ms after activation started/),
	};
}
