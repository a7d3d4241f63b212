import { basename, dirname } from 'node:path';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { isIgnoredByGit, isPrivateEnvFileName } from '../core/git';
import { DIAGNOSTIC_SOURCE, DiagnosticCodes } from '../core/protocol/lsp';

/**
 * A `.env` holding a token is fine only while git ignores it. Asking git costs a process spawn, so
 * answers are kept briefly per path; typing in the file must not spawn git on every keystroke.
 */
const CACHE_MS = 10_000;
const answers = new Map<string, { ignored: boolean | undefined; at: number }>();

async function ignoredByGit(fsPath: string): Promise<boolean | undefined> {
	const cached = answers.get(fsPath);
	if (cached && Date.now() - cached.at < CACHE_MS) return cached.ignored;
	const ignored = await isIgnoredByGit(dirname(fsPath), basename(fsPath));
	answers.set(fsPath, { ignored, at: Date.now() });
	return ignored;
}

export function forgetEnvFileAnswers(): void {
	answers.clear();
}

/** The extra warning for a private `.env` file that holds a token and that git would commit. */
export async function envFileDiagnostic(fsPath: string, firstTokenRange: Diagnostic['range']): Promise<Diagnostic | undefined> {
	const name = basename(fsPath);
	if (!isPrivateEnvFileName(name)) return undefined;
	if ((await ignoredByGit(fsPath)) !== false) return undefined;
	return {
		range: firstTokenRange,
		severity: DiagnosticSeverity.Warning,
		source: DIAGNOSTIC_SOURCE,
		code: DiagnosticCodes.envFileNotIgnored,
		message: `${name} holds a DHIS2 token but git does not ignore it (or already tracks it): add ${name} to .gitignore, and if it was ever committed, revoke the token.`,
	};
}
