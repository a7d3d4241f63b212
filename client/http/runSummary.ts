/** How one request of a Send All run ended. */
export type RunResult =
	| { readonly kind: 'response'; readonly status: number }
	/** No response: the sender's error kind (`timeout`, `dns`, `token-refused`…). */
	| { readonly kind: 'failed'; readonly failure: string }
	/** Variables that did not resolve, a missing body file, a parse error: nothing was sent. */
	| { readonly kind: 'invalid' }
	/** The person chose Skip at a confirmation. */
	| { readonly kind: 'skipped' };

export interface RunSummary {
	readonly passed: number;
	readonly failed: number;
	readonly skipped: number;
	readonly message: string;
	readonly severity: 'info' | 'warning';
}

/** 2xx and 3xx pass, as for the CLI's exit code; every other status and every failure does not. */
export function passes(status: number): boolean {
	return status >= 200 && status < 400;
}

function counted(counts: Map<string, number>): string {
	return [...counts].map(([what, count]) => (count === 1 ? what : `${what} ×${count}`)).join(', ');
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * "Sent 5 of 6 requests: 3 passed, 2 failed (401 ×1, timeout ×1); 1 skipped." `total` is the
 * number of requests in the file, so a stopped run says how many never went.
 */
export function summariseRun(results: readonly RunResult[], total: number, stopped: boolean): RunSummary {
	let passed = 0;
	let skipped = 0;
	const failures = new Map<string, number>();
	const bump = (what: string): void => {
		failures.set(what, (failures.get(what) ?? 0) + 1);
	};
	for (const result of results) {
		if (result.kind === 'response') {
			if (passes(result.status)) passed += 1;
			else bump(String(result.status));
		} else if (result.kind === 'failed') bump(result.failure);
		else if (result.kind === 'invalid') bump('not resolved');
		else skipped += 1;
	}
	const failed = [...failures.values()].reduce((sum, count) => sum + count, 0);
	const attempted = results.length - skipped;
	const parts = [`${passed} passed`, `${failed} failed${failed === 0 ? '' : ` (${counted(failures)})`}`];
	const notRun = total - results.length;
	const tail: string[] = [];
	if (skipped > 0) tail.push(`${skipped} skipped`);
	if (stopped && notRun > 0) tail.push(`stopped before ${plural(notRun, 'request')}`);
	const sent = attempted === total ? `Sent ${plural(total, 'request')}` : `Sent ${attempted} of ${plural(total, 'request')}`;
	return {
		passed,
		failed,
		skipped,
		message: `${sent}: ${parts.join(', ')}${tail.length === 0 ? '.' : `; ${tail.join('; ')}.`}`,
		severity: failed > 0 || stopped ? 'warning' : 'info',
	};
}
