import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CLI, ROOT } from './support';

// The repository holds test code full of token handling; its literal tokens must all be generated at run time or
// carry `dhis2-pat:allow`. This keeps the README's promise that scanning the project itself finds nothing.
describe('dhis2-pat scan on this repository', () => {
	it('finds no token outside inline-allowed lines, in tracked and untracked source alike', () => {
		const result = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '.'], { cwd: ROOT, encoding: 'utf8' });
		const report = JSON.parse(result.stdout) as { findings: { path: string; line: number }[]; scanned: { files: number } };
		assert.deepEqual(report.findings.map((finding) => `${finding.path}:${finding.line}`), []);
		assert.equal(result.status, 0);
		assert.ok(report.scanned.files > 100, `scanned ${report.scanned.files} files`);
	});
});
