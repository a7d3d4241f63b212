import { type ParsedFile } from '../../core/http/model';
import { HttpCommandIds } from './commandIds';

/** One CodeLens, before it becomes a `vscode.CodeLens`. */
export interface LensPlan {
	/** 0-based line of the request line it sits above. */
	readonly line: number;
	readonly title: string;
	readonly tooltip: string;
	readonly command: string;
	readonly arguments: readonly unknown[];
}

/**
 * "Send Request" above every request line, and "Send All" beside the first when there is more than
 * one. Commands get the document URI and the request line, and parse the text again when run, so a
 * lens computed before an edit still sends what the file says now.
 */
export function codeLensPlan(file: ParsedFile, documentUri: string): LensPlan[] {
	const lenses: LensPlan[] = [];
	const count = file.requests.length;
	file.requests.forEach((request, position) => {
		const line = request.requestLineRange.start.line;
		const errors = file.problems.filter((problem) => problem.severity === 'error' && problem.range.start.line >= request.range.start.line && problem.range.start.line <= request.range.end.line).length;
		lenses.push({
			line,
			title: errors === 0 ? 'Send Request' : `Send Request (${errors} problem${errors === 1 ? '' : 's'})`,
			tooltip: request.directives.note === undefined ? `Send ${request.method} (Ctrl+Alt+R)` : `Send ${request.method}: asks first (# @note)`,
			command: HttpCommandIds.sendRequest,
			arguments: [documentUri, line],
		});
		if (position === 0 && count > 1) {
			lenses.push({
				line,
				title: `Send All (${count})`,
				tooltip: `Send the ${count} requests of this file one after another`,
				command: HttpCommandIds.sendAllRequests,
				arguments: [documentUri],
			});
		}
	});
	return lenses;
}
