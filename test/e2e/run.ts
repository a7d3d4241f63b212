// `npm run test:e2e`: the packaged .vsix installed into a fresh code-server and driven through the
// UI by Playwright (shared/testing/real-vscode.md §5, §7). Options: --keep (keep the run folder
// after a pass), --paste=file (write the key into the demo script instead of Copy + paste).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { redactTokens } from '../../core/redact';
import { readActivationTimes } from './activationLog';
import { flowSteps } from './flow';
import { runSteps, writeCounts } from './runner';
import { FlowState } from './state';
import { stopAll } from './teardown';

function parseArguments(argv: readonly string[]): { keep: boolean; paste: FlowState['paste'] } {
	let keep = false;
	let paste: FlowState['paste'] = 'clipboard';
	for (const argument of argv) {
		if (argument === '--keep') keep = true;
		else if (argument === '--paste=file') paste = 'file';
		else if (argument === '--paste=clipboard') paste = 'clipboard';
		else throw new Error(`unknown argument ${argument} (expected --keep, --paste=file or --paste=clipboard)`);
	}
	return { keep, paste };
}

async function main(): Promise<number> {
	const started = Date.now();
	const options = parseArguments(process.argv.slice(2));
	const state = new FlowState();
	state.paste = options.paste;
	let screenshot: string | undefined;

	const redact = (text: string): string => {
		const key = state.knownKey;
		return redactTokens(key ? text.split(key.reveal()).join(key.masked) : text);
	};
	const outcome = await runSteps(flowSteps(state), {
		redact,
		onFailure: async () => {
			if (!state.hasPage || !state.dirs) return;
			screenshot = join(state.dirs.logs, 'failure.png');
			await state.page.screenshot({ path: screenshot });
		},
	});
	await stopAll(state);

	if (state.dirs) {
		const times = await readActivationTimes(state.dirs.userData);
		if (times.activatedMs === undefined || times.languageServerReadyMs === undefined) {
			console.log(`e2e: activation times not found (${times.logFile ?? 'no "DHIS2 PAT" log under the user data logs'})`);
		} else {
			const loading = times.bundleLoadMs === undefined ? '' : ` after loading the bundle in ${times.bundleLoadMs} ms`;
			console.log(`e2e: activation ${times.activatedMs} ms${loading}, language server ready ${times.languageServerReadyMs} ms`);
		}
	}
	if (outcome.notRun > 0) console.log(`e2e: ${outcome.notRun} step(s) not run after the failure`);
	if (state.dirs) {
		if (outcome.failed > 0) {
			console.log(`e2e: run folder kept: ${state.dirs.root}`);
			console.log(`e2e: code-server log: ${join(state.dirs.logs, 'code-server.log')}; VS Code logs: ${join(state.dirs.userData, 'logs')}`);
			if (screenshot) console.log(`e2e: screenshot: ${screenshot}`);
		} else if (options.keep) {
			console.log(`e2e: run folder kept (--keep): ${state.dirs.root}`);
		} else {
			rmSync(state.dirs.root, { recursive: true, force: true });
		}
	}
	console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	writeCounts(outcome.passed, outcome.failed);
	console.log(`${outcome.passed} passed, ${outcome.failed} failed`);
	return outcome.failed === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (error: unknown) => {
	console.error(redactTokens(error instanceof Error ? (error.stack ?? error.message) : String(error)));
	writeCounts(0, 1);
	console.log('0 passed, 1 failed');
	process.exit(1);
});
