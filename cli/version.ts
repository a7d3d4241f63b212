import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

let cachedVersion: string | undefined;

/** The package version, read next to the bundle (`dist/../package.json`), for SARIF's `tool.driver.version`. */
export function toolVersion(): string {
	if (cachedVersion === undefined) {
		try {
			const pkg = JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')) as { version?: unknown };
			cachedVersion = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
		} catch {
			cachedVersion = '0.0.0';
		}
	}
	return cachedVersion;
}
