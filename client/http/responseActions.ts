import { dirname, join } from 'node:path';
import { commands, env, Uri, window, workspace } from 'vscode';
import { type ResponseActionId, type ResponseWebviewMessage } from '../../core/protocol/responseView';
import { CommandIds } from '../commandIds';
import { curlCopiedMessage, curlForClipboard, suggestedFileName } from './bodyActions';
import { type ResponsePanelActions } from './responsePanel';
import { type ResponseStore, type StoredResponse } from './responseStore';

type ActionResult = { ok: boolean; message: string } | undefined;

const GONE: ActionResult = { ok: false, message: 'This response is no longer held here; send the request again.' };

function headerOf(response: StoredResponse, name: string): string | undefined {
	return response.exchange.response.headers.find((header) => header.name.toLowerCase() === name)?.value;
}

/** Where Save Body starts: beside the request file, else the first workspace folder. */
function saveFolder(response: StoredResponse): Uri | undefined {
	const source = response.source ? Uri.parse(response.source.uri) : undefined;
	if (source?.scheme === 'file') return Uri.file(dirname(source.fsPath));
	return workspace.workspaceFolders?.[0]?.uri;
}

async function saveBody(response: StoredResponse): Promise<ActionResult> {
	const { body, url, contentType } = response.exchange.response;
	const name = suggestedFileName(url, contentType, headerOf(response, 'content-disposition'));
	const folder = saveFolder(response);
	const target = await window.showSaveDialog({
		...(folder ? { defaultUri: Uri.file(join(folder.fsPath, name)) } : {}),
		saveLabel: 'Save Body',
		title: 'Save the response body',
	});
	if (!target) return undefined;
	// The bytes as received: the masked text of the view is for looking at, not for keeping.
	if (body.kind === 'memory') await workspace.fs.writeFile(target, body.bytes);
	else await workspace.fs.copy(Uri.file(body.path), target, { overwrite: true });
	return { ok: true, message: `Saved the body to ${target.fsPath}.` };
}

function actionCommand(action: ResponseActionId, response: StoredResponse): [string, ...unknown[]] {
	switch (action) {
		case 'rotateToken':
			return [CommandIds.rotateToken, ...(response.token ? [response.token] : [])];
		case 'showTokenDetails':
			return [CommandIds.showTokenDetails, ...(response.token ? [response.token] : [])];
		case 'generateToken':
			return [CommandIds.generateToken, ...(response.serverUrl === undefined ? [] : [response.serverUrl])];
		case 'chooseToken':
			return [CommandIds.setActiveToken];
		case 'showTokens':
			return [CommandIds.showTokens];
	}
}

/** Runs one of an explanation's actions (Rotate Token…, Choose Token…) for a response. */
export async function runResponseAction(action: ResponseActionId, response: StoredResponse): Promise<void> {
	const [command, ...args] = actionCommand(action, response);
	await commands.executeCommand(command, ...args);
}

/** What the response page's buttons do. The page names a view id; a response no longer held cannot be acted on. */
export function responseActions(store: ResponseStore, sendAgain: (uri: string, line: number) => Promise<void>): ResponsePanelActions {
	return {
		async handle(message: Exclude<ResponseWebviewMessage, { type: 'ready' }>): Promise<ActionResult> {
			const response = store.get(message.viewId);
			if (!response) return GONE;
			switch (message.type) {
				case 'saveBody':
					return saveBody(response);
				case 'copyCurl': {
					const curl = curlForClipboard(response.exchange);
					await env.clipboard.writeText(curl.text);
					return { ok: true, message: curlCopiedMessage(curl) };
				}
				case 'openBodyFile': {
					const body = response.exchange.response.body;
					if (body.kind !== 'file') return undefined;
					await commands.executeCommand('vscode.open', Uri.file(body.path));
					return undefined;
				}
				case 'sendAgain':
					if (!response.source) return { ok: false, message: 'This response has no request file to send from.' };
					void sendAgain(response.source.uri, response.source.line);
					return undefined;
				case 'runAction':
					await runResponseAction(message.action, response);
					return undefined;
			}
		},
	};
}
