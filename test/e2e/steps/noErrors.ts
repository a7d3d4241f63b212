import { readFileSync } from 'node:fs';
import { vscodeLogs } from '../harness';
import { isKnownNoise } from '../noise';
import { check } from '../check';
import { type FlowState } from '../state';

/** A log line's time: `2026-11-29 15:27:57.470 [error] …`, local time like the server that wrote it. */
function loggedAt(line: string): number {
	const stamp = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
	return stamp ? new Date(`${stamp[1]}T${stamp[2]}`).getTime() : Number.NaN;
}

/**
 * The extension host log (recipe §12) and the browser console carry no errors once the known
 * offline noise (§11.11) is filtered: an activation failure or a crashed command shows up here
 * even when the UI looked fine. Lines logged once teardown began (the browser closing resets the
 * extension host's connection) are not counted.
 */
export async function noErrors(state: FlowState): Promise<void> {
	const logs = (await vscodeLogs()).extensionHostLogFiles(state.runDirs.userData, 'remoteexthost.log');
	check(logs.length > 0, 'found no extension host log under the user data folder');
	const errors: string[] = [];
	for (const log of logs) {
		let text: string;
		try {
			text = readFileSync(log, 'utf8');
		} catch {
			continue; // a host that never wrote its log
		}
		for (const line of text.split('\n')) {
			if (!line.includes('[error]') || isKnownNoise(line)) continue;
			if (state.stoppingAt !== undefined && loggedAt(line) >= state.stoppingAt) continue;
			errors.push(line);
		}
	}
	errors.push(...state.consoleErrors);
	check(errors.length === 0, `unexpected errors:\n${errors.slice(0, 20).join('\n')}`);
}
