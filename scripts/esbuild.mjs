// Bundles every runtime entry point. Type checking is `npm run typecheck`; esbuild only strips types.
import * as esbuild from 'esbuild';
import { undiciApart, undiciBundle } from './undiciApart.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the shape VS Code's $esbuild-watch problem matcher expects. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [problemMatcherPlugin],
};

const entries = [
  // The banner stamps the moment the bundle starts loading: activation as VS Code counts it includes loading the code.
  { entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [problemMatcherPlugin, undiciApart], banner: { js: "'use strict';var DHIS2_PAT_BUNDLE_LOAD_STARTED = performance.now();" } },
  { ...undiciBundle, outfile: 'dist/undici.js' },
  { entryPoints: ['server/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // `dhis2-pat http` (undici, .http parser, sender): its own bundle, required only when that command runs.
  { entryPoints: ['cli/http/command.ts'], outfile: 'dist/cli-http.js' },
  { entryPoints: ['core/dhis2/emulator/main.ts'], outfile: 'dist/emulator.js' },
  // Lets `npm start` mint the demo workspace's token without importing TypeScript sources.
  { entryPoints: ['scripts/demoToken.ts'], outfile: 'dist/demo-token.mjs', format: 'esm' },
  // Webview bundles: loaded by the page through webview.asWebviewUri, so only dist/webview is exposed.
  { entryPoints: ['webview/generateToken/main.ts'], outfile: 'dist/webview/generateToken.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { entryPoints: ['webview/generateToken/style.css'], outfile: 'dist/webview/generateToken.css', platform: 'browser', target: 'es2022' },
  { entryPoints: ['webview/response/main.ts'], outfile: 'dist/webview/response.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { entryPoints: ['webview/response/style.css'], outfile: 'dist/webview/response.css', platform: 'browser', target: 'es2022' },
];

const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...common, ...entry })));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
