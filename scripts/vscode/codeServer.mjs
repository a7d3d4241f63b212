// Starting the pinned VS Code server for the UI e2e suite and the `npm start` sandbox: a fresh run folder,
// the packaged .vsix installed, code-server bound to 127.0.0.1 only, and one call that stops its whole
// process tree. Recipe: shared/testing/real-vscode.md §3, §5.1, §5.2.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installDir, paths } from './paths.mjs';

/** Settings that keep a fresh profile quiet: no Welcome page, Chat, telemetry, gallery checks or autosave. */
export const QUIET_SETTINGS = {
	'workbench.startupEditor': 'none',
	'workbench.welcomePage.walkthroughs.openOnInstall': false,
	'workbench.tips.enabled': false,
	'security.workspace.trust.enabled': false,
	'chat.disableAIFeatures': true,
	'workbench.secondarySideBar.defaultVisibility': 'hidden',
	'telemetry.telemetryLevel': 'off',
	'workbench.enableExperiments': false,
	'update.mode': 'none',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'extensions.ignoreRecommendations': true,
	'git.enabled': false,
	'files.autoSave': 'off',
	'editor.codeLens': true,
};

export function installedServer() {
	const resolved = paths(installDir());
	if (!existsSync(resolved.marker)) {
		throw new Error('the VS Code server is not installed; run `node scripts/vscode/install.mjs` first');
	}
	return { ...resolved, codeServerEntry: join(resolved.serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js') };
}

export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * A fresh folder per run (reused profiles restore editors and hot-exit backups): home, user data with
 * `settings` seeded, extensions, workspace, Chromium profile and logs. `base` keeps it somewhere stable.
 */
export function createRunDir({ prefix = 'dhis2-pat-vscode-', base, settings = {} } = {}) {
	const root = base ?? mkdtempSync(join(tmpdir(), prefix));
	const dirs = {
		root,
		home: join(root, 'home'),
		userData: join(root, 'ud'),
		extensions: join(root, 'exts'),
		workspace: join(root, 'ws'),
		browserProfile: join(root, 'chromium'),
		logs: join(root, 'logs'),
	};
	for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
	mkdirSync(join(dirs.userData, 'User'), { recursive: true });
	writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, '\t')}\n`);
	// code-server's own settings: no password on the loopback-only server, no self-signed certificate.
	writeFileSync(join(root, 'config.yaml'), 'auth: none\ncert: false\n');
	return dirs;
}

/**
 * The environment for anything of the server's: Node 24 first on PATH (its native modules are built for
 * it) and HOME/XDG inside the run folder (code-server writes its config and logs into HOME regardless).
 */
export function serverEnvironment(dirs, extra = {}) {
	const { node24Dir } = installedServer();
	const home = dirs.home;
	// The extension's test API must never be switched on by a variable that happens to be in the caller's shell.
	const inherited = { ...process.env };
	delete inherited.DHIS2_PAT_TEST_API;
	return {
		...inherited,
		PATH: `${join(node24Dir, 'bin')}:${process.env.PATH ?? ''}`,
		HOME: home,
		XDG_CONFIG_HOME: join(home, '.config'),
		XDG_DATA_HOME: join(home, '.local', 'share'),
		XDG_CACHE_HOME: join(home, '.cache'),
		...extra,
	};
}

function codeServerArgs(dirs) {
	return ['--config', join(dirs.root, 'config.yaml'), '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** `--install-extension`: copying a folder is ignored once extensions.json exists (recipe §5.1). */
export function installVsix(dirs, vsix) {
	const { node24, codeServerEntry } = installedServer();
	const result = spawnSync(node24, [codeServerEntry, ...codeServerArgs(dirs), '--install-extension', vsix], {
		env: serverEnvironment(dirs), encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`installing ${vsix} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
	return result.stdout;
}

/**
 * Starts code-server on 127.0.0.1 (never another host name: only a secure context encrypts
 * SecretStorage, recipe §7) in its own process group, and resolves once /healthz answers.
 */
export async function startCodeServer(dirs, { port, env = {}, timeoutMs = 60_000 } = {}) {
	const { node24, codeServerEntry } = installedServer();
	const chosenPort = port ?? await freePort();
	const logFile = join(dirs.logs, 'code-server.log');
	const out = createWriteStream(logFile);
	const child = spawn(node24, [
		codeServerEntry, ...codeServerArgs(dirs), '--bind-addr', `127.0.0.1:${chosenPort}`, '--auth', 'none',
		'--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
		'--ignore-last-opened', dirs.workspace,
	], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnvironment(dirs, env) });
	child.stdout.pipe(out);
	child.stderr.pipe(out);
	let exited = false;
	child.once('exit', () => { exited = true; });
	const stop = () => {
		try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
	};
	const url = `http://127.0.0.1:${chosenPort}`;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited) throw new Error(`code-server exited during start-up; see ${logFile}`);
		const healthy = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
		if (healthy) break;
		if (Date.now() > deadline) {
			stop();
			throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s; see ${logFile}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		url,
		port: chosenPort,
		logFile,
		process: child,
		/** The workbench URL with `folder` open. */
		workbenchUrl: (folder = dirs.workspace) => `${url}/?folder=${encodeURIComponent(folder)}`,
		stop,
	};
}
