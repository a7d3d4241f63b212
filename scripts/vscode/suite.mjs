// The in-host integration suite as one CommonJS bundle, loaded by the extension host of VS Code's server
// (run.mjs) or of desktop VS Code (electron.mjs). Built outside dist/ so it never lands in the .vsix.
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

export const PROJECT_ROOT = root;
export const SECRETS_PROBE = join(root, 'test', 'integration', 'secretsProbe');

export async function bundleSuite() {
	const suite = join(root, '.vscode-test', 'integration', 'suite.js');
	await esbuild.build({
		entryPoints: [join(root, 'test', 'integration', 'index.ts')], outfile: suite, bundle: true, format: 'cjs',
		platform: 'node', target: 'node20', sourcemap: 'inline', external: ['vscode', 'mocha'], logLevel: 'warning',
	});
	return suite;
}
