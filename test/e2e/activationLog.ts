import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface ActivationTimes {
	readonly logFile?: string;
	readonly activatedMs?: number;
	/** Loading the bundle before activate() ran: VS Code counts it as part of activation. */
	readonly bundleLoadMs?: number;
	readonly languageServerReadyMs?: number;
}

const CHANNEL_LOG = 'DHIS2 PAT.log';

function findFiles(dir: string, name: string): string[] {
	let found: string[] = [];
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch {
		return found;
	}
	for (const entry of entries) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) found = found.concat(findFiles(path, name));
		else if (entry.name === name) found.push(path);
	}
	return found;
}

/**
 * The extension's log channel ("DHIS2 PAT") as the extension host wrote it: under code-server it
 * lands in `<user-data>/logs/<session>/exthost*\/<publisher.name>/DHIS2 PAT.log` (recipe §12). The
 * newest such file wins; a missing line is reported as undefined, not as an error.
 */
export function readActivationTimes(userDataDir: string): ActivationTimes {
	const logs = findFiles(join(userDataDir, 'logs'), CHANNEL_LOG).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
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
