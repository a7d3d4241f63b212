import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';

describe('tokens: browser-safe for the webview', () => {
	it('bundles for the browser with no Node built-ins', async function () {
		this.timeout(20000);
		const result = await build({
			entryPoints: [join(__dirname, '../../core/dhis2/tokens/index.ts')],
			bundle: true,
			platform: 'browser',
			format: 'esm',
			write: false,
			logLevel: 'silent',
			metafile: true,
		});
		assert.deepEqual(result.errors, []);
		const inputs = Object.keys(result.metafile.inputs);
		assert.ok(inputs.every((input) => input.startsWith('core/dhis2/tokens/')), `pulled in: ${inputs.join(', ')}`);
		const code = result.outputFiles[0]?.text ?? '';
		assert.ok(code.includes('validateTokenRequest'));
		assert.doesNotMatch(code, /require\(|from ["']node:/);
	});
});
