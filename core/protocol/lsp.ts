/**
 * Every custom LSP message between the extension (client/) and the language server (server/),
 * declared once and imported by both sides.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export const DIAGNOSTIC_SOURCE = 'dhis2-pat';

/** Diagnostic codes, also used as SARIF rule ids (`dhis2-pat/<code>`). */
export const DiagnosticCodes = {
	hardcodedToken: 'hardcoded-token',
	lookalikeToken: 'lookalike-token',
	envFileNotIgnored: 'env-not-ignored',
	rawTokenInIgnoreFile: 'raw-token-in-ignore-file',
} as const;

/** Open documents count too: the totals describe the workspace as the user sees it. */
export interface ScanWorkspaceResult {
	readonly filesScanned: number;
	readonly filesWithFindings: number;
	/** Checksum-valid tokens. */
	readonly tokens: number;
	/** Right-shaped strings whose checksum fails (0 when `dhis2.secrets.lookalikes` is off). */
	readonly lookalikes: number;
	readonly cancelled: boolean;
}

/** Client → server: scan every workspace folder now. The server shows its own cancellable progress. */
export const ScanWorkspaceRequest = {
	method: 'dhis2/scanWorkspace',
	type: new RequestType<Record<string, never>, ScanWorkspaceResult, void>('dhis2/scanWorkspace'),
} as const;

/** Server → client: a workspace scan finished (the start-up one too). */
export const ScanFinishedNotification = {
	method: 'dhis2/scanFinished',
	type: new NotificationType<ScanWorkspaceResult>('dhis2/scanFinished'),
} as const;

/** Options the client passes in `initializationOptions`. */
export interface ServerInitializationOptions {
	/** Where the remediation section lives; diagnostics link to it. */
	readonly remediationUrl?: string;
}

/** Client-side command a code action runs to open the remediation guidance. */
export const SHOW_REMEDIATION_COMMAND = 'dhis2.showRemediation';
