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

export interface ScanWorkspaceResult {
	readonly filesScanned: number;
	readonly filesWithFindings: number;
	readonly findings: number;
	readonly cancelled: boolean;
}

/** Client → server: scan every workspace folder now, reporting progress through the request's work-done token. */
export namespace ScanWorkspaceRequest {
	export const method = 'dhis2/scanWorkspace' as const;
	export const type = new RequestType<Record<string, never>, ScanWorkspaceResult, void>(method);
}

/** Server → client: a workspace scan finished (the start-up scan too), so the client can update its status item. */
export namespace ScanFinishedNotification {
	export const method = 'dhis2/scanFinished' as const;
	export const type = new NotificationType<ScanWorkspaceResult>(method);
}

/** Options the client passes in `initializationOptions`. */
export interface ServerInitializationOptions {
	/** Where the remediation section lives; diagnostics link to it. */
	readonly remediationUrl?: string;
}

/** Client-side command a code action runs to open the remediation guidance. */
export const SHOW_REMEDIATION_COMMAND = 'dhis2.showRemediation';
