import { type ExtensionContext, window } from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';
import { Logger } from './logger';
import { RedactingLogOutputChannel } from './redactingChannel';
import { remediationUrlFromManifest } from './remediation';
import { type Dhis2PatTestApi, testApiEnabled } from './testApi';
import { activateTokens } from './tokens/activateTokens';
import { activateHttp } from './http/activateHttp';

/** Stamped by the first line of the bundle (scripts/esbuild.mjs); absent when this module runs unbundled. */
declare const DHIS2_PAT_BUNDLE_LOAD_STARTED: number | undefined;
// This line runs once every bundled dependency has been evaluated, so the difference is the cost of loading the code.
const bundleLoadMs = typeof DHIS2_PAT_BUNDLE_LOAD_STARTED === 'number' ? Math.round(performance.now() - DHIS2_PAT_BUNDLE_LOAD_STARTED) : undefined;

let client: LanguageClient | undefined;

export function activate(context: ExtensionContext): Dhis2PatTestApi | undefined {
	const started = performance.now();
	// The only channel the extension has; the raw one is never handed out, so nothing reaches it unredacted.
	const outputChannel = new RedactingLogOutputChannel(window.createOutputChannel('DHIS2 PAT', { log: true }));
	context.subscriptions.push(outputChannel);
	const logger = new Logger(outputChannel);
	const sinceStart = (): number => Math.round(performance.now() - started);

	const remediationUrl = remediationUrlFromManifest(context.extension.packageJSON);
	client = createLanguageClient(context, outputChannel, remediationUrl ? { remediationUrl } : {});
	// The token lifecycle needs no language server: it works even if the server fails to start.
	const { services: tokens, generate } = activateTokens(context, logger);
	activateHttp(context, tokens, logger.child('requests'));
	context.subscriptions.push(...registerCommands({ client, logger, outputChannel, remediationUrl, tokens, generate }));

	// Not awaited: activation stays cheap, and commands already work (requests wait for the start).
	// A failed start is logged and shown by the client itself; `DHIS2: Restart Language Server` retries.
	client.start().then(
		// The wording of both timing lines is read by the UI end-to-end test (test/e2e) for the README.
		() => logger.info(`Language server ready ${sinceStart()} ms after activation started`),
		(error: unknown) => logger.error('The language server did not start', error),
	);
	logger.info(`Activated in ${sinceStart()} ms${bundleLoadMs === undefined ? '' : ` (bundle loaded in ${bundleLoadMs} ms)`}`);
	return testApiEnabled() ? { services: tokens, secrets: context.secrets } : undefined;
}

export async function deactivate(): Promise<void> {
	if (client?.isRunning()) await client.stop();
	client = undefined;
}
