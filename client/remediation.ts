/** The README section diagnostics link to: revoke the token on the server that issued it, then rotate. */
const REMEDIATION_ANCHOR = '#remediation';

/**
 * Derived from the manifest's `homepage` so the link follows the repository if it moves.
 * Only https is accepted: the URL is handed to the OS to open.
 */
export function remediationUrlFromManifest(manifest: unknown): string | undefined {
	if (typeof manifest !== 'object' || manifest === null) return undefined;
	const homepage = (manifest as { homepage?: unknown }).homepage;
	if (typeof homepage !== 'string' || !homepage.startsWith('https://')) return undefined;
	return homepage.replace(/[/#]+$/, '') + REMEDIATION_ANCHOR;
}
