// undici is half of the extension bundle and most sessions never send a request, so the extension requires
// it from a file of its own on the first one (core/dhis2/client/undici.ts): activation neither parses nor
// evaluates it. Shared by the build and the extension-load benchmark.
import { fileURLToPath } from 'node:url';

/** esbuild plugin: `undici` becomes `require('./undici.js')`, next to the bundle. */
export const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

/** esbuild options of that file (add `outfile`). */
export const undiciBundle = {
  stdin: { contents: "module.exports = require('undici');", resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js', sourcefile: 'undici-entry.js' },
};
