import { type FileScanOptions, type FileScanResult, scanFile, scanListedFile } from '../core/scan';
import { type Position, locate } from './report';

/** A file scan's outcome with its findings already placed at lines and columns; the text is not kept. */
export type ScannedFile =
	| Extract<FileScanResult, { status: 'skipped' }>
	| { readonly status: 'scanned'; readonly bytes: number; readonly validUtf8: boolean; readonly placed: readonly Position[] };

export function placed(result: FileScanResult): ScannedFile {
	if (result.status === 'skipped') return result;
	return {
		status: 'scanned',
		bytes: result.bytes,
		validUtf8: result.validUtf8,
		placed: result.text === undefined ? [] : locate(result.text, result.findings),
	};
}

/** `listed`: the path came from a directory listing as a regular file, so the cheaper read-first scan applies. */
export function scanAndPlace(path: string, listed: boolean, options: FileScanOptions): ScannedFile {
	return placed(listed ? scanListedFile(path, options) : scanFile(path, options));
}
