import { type QuickPickItem, type QuickInputButton, Range, Selection, TextEditorRevealType, ThemeIcon, Uri, window, workspace } from 'vscode';
import { parseHttpFile } from '../../core/http/parse';
import { type HistoryEntry, historyOutcome, requestForEntry, type RequestHistory } from './history';

type EntryItem = QuickPickItem & { readonly entry: HistoryEntry };

const OPEN_ONLY: QuickInputButton = { iconPath: new ThemeIcon('go-to-file'), tooltip: 'Open the request without sending it' };

function fileLabel(file: string | undefined): string {
	if (file === undefined) return '';
	const uri = Uri.parse(file);
	return uri.scheme === 'file' ? workspace.asRelativePath(uri) : uri.path;
}

function ago(at: number, now: number): string {
	const minutes = Math.round((now - at) / 60_000);
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.round(minutes / 60);
	return hours < 48 ? `${hours} h ago` : new Date(at).toISOString().slice(0, 10);
}

/** Opens the request file at the entry's request; `undefined` when the file or the request is gone. */
async function openEntry(entry: HistoryEntry): Promise<{ uri: string; line: number } | undefined> {
	if (entry.file === undefined) return undefined;
	let document;
	try {
		document = await workspace.openTextDocument(Uri.parse(entry.file));
	} catch {
		void window.showWarningMessage(`${fileLabel(entry.file)} can no longer be opened, so the request cannot be sent again from it.`);
		return undefined;
	}
	const request = requestForEntry(parseHttpFile(document.getText()), entry);
	const editor = await window.showTextDocument(document);
	if (!request) {
		void window.showWarningMessage(`${entry.method} ${entry.url} is no longer in ${fileLabel(entry.file)} where it was.`);
		return undefined;
	}
	const line = request.requestLineRange.start.line;
	editor.selection = new Selection(line, 0, line, 0);
	editor.revealRange(new Range(line, 0, line, 0), TextEditorRevealType.InCenterIfOutsideViewport);
	return { uri: document.uri.toString(), line };
}

/**
 * `DHIS2: Show Request History`: the recent requests of this workspace. Picking one sends it again
 * from its file (the history keeps no headers or bodies, so the file is the only source); the
 * button beside it only opens the file there.
 */
export function showRequestHistory(history: RequestHistory, send: (uri: string, line: number) => Promise<void>, now: () => number): () => Promise<void> {
	return async () => {
		const entries = history.list();
		if (entries.length === 0) {
			void window.showInformationMessage('No .http requests have been sent in this workspace yet.');
			return;
		}
		const items: EntryItem[] = entries.map((entry) => ({
			label: `${entry.method} ${entry.url}`,
			description: `${historyOutcome(entry)} · ${ago(entry.at, now())}`,
			detail: entry.file === undefined ? undefined : `${entry.name === undefined ? '' : `${entry.name} · `}${fileLabel(entry.file)}`,
			buttons: entry.file === undefined ? [] : [OPEN_ONLY],
			entry,
		}));
		const quickPick = window.createQuickPick<EntryItem>();
		quickPick.items = items;
		quickPick.placeholder = 'Send a recent request again (the button opens it without sending)';
		quickPick.matchOnDescription = true;
		quickPick.matchOnDetail = true;
		const chosen = await new Promise<{ entry: HistoryEntry; send: boolean } | undefined>((resolve) => {
			quickPick.onDidAccept(() => {
				const item = quickPick.selectedItems[0];
				resolve(item ? { entry: item.entry, send: true } : undefined);
				quickPick.hide();
			});
			quickPick.onDidTriggerItemButton((event) => {
				resolve({ entry: event.item.entry, send: false });
				quickPick.hide();
			});
			quickPick.onDidHide(() => resolve(undefined));
			quickPick.show();
		});
		quickPick.dispose();
		if (!chosen) return;
		const place = await openEntry(chosen.entry);
		if (place && chosen.send) await send(place.uri, place.line);
	};
}

export function clearRequestHistory(history: RequestHistory): () => Promise<void> {
	return async () => {
		await history.clear();
		void window.showInformationMessage('The .http request history of this workspace is cleared.');
	};
}
