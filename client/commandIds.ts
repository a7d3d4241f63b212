import { SHOW_REMEDIATION_COMMAND } from '../core/protocol/lsp';

/** Every command the extension contributes; package.json `contributes.commands` lists exactly these. */
export const CommandIds = {
	scanWorkspace: 'dhis2.scanWorkspace',
	/** Run from diagnostics' code actions, so hidden from the Command Palette. */
	showRemediation: SHOW_REMEDIATION_COMMAND,
	showOutput: 'dhis2.showOutput',
	restartServer: 'dhis2.restartServer',

	// Servers and sign-in.
	addServer: 'dhis2.addServer',
	removeServer: 'dhis2.removeServer',
	renameServer: 'dhis2.renameServer',
	signIn: 'dhis2.signIn',
	signOut: 'dhis2.signOut',

	// Tokens. Each takes a Tokens view node, `{serverUrl, id}`, or nothing (then it asks).
	showTokens: 'dhis2.showTokens',
	refreshTokens: 'dhis2.refreshTokens',
	generateToken: 'dhis2.generateToken',
	importToken: 'dhis2.importToken',
	copyTokenKey: 'dhis2.copyTokenKey',
	rotateToken: 'dhis2.rotateToken',
	revokeToken: 'dhis2.revokeToken',
	setActiveToken: 'dhis2.setActiveToken',
	showTokenDetails: 'dhis2.showTokenDetails',
	forgetTokenKey: 'dhis2.forgetTokenKey',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/** Commands that only make sense with an argument or from a specific place. */
export const HIDDEN_FROM_PALETTE: readonly CommandId[] = [CommandIds.showRemediation];
