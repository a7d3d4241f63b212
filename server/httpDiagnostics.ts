import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { parseHttpFile } from '../core/http/parse';
import { DIAGNOSTIC_SOURCE } from '../core/protocol/lsp';

/** Code of every `.http` syntax diagnostic, so they can be told apart from token findings. */
export const HTTP_SYNTAX_CODE = 'http-syntax';

/** `.http` / `.rest` documents: VS Code's language id, or the extension when the client did not know the language. */
export function isHttpDocument(languageId: string, uri: string): boolean {
	return languageId === 'http' || /\.(?:http|rest)$/i.test(uri);
}

/** Problems the request parser sees in a `.http` document, as diagnostics. */
export function httpDiagnostics(text: string): Diagnostic[] {
	return parseHttpFile(text).problems.map((problem) => ({
		range: problem.range,
		severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
		source: DIAGNOSTIC_SOURCE,
		code: HTTP_SYNTAX_CODE,
		message: problem.message,
	}));
}
