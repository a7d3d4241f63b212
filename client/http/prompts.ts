import { window } from 'vscode';
import { answerOf, type ConfirmationAnswer, type ConfirmationPrompt } from './confirmations';

/** A modal dialog for a confirmation; closing it (Escape, Cancel) answers `stop`. */
export async function askConfirmation(prompt: ConfirmationPrompt): Promise<ConfirmationAnswer> {
	const buttons = prompt.skip === undefined ? [prompt.send] : [prompt.send, prompt.skip];
	const picked = await window.showWarningMessage(prompt.message, { modal: true, detail: prompt.detail }, ...buttons);
	return answerOf(prompt, picked);
}
