import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { type Environments, nodeResolveContext, type RecordedResponse, type ResolveContext } from '../../core/http/variables';

export interface RequestContextOptions {
	/** The request file's path (for an unsaved file: a path in the workspace folder it will belong to). */
	readonly httpFile: string;
	readonly environmentName?: string;
	readonly trusted: boolean;
	/** Workspace folder paths: in an untrusted workspace, body files must lie inside one of them. */
	readonly workspaceFolders: readonly string[];
	readonly responses?: (name: string) => RecordedResponse | undefined;
	readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Said along with resolve problems in an untrusted workspace, where they are often the reason. */
export const UNTRUSTED_RESOLVE_NOTE = 'In an untrusted workspace, environment variables ($processEnv), .env files ($dotenv) and body files outside the workspace are not read.';

export function isInside(folder: string, path: string): boolean {
	const rest = relative(folder, path);
	return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
}

/**
 * Variables for one request file: the chosen environment of `http-client(.private).env.json` next
 * to it, `.env`, the process environment and body files. A file from an untrusted workspace could
 * otherwise copy this machine's environment or any readable file (`< ~/.ssh/id_rsa`) into a request
 * to wherever it likes, so there it gets no process environment, no `.env`, and body files only
 * from inside the workspace (after resolving symbolic links).
 */
export function requestResolveContext(options: RequestContextOptions): { context: ResolveContext; environments: Environments } {
	const { context, environments } = nodeResolveContext({
		httpFile: options.httpFile,
		...(options.environmentName === undefined ? {} : { environmentName: options.environmentName }),
		...(options.env === undefined ? {} : { env: options.env }),
		...(options.responses === undefined ? {} : { responses: options.responses }),
	});
	if (options.trusted) return { context, environments };
	const folders = options.workspaceFolders;
	const restricted: ResolveContext = {
		...context,
		env: {},
		dotenv: () => undefined,
		readFile: async (path) => {
			const real = await realpath(path);
			const inside = await Promise.all(folders.map(async (folder) => isInside(await realpath(folder).catch(() => folder), real)));
			if (!inside.includes(true)) throw new Error('outside the workspace, and this workspace is not trusted');
			return context.readFile(real);
		},
	};
	return { context: restricted, environments };
}
