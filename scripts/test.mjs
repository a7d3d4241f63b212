// `npm test`: every layer that runs here, then one closing line `N passed, N failed` summing them all.
// Typecheck, lint and build count as one check each; mocha layers count their tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const only = process.argv.slice(2);
const countsDir = mkdtempSync(join(tmpdir(), 'dhis2-pat-test-'));

let passed = 0;
let failed = 0;

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(title, command, args) {
  if (run(title, command, args)) passed += 1; else failed += 1;
}

function mochaLayer(name, globs, timeoutMs) {
  if (only.length > 0 && !only.includes(name)) return;
  countedLayer(name, bin('mocha'), [
    '--require', 'tsx/cjs',
    '--reporter', join(root, 'test/support/countingReporter.cjs'),
    '--timeout', String(timeoutMs),
    ...globs,
  ], `mocha: ${name}`);
}

/** A layer that writes `{passed, failed}` to DHIS2_PAT_COUNTS_FILE (mocha's reporter, run.mjs, the e2e runner). */
function countedLayer(name, command, args, title = name) {
  const countsFile = join(countsDir, `${name}.json`);
  const ok = run(title, command, args, { DHIS2_PAT_COUNTS_FILE: countsFile });
  try {
    const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
    passed += counts.passed;
    failed += counts.failed;
    if (!ok && counts.failed === 0) failed += 1; // the layer died outside a test (e.g. a load error)
  } catch {
    failed += 1; // the layer never reported: count it as one failure rather than silently dropping it
  }
}

if (only.length === 0) {
  check('build', process.execPath, [join(root, 'scripts/esbuild.mjs')]);
  check('typecheck', bin('tsc'), ['--noEmit', '-p', root]);
  // The webview runs in a browser: its own config has DOM types and no Node types.
  check('typecheck webview', bin('tsc'), ['--noEmit', '-p', join(root, 'webview')]);
  check('lint', bin('eslint'), ['--max-warnings=0', '.']);
} else {
  check('build', process.execPath, [join(root, 'scripts/esbuild.mjs')]);
}
mochaLayer('unit', ['test/unit/**/*.test.ts'], 20000);
mochaLayer('lsp', ['test/lsp/**/*.test.ts'], 30000);
mochaLayer('cli', ['test/cli/**/*.test.ts'], 30000);
mochaLayer('api', ['test/api/**/*.test.ts'], 30000);
mochaLayer('webview', ['test/webview/**/*.test.ts'], 60000);
mochaLayer('package', ['test/package/**/*.test.ts'], 30000);

// The real-VS-Code layers: VS Code's server from the pinned code-server package (installed once into
// ~/.cache, ~4 min cold). DHIS2_PAT_SKIP_VSCODE=1 leaves them out of a quick local run; CI never sets it.
const vscodeLayers = ['integration', 'e2e', 'sandbox'].filter((name) => only.length === 0 || only.includes(name));
if (vscodeLayers.length > 0 && process.env.DHIS2_PAT_SKIP_VSCODE === '1') {
  console.log(`\n=== skipped (DHIS2_PAT_SKIP_VSCODE=1): ${vscodeLayers.join(', ')}`);
} else if (vscodeLayers.length > 0) {
  if (run('install VS Code server (cached)', process.execPath, [join(root, 'scripts/vscode/install.mjs')])) {
    passed += 1;
    if (vscodeLayers.includes('integration')) countedLayer('integration', process.execPath, [join(root, 'scripts/vscode/run.mjs')]);
    if (vscodeLayers.includes('e2e')) {
      if (run('package .vsix', npm, ['run', '--silent', 'package'])) countedLayer('e2e', process.execPath, ['--import', 'tsx', join(root, 'test/e2e/run.ts')]);
      else failed += 1;
    }
    mochaLayer('sandbox', ['test/sandbox/**/*.test.ts'], 300000);
  } else {
    failed += 1 + vscodeLayers.length; // nothing of VS Code could run: each layer counts as one failure
  }
}

rmSync(countsDir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
