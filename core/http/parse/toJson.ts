import { type ParsedFile } from '../model';

/** A parsed file as plain JSON (the variables map becomes an object in definition order), for goldens and `--dry-run`. */
export function parsedFileToJson(file: ParsedFile): unknown {
	return {
		requests: file.requests,
		fileVariables: Object.fromEntries(file.fileVariables),
		problems: file.problems,
	};
}
