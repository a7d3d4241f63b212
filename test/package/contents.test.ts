import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

// What the installed extension needs at run time and nothing else: no sources, source maps, tests,
// fixtures, CLI or emulator bundles (the .vscodeignore is an allowlist; this pins it).
const EXPECTED = [
	'CHANGELOG.md',
	'LICENSE',
	'README.md',
	'dist/extension.js',
	'dist/server.js',
	'dist/undici.js',
	'dist/webview/generateToken.css',
	'dist/webview/generateToken.js',
	'dist/webview/response.css',
	'dist/webview/response.js',
	'media/icon.png',
	'media/tokens.svg',
	'package.json',
	'syntaxes/http.language-configuration.json',
	'syntaxes/http.tmLanguage.json',
];

describe('the .vsix contents (vsce ls)', () => {
	it('holds exactly the bundles, grammar, webview assets, icons, README, CHANGELOG, LICENSE and manifest', () => {
		const listed = execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
			.split('\n').map((line) => line.trim()).filter((line) => line !== '').sort();
		assert.deepEqual(listed, EXPECTED);
	});
});
