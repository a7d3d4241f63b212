import { SHOW_REMEDIATION_COMMAND } from '../core/protocol/lsp';

/** Every command the extension contributes; package.json `contributes.commands` lists exactly these. */
export const CommandIds = {
	scanWorkspace: 'dhis2.scanWorkspace',
	/** Run from diagnostics' code actions, so hidden from the Command Palette. */
	showRemediation: SHOW_REMEDIATION_COMMAND,
	showOutput: 'dhis2.showOutput',
	restartServer: 'dhis2.restartServer',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** Commands that only make sense with an argument or from a specific place. */
export const HIDDEN_FROM_PALETTE: readonly CommandId[] = [CommandIds.showRemediation];
