/** Polls `probe` until it returns something other than undefined, or fails with `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000, intervalMs = 200): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/** Throws `message` unless `condition` holds. Messages are written by the caller and never carry the key. */
export function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}
