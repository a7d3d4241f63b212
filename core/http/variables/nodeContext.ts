import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { type RecordedResponse, type ResolveContext } from './context';
import { type Environments, loadEnvironments } from './environments';

export interface NodeContextOptions {
	/** Path of the `.http` file: environments, `.env` and relative body files are looked up next to it. */
	readonly httpFile: string;
	/** Environment chosen from `http-client(.private).env.json`; none means only `$shared`. */
	readonly environmentName?: string;
	/** Defaults to `process.env`. */
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly responses?: (name: string) => RecordedResponse | undefined;
	readonly now?: () => Date | number;
	readonly random?: () => number;
}

function readDotenv(path: string): Record<string, string> | undefined {
	try {
		return parseDotenv(readFileSync(path));
	} catch {
		return undefined;
	}
}

/** `.env.<environment>` when it exists (REST Client), else `.env`; read on first use only. */
export function dotenvLookup(dir: string, environmentName?: string): (name: string) => string | undefined {
	// An environment name comes from a (possibly untrusted) JSON file: it must not walk out of the folder.
	const ownFile = environmentName && !/[\\/]/.test(environmentName) ? join(dir, `.env.${environmentName}`) : undefined;
	let values: Record<string, string> | undefined;
	return (name) => {
		values ??= (ownFile ? readDotenv(ownFile) : undefined) ?? readDotenv(join(dir, '.env')) ?? {};
		return Object.hasOwn(values, name) ? values[name] : undefined;
	};
}

const RANDOM_RANGE = 2 ** 48;

/** A resolve context on the real file system, clock and process environment (the CLI and the extension host use it). */
export function nodeResolveContext(options: NodeContextOptions): { context: ResolveContext; environments: Environments } {
	const baseDir = dirname(options.httpFile);
	const environments = loadEnvironments(baseDir);
	const context: ResolveContext = {
		env: options.env ?? process.env,
		dotenv: dotenvLookup(baseDir, options.environmentName),
		environment: environments.get(options.environmentName ?? '$shared'),
		readFile: (path) => readFile(path),
		baseDir,
		now: options.now ?? (() => new Date()),
		random: options.random ?? (() => randomInt(RANDOM_RANGE) / RANDOM_RANGE),
		...(options.responses ? { responses: options.responses } : {}),
	};
	return { context, environments };
}
