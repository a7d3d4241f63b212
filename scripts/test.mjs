// `npm test`: every layer that runs here, then one closing line `N passed, N failed` summing them all.
// Typecheck, lint and build count as one check each; mocha layers count their tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
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
  const countsFile = join(countsDir, `${name}.json`);
  const ok = run(`mocha: ${name}`, bin('mocha'), [
    '--require', 'tsx/cjs',
    '--reporter', join(root, 'test/support/countingReporter.cjs'),
    '--timeout', String(timeoutMs),
    ...globs,
  ], { DHIS2_PAT_COUNTS_FILE: countsFile });
  try {
    const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
    passed += counts.passed;
    failed += counts.failed;
    if (!ok && counts.failed === 0) failed += 1; // mocha died outside a test (e.g. a load error)
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

rmSync(countsDir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
