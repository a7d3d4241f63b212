/**
 * Harmless noise (recipe §11.11): look-ups of the Open VSX gallery and Microsoft telemetry hosts
 * that cannot resolve offline, the static resources code-server does not ship, and built-in parts
 * of the workbench that time out on a loaded 2-core machine.
 */
const KNOWN_NOISE: readonly RegExp[] = [
	/ERR_NAME_NOT_RESOLVED/,
	/ENOTFOUND/,
	/getaddrinfo/,
	/Failed to load resource: the server responded with a status of 404/,
	/open-vsx\.org/,
	// The built-in GitHub sign-in extension is slow to register on a loaded machine; the workbench asks for it, not dhis2-pat.
	/Timed out waiting for authentication provider 'github' to register/,
	// VS Code gives extension hosts 1.75 s to answer save participants, then saves anyway. Seen when Add
	// Server writes settings.json while the built-in JSON and TypeScript extensions activate for it.
	/Aborted onWillSaveTextDocument-event after \d+ms/,
];

export function isKnownNoise(line: string): boolean {
	return KNOWN_NOISE.some((pattern) => pattern.test(line));
}
