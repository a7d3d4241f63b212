// The benchmarks measure the project's own TypeScript modules, bundled once into the work folder and required,
// so nothing is re-implemented in the benchmark scripts.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

/** `input` is esbuild's `entryPoints` or `stdin`; the bundle is written to `<workDir>/<name>.cjs`. */
export async function loadSources(workDir, name, input) {
	const outfile = join(workDir, `${name}.cjs`);
	await esbuild.build({ ...input, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning' });
	return createRequire(import.meta.url)(outfile);
}
