// Where VS Code's server writes extension host logs: `<user-data>/logs/<session>/exthost<N>/…` (recipe §12).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** `relativePath` (e.g. `remoteexthost.log`) in every extension host's log folder of every session, where it exists. */
export function extensionHostLogFiles(userDataDir, relativePath) {
	const logs = join(userDataDir, 'logs');
	if (!existsSync(logs)) return [];
	const files = [];
	for (const session of readdirSync(logs, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
		for (const host of readdirSync(join(logs, session.name), { withFileTypes: true })) {
			const file = join(logs, session.name, host.name, relativePath);
			if (host.isDirectory() && host.name.startsWith('exthost') && existsSync(file)) files.push(file);
		}
	}
	return files;
}
