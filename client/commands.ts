import { type LogOutputChannel, Uri, commands, env, window, workspace, type Disposable } from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { ScanWorkspaceRequest } from '../core/protocol/lsp';
import { type CommandId, CommandIds } from './commandIds';
import { type Logger } from './logger';
import { summarizeScan } from './scanSummary';
import { addServer, removeServer, renameServer, signIn, signOut } from './servers/serverCommands';
import { type GenerateFlow } from './tokens/generateFlow';
import { importToken, revokeToken, rotateToken } from './tokens/lifecycleCommands';
import { type TokenServices } from './tokens/services';
import { copyTokenKey, forgetTokenKey, generateToken, refreshTokens, setActiveToken, showTokenDetails, showTokens } from './tokens/tokenCommands';

export interface CommandContext {
	readonly client: LanguageClient;
	readonly logger: Logger;
	readonly outputChannel: LogOutputChannel;
	/** Undefined when the manifest has no `homepage`; then there is nothing to open. */
	readonly remediationUrl: string | undefined;
	readonly tokens: TokenServices;
	readonly generate: GenerateFlow;
}

type CommandFactory = (ctx: CommandContext) => (...args: unknown[]) => unknown;

const SHOW_PROBLEMS = 'Show Problems';
const SHOW_OUTPUT = 'Show Output';
const PROBLEMS_VIEW_COMMAND = 'workbench.actions.view.problems';

async function offerOutput(ctx: CommandContext, message: string): Promise<void> {
	if ((await window.showErrorMessage(message, SHOW_OUTPUT)) === SHOW_OUTPUT) ctx.outputChannel.show();
}

function scanWorkspace(ctx: CommandContext): () => Promise<void> {
	// A second invocation while a scan runs joins it instead of starting another (and a second summary).
	let running: Promise<void> | undefined;
	const run = async (): Promise<void> => {
		if (!workspace.workspaceFolders?.length) {
			void window.showInformationMessage('DHIS2: open a folder to scan a workspace for hardcoded tokens.');
			return;
		}
		try {
			// The server reports progress, with a cancel button, through server-initiated work-done progress.
			const result = await ctx.client.sendRequest(ScanWorkspaceRequest.type, {});
			const summary = summarizeScan(result);
			ctx.logger.info(summary.message);
			if (!summary.hasFindings) {
				void window.showInformationMessage(summary.message);
			} else if ((await window.showWarningMessage(summary.message, SHOW_PROBLEMS)) === SHOW_PROBLEMS) {
				await commands.executeCommand(PROBLEMS_VIEW_COMMAND);
			}
		} catch (error) {
			ctx.logger.error('Workspace scan failed', error);
			await offerOutput(ctx, 'DHIS2: the workspace scan failed. The output has the details.');
		}
	};
	return () => {
		running ??= run().finally(() => {
			running = undefined;
		});
		return running;
	};
}

function showRemediation(ctx: CommandContext): () => Promise<void> {
	// Arguments are ignored on purpose: a command that opened any URL it was handed could be driven
	// from a command link to somewhere else.
	return async () => {
		if (!ctx.remediationUrl) return;
		await env.openExternal(Uri.parse(ctx.remediationUrl));
	};
}

function showOutput(ctx: CommandContext): () => void {
	return () => ctx.outputChannel.show();
}

function restartServer(ctx: CommandContext): () => Promise<void> {
	return async () => {
		ctx.logger.info('Restarting the language server');
		try {
			// A server that never started (or crashed for good) cannot be stopped, only started.
			if (ctx.client.isRunning()) await ctx.client.restart();
			else await ctx.client.start();
		} catch (error) {
			ctx.logger.error('Restarting the language server failed', error);
			await offerOutput(ctx, 'DHIS2: the language server could not be restarted. The output has the details.');
		}
	};
}

export const commandFactories: Record<CommandId, CommandFactory> = {
	[CommandIds.scanWorkspace]: scanWorkspace,
	[CommandIds.showRemediation]: showRemediation,
	[CommandIds.showOutput]: showOutput,
	[CommandIds.restartServer]: restartServer,
	[CommandIds.addServer]: (ctx) => addServer(ctx.tokens),
	[CommandIds.removeServer]: (ctx) => removeServer(ctx.tokens),
	[CommandIds.renameServer]: (ctx) => renameServer(ctx.tokens),
	[CommandIds.signIn]: (ctx) => signIn(ctx.tokens),
	[CommandIds.signOut]: (ctx) => signOut(ctx.tokens),
	[CommandIds.showTokens]: () => showTokens(),
	[CommandIds.refreshTokens]: (ctx) => refreshTokens(ctx.tokens),
	[CommandIds.generateToken]: (ctx) => generateToken(ctx.tokens, ctx.generate),
	[CommandIds.importToken]: (ctx) => importToken(ctx.tokens),
	[CommandIds.copyTokenKey]: (ctx) => copyTokenKey(ctx.tokens),
	[CommandIds.rotateToken]: (ctx) => rotateToken(ctx.tokens),
	[CommandIds.revokeToken]: (ctx) => revokeToken(ctx.tokens),
	[CommandIds.setActiveToken]: (ctx) => setActiveToken(ctx.tokens),
	[CommandIds.showTokenDetails]: (ctx) => showTokenDetails(ctx.tokens),
	[CommandIds.forgetTokenKey]: (ctx) => forgetTokenKey(ctx.tokens),
};

export function registerCommands(ctx: CommandContext): Disposable[] {
	return Object.entries(commandFactories).map(([id, factory]) => commands.registerCommand(id, factory(ctx)));
}
