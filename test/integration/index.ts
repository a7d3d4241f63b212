/**
 * Entry point of the in-host integration suite, shaped like a `@vscode/test-electron` runner: the
 * extension host imports this bundle and awaits `run()`; a rejection makes the host exit non-zero.
 * Runs inside the real extension host (VS Code's server, see scripts/vscode/run.mjs), so `vscode` is real.
 */
import { writeFileSync } from 'node:fs';

interface Outcome {
	readonly passed: number;
	readonly failed: number;
	readonly failures: readonly string[];
}

export async function run(): Promise<void> {
	// Mocha 12 ships as ESM only; the CommonJS bundle loads it at run time from the project's node_modules.
	const { default: Mocha } = await import('mocha');
	const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
	// Installs describe/it/before as globals before the test modules register their suites.
	mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
	await import('./activation.test.js');
	await import('./commands.test.js');
	await import('./secrets.test.js');
	await import('./languageClient.test.js');
	await import('./httpSend.test.js');
	await import('./tokens.test.js');

	const outcome = await new Promise<Outcome>((resolve) => {
		let passed = 0;
		const failures: string[] = [];
		const runner = mocha.run(() => resolve({ passed, failed: failures.length, failures }));
		runner.on('pass', () => { passed += 1; });
		runner.on('fail', (test, error: unknown) => failures.push(`${test.fullTitle()}: ${error instanceof Error ? error.message : String(error)}`));
	});
	const resultsFile = process.env.DHIS2_PAT_INTEGRATION_RESULTS;
	if (resultsFile) writeFileSync(resultsFile, `${JSON.stringify(outcome)}\n`);
	console.log(`integration: ${outcome.passed} passed, ${outcome.failed} failed`);
	if (outcome.failed > 0) throw new Error(`${outcome.failed} integration test(s) failed`);
}
