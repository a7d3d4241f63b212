/** Throws `message` unless `condition` holds. Messages are written by the caller and never carry the key. */
export function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}
