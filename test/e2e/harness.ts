import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ChildProcess } from 'node:child_process';

/**
 * Typed access to the shared harness scripts (plain .mjs, owned by the lead, shared with `npm start`).
 * They are imported by computed URL so TypeScript does not look for declarations of .mjs files.
 */

export const ROOT = join(__dirname, '..', '..');
/** The package under test; `DHIS2_PAT_E2E_VSIX` points at another build (e.g. to try a manifest change). */
export const VSIX = process.env.DHIS2_PAT_E2E_VSIX ?? join(ROOT, 'dist', 'dhis2-pat.vsix');

export interface RunDirs {
	readonly root: string;
	readonly home: string;
	readonly userData: string;
	readonly extensions: string;
	readonly workspace: string;
	readonly browserProfile: string;
	readonly logs: string;
}

export interface CodeServer {
	readonly url: string;
	readonly port: number;
	readonly logFile: string;
	readonly process: ChildProcess;
	workbenchUrl(folder?: string): string;
	stop(): void;
}

interface CodeServerModule {
	readonly createRunDir: (options?: { prefix?: string; base?: string; settings?: Record<string, unknown> }) => RunDirs;
	readonly installVsix: (dirs: RunDirs, vsix: string) => string;
	readonly startCodeServer: (dirs: RunDirs, options?: { port?: number; env?: Record<string, string>; timeoutMs?: number }) => Promise<CodeServer>;
}

interface DemoWorkspaceModule {
	readonly DEMO_SCRIPT: string;
	readonly DEMO_HTTP: string;
	readonly writeDemoWorkspace: (dir: string, options: { baseUrl: string; token: string }) => void;
}

interface LogsModule {
	readonly extensionHostLogFiles: (userDataDir: string, relativePath: string) => string[];
}

function load<T>(relativePath: string): Promise<T> {
	return import(pathToFileURL(join(ROOT, relativePath)).href) as Promise<T>;
}

export const codeServer = (): Promise<CodeServerModule> => load<CodeServerModule>('scripts/vscode/codeServer.mjs');
export const demoWorkspace = (): Promise<DemoWorkspaceModule> => load<DemoWorkspaceModule>('scripts/demoWorkspace.mjs');
export const vscodeLogs = (): Promise<LogsModule> => load<LogsModule>('scripts/vscode/logs.mjs');
