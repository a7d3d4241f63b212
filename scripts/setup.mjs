// Makes `npm start` and `npm test` work on a fresh clone: installs npm dependencies when the lock file
// changed since the last install, and the Debian packages the given command needs when they are missing.
// Usage: node scripts/setup.mjs [debian-package …]
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const installedLock = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

function run(command, args) {
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error(`setup: \`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
		process.exit(1);
	}
}

if (!existsSync(installedLock) || statSync(installedLock).mtimeMs < statSync(lock).mtimeMs) {
	console.log('setup: installing npm dependencies (npm ci)…');
	run('npm', ['ci', '--no-audit', '--no-fund']);
}

const missing = process.argv.slice(2).filter((name) => spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true);
if (missing.length > 0) {
	const isRoot = process.getuid?.() === 0;
	if (!isRoot || spawnSync('apt-get', ['--version']).status !== 0) {
		console.error(`setup: please install these Debian packages: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`);
		process.exit(1);
	}
	console.log(`setup: installing Debian packages: ${missing.join(' ')}…`);
	run('apt-get', ['update', '-qq']);
	run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}
