// Where the pinned VS Code server lives. Outside the project on purpose: a `node` package in the project's
// node_modules would shadow the project's Node 20 inside npm scripts.
import { homedir } from 'node:os';
import { join } from 'node:path';

// Pinned: the harness relies on VS Code 1.139's server flags and the smoke-test-driver payload handling.
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;

export function installDir() {
	const base = process.env.DHIS2_PAT_VSCODE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'dhis2-pat');
	return join(base, `vscode-${CODE_SERVER_VERSION}`);
}

export function paths(dir) {
	const serverDir = join(dir, 'server');
	return {
		node24Dir: join(dir, 'node24'),
		node24: join(dir, 'node24', 'bin', 'node'),
		serverDir,
		serverMain: join(serverDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
		marker: join(dir, '.installed'),
	};
}
