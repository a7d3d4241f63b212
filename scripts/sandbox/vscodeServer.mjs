// The pinned VS Code server, installed once into ~/.cache by scripts/vscode/install.mjs. A cold install
// compiles native modules for minutes with little output, so a heartbeat line shows it is still working.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_SERVER_VERSION, installDir, paths } from '../vscode/paths.mjs';
import { elapsed, runOrFail } from './steps.mjs';

const HEARTBEAT_MS = 15_000;

export async function ensureVsCodeServer(supervisor, root) {
	const dir = installDir();
	if (existsSync(paths(dir).marker)) {
		console.log(`  code-server ${CODE_SERVER_VERSION}, cached in ${dir}`);
		return;
	}
	console.log(`  First run: installing code-server ${CODE_SERVER_VERSION} and Node 24 into ${dir}.`);
	console.log('  This takes 4-7 minutes (it compiles native modules) and is cached for every later start.');
	const started = Date.now();
	const heartbeat = setInterval(() => console.log(`  … still installing the VS Code server (${elapsed(started)} so far)`), HEARTBEAT_MS);
	try {
		// The sandbox is opened in the user's own browser, so Chromium is not needed here.
		await runOrFail(supervisor, process.execPath, [join(root, 'scripts', 'vscode', 'install.mjs'), '--without-chromium'], {
			failure: 'Installing the VS Code server failed',
			hint: 'Fix the cause named above (usually no connection to the npm registry, or Debian packages to install '
				+ 'when not run as root), then run `npm start` again: an unfinished install starts over by itself. '
				+ `To start from scratch: rm -rf ${dir}`,
		});
	} finally {
		clearInterval(heartbeat);
	}
	console.log(`  installed in ${elapsed(started)}`);
}
