/** The emulator's notion of "now": token expiry and the auth cache both read it, so tests can move time. */
export interface Clock {
	now(): number;
	/** Freezes time at `ms` (epoch milliseconds) until the next call. */
	setNow(ms: number): void;
	/** Moves time forward (or back, with a negative value) from wherever it is. */
	advance(ms: number): void;
}

export function createClock(source: () => number = Date.now): Clock {
	let frozenAt: number | undefined;
	let offset = 0;
	return {
		now: () => (frozenAt ?? source()) + offset,
		setNow(ms) {
			frozenAt = ms;
			offset = 0;
		},
		advance(ms) {
			offset += ms;
		},
	};
}
