/** Settings of the `.http` runner, besides the shared `dhis2.http.caCertificates` and `timeoutSeconds`. */
export const MAX_IN_MEMORY_SETTING = 'dhis2.http.maxInMemoryMB';
export const HISTORY_SIZE_SETTING = 'dhis2.http.historySize';

export const DEFAULT_MAX_IN_MEMORY_MB = 5;
export const MIN_MAX_IN_MEMORY_MB = 1;
export const MAX_MAX_IN_MEMORY_MB = 512;

const MB = 1024 * 1024;

/** Bodies above this many bytes are streamed to a temporary file instead of being held and shown. */
export function maxInMemoryBytesFrom(value: unknown): number {
	const mb = typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(value, MIN_MAX_IN_MEMORY_MB), MAX_MAX_IN_MEMORY_MB) : DEFAULT_MAX_IN_MEMORY_MB;
	return Math.round(mb * MB);
}
