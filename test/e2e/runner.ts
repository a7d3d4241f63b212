import { writeFileSync } from 'node:fs';

export interface Step {
	readonly name: string;
	run(): Promise<void>;
}

export type StepStatus = 'passed' | 'failed' | 'not run';

export interface StepResult {
	readonly name: string;
	readonly status: StepStatus;
	readonly ms: number;
	readonly error?: string;
}

export interface RunOutcome {
	readonly results: readonly StepResult[];
	readonly passed: number;
	readonly failed: number;
	readonly notRun: number;
}

/**
 * Runs named steps in order, each one counted check. The flow builds on itself, so the first
 * failure stops it: later steps are reported as not run (and counted as neither). Nothing is retried.
 * `redact` scrubs error text before it is printed, in case a message ever quoted the key.
 */
export async function runSteps(steps: readonly Step[], options: {
	readonly redact: (text: string) => string;
	readonly onFailure: (step: Step, error: unknown) => Promise<void>;
}): Promise<RunOutcome> {
	const results: StepResult[] = [];
	let failedAt: number | undefined;
	for (const [index, step] of steps.entries()) {
		const label = `${index + 1}. ${step.name}`;
		if (failedAt !== undefined) {
			results.push({ name: label, status: 'not run', ms: 0 });
			console.log(`e2e: - ${label} (not run)`);
			continue;
		}
		const started = Date.now();
		try {
			await step.run();
			const ms = Date.now() - started;
			results.push({ name: label, status: 'passed', ms });
			console.log(`e2e: ✓ ${label} (${(ms / 1000).toFixed(1)} s)`);
		} catch (error) {
			const ms = Date.now() - started;
			const message = options.redact(error instanceof Error ? (error.stack ?? error.message) : String(error));
			results.push({ name: label, status: 'failed', ms, error: message });
			console.log(`e2e: ✗ ${label} (${(ms / 1000).toFixed(1)} s)\n${message.replace(/^/gm, '    ')}`);
			failedAt = index;
			await options.onFailure(step, error).catch((hookError: unknown) => {
				console.log(`e2e: could not save the failure evidence: ${options.redact(String(hookError))}`);
			});
		}
	}
	const count = (status: StepStatus) => results.filter((result) => result.status === status).length;
	return { results, passed: count('passed'), failed: count('failed'), notRun: count('not run') };
}

/** `DHIS2_PAT_COUNTS_FILE`: how `npm test` adds this layer to its closing line. */
export function writeCounts(passed: number, failed: number): void {
	const file = process.env.DHIS2_PAT_COUNTS_FILE;
	if (file) writeFileSync(file, JSON.stringify({ passed, failed }));
}
