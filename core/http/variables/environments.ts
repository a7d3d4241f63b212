import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactTokens } from '../../redact';

export const ENVIRONMENT_FILE = 'http-client.env.json';
export const PRIVATE_ENVIRONMENT_FILE = 'http-client.private.env.json';
/** Values every environment sees unless it sets its own (REST Client's convention, also read by httpYac and Kulala). */
export const SHARED_ENVIRONMENT = '$shared';

export interface EnvironmentProblem {
	readonly file: string;
	readonly message: string;
}

export interface Environments {
	/** Environment names in the order the files list them (`$shared` is not one). */
	readonly names: readonly string[];
	/** The merged variables of one environment: `$shared`, then the environment, each public file first, private file over it. */
	get(name: string): Record<string, string>;
	/** Files that exist but could not be used; never silently an empty environment (httpYac #939). */
	readonly problems: readonly EnvironmentProblem[];
}

type EnvironmentTable = Record<string, Record<string, string>>;

/** Only strings, numbers and booleans are variables; JetBrains' objects (SSLConfiguration, Security) are not. */
function tableFrom(json: unknown, file: string, problems: EnvironmentProblem[]): EnvironmentTable {
	const table: EnvironmentTable = {};
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		problems.push({ file, message: 'expected an object of environments, e.g. { "dev": { "baseUrl": "…" } }' });
		return table;
	}
	for (const [environment, variables] of Object.entries(json as Record<string, unknown>)) {
		if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
			problems.push({ file, message: redactTokens(`environment "${environment}" is not an object of variables`) });
			continue;
		}
		const values: Record<string, string> = {};
		for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
			if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[name] = String(value);
		}
		table[environment] = values;
	}
	return table;
}

function jsonErrorPlace(text: string, error: unknown): string {
	const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
	if (position === undefined) return '';
	const before = text.slice(0, Number(position));
	const line = before.split('\n').length;
	return ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

/** Environments from the two files' texts (`undefined` when a file does not exist). */
export function environmentsFromJson(publicText: string | undefined, privateText: string | undefined): Environments {
	const problems: EnvironmentProblem[] = [];
	const parse = (text: string | undefined, file: string): EnvironmentTable => {
		if (text === undefined) return {};
		try {
			return tableFrom(JSON.parse(text) as unknown, file, problems);
		} catch (error) {
			// The parser's message may quote the file, and a private file holds secrets: report only where it broke.
			problems.push({ file, message: `not valid JSON${jsonErrorPlace(text, error)}` });
			return {};
		}
	};
	const publicTable = parse(publicText, ENVIRONMENT_FILE);
	const privateTable = parse(privateText, PRIVATE_ENVIRONMENT_FILE);
	const names = [...new Set([...Object.keys(publicTable), ...Object.keys(privateTable)])].filter((name) => name !== SHARED_ENVIRONMENT);
	return {
		names,
		get: (name) => ({
			...publicTable[SHARED_ENVIRONMENT],
			...privateTable[SHARED_ENVIRONMENT],
			...(name === SHARED_ENVIRONMENT ? {} : publicTable[name]),
			...(name === SHARED_ENVIRONMENT ? {} : privateTable[name]),
		}),
		problems,
	};
}

function readIfPresent(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

/** `http-client.env.json` and `http-client.private.env.json` in `dir` (the request file's folder). */
export function loadEnvironments(dir: string): Environments {
	const problems: EnvironmentProblem[] = [];
	const read = (file: string): string | undefined => {
		try {
			return readIfPresent(join(dir, file));
		} catch (error) {
			problems.push({ file, message: `cannot be read: ${error instanceof Error ? error.message : String(error)}` });
			return undefined;
		}
	};
	const environments = environmentsFromJson(read(ENVIRONMENT_FILE), read(PRIVATE_ENVIRONMENT_FILE));
	return { names: environments.names, get: (name) => environments.get(name), problems: [...problems, ...environments.problems] };
}
