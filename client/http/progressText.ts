import { type SendProgress } from '../../core/http/send';
import { formatBytes } from '../../core/protocol/responseView';

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** The status bar while a request is on its way: `$(sync~spin) GET play.dhis2.org: 1.2 of 8 MB`. */
export function progressText(method: string, progress: SendProgress | undefined, run?: { readonly index: number; readonly total: number }): string {
	const counter = run === undefined || run.total <= 1 ? '' : ` [${run.index + 1}/${run.total}]`;
	if (!progress) return `$(sync~spin) ${method}${counter}`;
	const host = hostOf(progress.url);
	switch (progress.phase) {
		case 'waiting':
			return `$(sync~spin) ${method} ${host}${counter}`;
		case 'redirecting':
			return `$(sync~spin) ${method} → ${host}${counter}`;
		case 'receiving': {
			const total = progress.totalBytes === undefined ? '' : ` of ${formatBytes(progress.totalBytes)}`;
			return `$(sync~spin) ${method} ${host}: ${formatBytes(progress.receivedBytes)}${total}${counter}`;
		}
	}
}
