import { DEFAULT_TIMEOUT_MS, type HttpOptions } from '../../core/dhis2/client/http';

/** Bounds of `dhis2.http.timeoutSeconds`, as declared in the manifest. */
export const MIN_TIMEOUT_SECONDS = 1;
export const MAX_TIMEOUT_SECONDS = 600;
export const DEFAULT_TIMEOUT_SECONDS = DEFAULT_TIMEOUT_MS / 1000;

/**
 * The transport options from the two `dhis2.http.*` settings, as read from the configuration
 * (so possibly hand-edited junk). A PEM text that is not a certificate is left for the transport
 * to reject with its own explanation, which names the setting.
 */
export function httpOptionsFromSettings(caCertificates: unknown, timeoutSeconds: unknown): HttpOptions {
	const seconds = typeof timeoutSeconds === 'number' && Number.isFinite(timeoutSeconds)
		? Math.min(Math.max(timeoutSeconds, MIN_TIMEOUT_SECONDS), MAX_TIMEOUT_SECONDS)
		: DEFAULT_TIMEOUT_SECONDS;
	const certificates = typeof caCertificates === 'string'
		? [caCertificates]
		: Array.isArray(caCertificates) ? caCertificates.filter((item): item is string => typeof item === 'string') : [];
	const nonBlank = certificates.filter((text) => text.trim() !== '');
	return {
		timeoutMs: Math.round(seconds * 1000),
		...(nonBlank.length > 0 ? { caCertificates: nonBlank } : {}),
	};
}
