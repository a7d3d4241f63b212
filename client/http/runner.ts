import { dirname } from 'node:path';
import { commands, type Disposable, Range, Selection, type TextDocument, TextEditorRevealType, Uri, window, workspace } from 'vscode';
import { CA_CERTIFICATES_SETTING, TIMEOUT_SETTING } from '../../core/dhis2/client/requestContext';
import { type ParsedFile, type ParsedRequest, type ResolveProblem } from '../../core/http/model';
import { parseHttpFile, requestAtLine } from '../../core/http/parse';
import { HttpSendError } from '../../core/http/send';
import { type EnvironmentProblem, resolveRequest } from '../../core/http/variables';
import { type ExplanationView } from '../../core/protocol/responseView';
import { CommandIds } from '../commandIds';
import { type Logger } from '../logger';
import { DEFAULT_TIMEOUT_SECONDS, httpOptionsFromSettings } from '../servers/httpSettings';
import { type TokenServices } from '../tokens/services';
import { ChainedResponses } from './chainedResponses';
import { type ConfirmationAnswer, InsecureHttpConsent, notePrompt } from './confirmations';
import { isHttpDocument, requestFilePath } from './documents';
import { type EnvironmentPicker } from './environmentPicker';
import { type FailureText, failureText } from './failureText';
import { type RequestHistory } from './history';
import { askConfirmation } from './prompts';
import { requestResolveContext, UNTRUSTED_RESOLVE_NOTE } from './resolveContext';
import { type ResponsePanel } from './responsePanel';
import { requestTitle, writtenTitle } from './responseModel';
import { runResponseAction } from './responseActions';
import { type ResponseStore, type StoredResponse } from './responseStore';
import { type RunResult, summariseRun } from './runSummary';
import { maxInMemoryBytesFrom, MAX_IN_MEMORY_SETTING } from './runnerSettings';
import { sendWithPolicy, type SendFlowResult } from './sendFlow';
import { type SendingRun, type SendingStatus } from './sendingStatus';

export interface RunnerParts {
	readonly services: TokenServices;
	readonly logger: Logger;
	readonly environments: EnvironmentPicker;
	readonly sending: SendingStatus;
	readonly panel: ResponsePanel;
	readonly store: ResponseStore;
	readonly history: RequestHistory;
}

interface RunOptions {
	readonly run: SendingRun;
	/** Set during Send All: failures are summed up at the end instead of shown one by one. */
	readonly batch?: { readonly index: number; readonly total: number };
}

type Outcome = RunResult | 'stopped';

const SHOW_OUTPUT = 'Show Output';

function workspaceFolderPaths(): string[] {
	return (workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
}

/**
 * Sends the requests of `.http` files: parses the text as it is now, asks what the file and the
 * policy want asked, resolves variables, sends through the core sender with the vault's token for
 * the matching server, and shows, records and explains what came back.
 */
export class HttpRunner implements Disposable {
	private readonly consent = new InsecureHttpConsent();
	private readonly chained = new ChainedResponses();
	private readonly subscriptions: Disposable[];

	constructor(private readonly parts: RunnerParts) {
		// A server removed (and perhaps re-added with another address behind the name) is asked about again.
		this.subscriptions = [parts.services.registry.onDidChange(() => this.consent.forget())];
	}

	/** `dhis2.sendRequest (uri?, line?)`: the request at that line, or at the cursor. */
	async sendRequest(uriArgument?: unknown, lineArgument?: unknown): Promise<void> {
		const document = await this.documentFor(uriArgument);
		if (!document) return;
		const line = typeof lineArgument === 'number' ? lineArgument : this.cursorLine(document);
		const file = parseHttpFile(document.getText());
		const request = line === undefined ? undefined : requestAtLine(file, line);
		if (!request) {
			void window.showInformationMessage(file.requests.length === 0
				? 'This file has no requests yet: write one such as `GET https://play.dhis2.org/40/api/me`.'
				: 'Put the cursor inside a request (between the ### lines) to send it.');
			return;
		}
		const run = this.parts.sending.start();
		try {
			await this.runOne(document, file, request, { run });
		} finally {
			run.end();
		}
	}

	/** `dhis2.sendAllRequests (uri?)`: every request of the file in order, then a summary. */
	async sendAll(uriArgument?: unknown): Promise<void> {
		const document = await this.documentFor(uriArgument);
		if (!document) return;
		const file = parseHttpFile(document.getText());
		const total = file.requests.length;
		if (total === 0) {
			void window.showInformationMessage('This file has no requests to send.');
			return;
		}
		const results: RunResult[] = [];
		let stopped = false;
		const run = this.parts.sending.start();
		try {
			for (const [index, request] of file.requests.entries()) {
				if (run.signal.aborted) {
					stopped = true;
					break;
				}
				const outcome = await this.runOne(document, file, request, { run, batch: { index, total } });
				if (outcome === 'stopped') {
					stopped = true;
					break;
				}
				results.push(outcome);
			}
		} finally {
			run.end();
		}
		const summary = summariseRun(results, total, stopped);
		this.parts.logger.info(summary.message);
		const buttons = summary.failed > 0 ? [SHOW_OUTPUT] : [];
		const text = `DHIS2: ${summary.message}`;
		const picked = summary.severity === 'info' ? await window.showInformationMessage(text, ...buttons) : await window.showWarningMessage(text, ...buttons);
		if (picked === SHOW_OUTPUT) await commands.executeCommand(CommandIds.showOutput);
	}

	cancel(): void {
		if (!this.parts.sending.cancelAll()) void window.showInformationMessage('No .http request is being sent.');
	}

	private async documentFor(argument: unknown): Promise<TextDocument | undefined> {
		let document: TextDocument | undefined;
		if (argument instanceof Uri || typeof argument === 'string') {
			const uri = typeof argument === 'string' ? Uri.parse(argument) : argument;
			document = await workspace.openTextDocument(uri);
		} else {
			document = window.activeTextEditor?.document;
		}
		if (!document || !isHttpDocument(document)) {
			void window.showInformationMessage('Open a .http or .rest file to send its requests.');
			return undefined;
		}
		return document;
	}

	private cursorLine(document: TextDocument): number | undefined {
		const editor = window.activeTextEditor?.document === document ? window.activeTextEditor : window.visibleTextEditors.find((candidate) => candidate.document === document);
		return editor?.selection.active.line;
	}

	private settings(): { timeoutMs: number; caCertificates?: string[]; maxInMemoryBytes: number } {
		const config = workspace.getConfiguration();
		const http = httpOptionsFromSettings(config.get<unknown>(CA_CERTIFICATES_SETTING), config.get<unknown>(TIMEOUT_SETTING));
		const caCertificates = http.caCertificates === undefined ? undefined : typeof http.caCertificates === 'string' ? [http.caCertificates] : [...http.caCertificates];
		return { timeoutMs: http.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS * 1000, ...(caCertificates ? { caCertificates } : {}), maxInMemoryBytes: maxInMemoryBytesFrom(config.get<unknown>(MAX_IN_MEMORY_SETTING)) };
	}

	private async runOne(document: TextDocument, file: ParsedFile, request: ParsedRequest, options: RunOptions): Promise<Outcome> {
		const { services, logger, panel } = this.parts;
		const uri = document.uri.toString();
		const title = writtenTitle(request);
		const batch = options.batch !== undefined;
		const counter = options.batch ? ` [${options.batch.index + 1}/${options.batch.total}]` : '';

		if (request.directives.note !== undefined) {
			const answer = await askConfirmation(notePrompt(request.directives.note, title, { batch }));
			if (answer !== 'send') return answer === 'skip' ? { kind: 'skipped' } : 'stopped';
		}

		const trusted = workspace.isTrusted;
		const folders = workspaceFolderPaths();
		const httpFile = requestFilePath(document.uri, folders);
		const environments = this.parts.environments.environments(dirname(httpFile));
		const environmentName = this.parts.environments.chosen(dirname(httpFile), environments);
		const { context } = requestResolveContext({
			httpFile,
			...(environmentName === undefined ? {} : { environmentName }),
			trusted,
			workspaceFolders: folders,
			responses: this.chained.lookup(uri),
		});
		const resolved = await resolveRequest(file, request, context);
		if (!resolved.ok) {
			this.settle(this.showResolveProblems(document, title, resolved.problems, environments.problems, trusted, batch));
			return { kind: 'invalid' };
		}

		const settings = this.settings();
		const method = resolved.request.method;
		panel.status(`Sending ${title}${counter}…`);
		options.run.progress(method, undefined, options.batch);
		const startedAt = services.now();
		const historyBase = { at: startedAt, method, url: resolved.request.url, file: uri, line: request.requestLineRange.start.line, ...(request.name === undefined ? {} : { name: request.name }) };
		let result: SendFlowResult;
		try {
			result = await sendWithPolicy({
				request: resolved.request,
				servers: services.registry.list(),
				vault: services.vault,
				trusted,
				consent: this.consent,
				ask: askConfirmation,
				...(batch ? { batchTitle: title } : {}),
				signal: options.run.signal,
				timeoutMs: settings.timeoutMs,
				...(settings.caCertificates ? { caCertificates: settings.caCertificates } : {}),
				maxInMemoryBytes: settings.maxInMemoryBytes,
				onProgress: (progress) => options.run.progress(method, progress, options.batch),
				viewId: this.parts.store.newViewId(),
				...(environmentName === undefined ? {} : { environment: environmentName }),
				now: services.now,
			});
		} catch (error) {
			return this.failed(error, { title, trusted, batch, answer: 'send', historyBase, startedAt });
		}
		if (result.kind === 'failed') return this.failed(result.error, { title, trusted, batch, answer: result.answer, historyBase, startedAt });
		const { exchange, model, token } = result;
		this.chained.record(uri, request.name, exchange);
		this.parts.store.add({
			model,
			exchange,
			source: { uri, line: request.requestLineRange.start.line },
			...(token ? { token } : {}),
			...(exchange.decision.server ? { serverUrl: exchange.decision.server.baseUrl } : {}),
		});
		panel.show(model);
		// The view says it too, but it may be behind other editors: a rejected token deserves a notification.
		if (!batch && model.explanation?.severity === 'error') this.settle(this.offerExplanation(model.explanation, this.parts.store.get(model.viewId)));
		logger.info(`${requestTitle(method, model.url)} → ${exchange.response.status} (${exchange.timing.totalMs} ms${exchange.redirects > 0 ? `, ${exchange.redirects} redirects` : ''})`);
		await this.addHistory({ ...historyBase, status: exchange.response.status, timeMs: exchange.timing.totalMs });
		return { kind: 'response', status: exchange.response.status };
	}

	private async failed(
		error: unknown,
		run: { title: string; trusted: boolean; batch: boolean; answer: ConfirmationAnswer; historyBase: Parameters<RequestHistory['add']>[0]; startedAt: number },
	): Promise<Outcome> {
		const { logger, panel, services } = this.parts;
		if (!(error instanceof HttpSendError)) {
			logger.error(`Sending ${run.title} failed unexpectedly`, error);
			panel.status(`${run.title} failed: something unexpected went wrong (see the output).`);
			if (!run.batch) {
				void window.showErrorMessage(`${run.title}: something unexpected went wrong. The output has the details.`, SHOW_OUTPUT).then((picked) => {
					if (picked === SHOW_OUTPUT) void commands.executeCommand(CommandIds.showOutput);
				});
			}
			return { kind: 'failed', failure: 'error' };
		}
		if (error.kind === 'not-confirmed') {
			panel.status('');
			return run.answer === 'skip' ? { kind: 'skipped' } : 'stopped';
		}
		if (error.kind === 'cancelled') {
			panel.status(`${run.title} was cancelled.`);
			return 'stopped';
		}
		await this.addHistory({ ...run.historyBase, failure: error.kind, timeMs: services.now() - run.startedAt });
		logger.warn(`${run.title}: ${error.kind}: ${error.explanation} ${error.nextStep}`);
		const serverUrl = error.decision?.server?.baseUrl;
		const text = failureText(error, run.title, { trusted: run.trusted, serverHasStoredTokens: serverUrl !== undefined && services.vault.list(serverUrl).length > 0 });
		panel.status(text?.message ?? '');
		// Not awaited: the run (and its spinner) ends now, not when the notification is dismissed.
		if (text && !run.batch) this.settle(this.notifyFailure(text));
		return { kind: 'failed', failure: error.kind };
	}

	/** A notification and what its button does, left to finish on its own; a failure there is only logged. */
	private settle(work: Promise<void>): void {
		work.catch((error: unknown) => this.parts.logger.warn('A notification action failed', error));
	}

	private async notifyFailure(text: FailureText): Promise<void> {
		const picked = await window.showErrorMessage(text.message, ...text.actions.map((action) => action.label));
		const action = text.actions.find((candidate) => candidate.label === picked);
		if (action?.kind === 'chooseToken') await commands.executeCommand(CommandIds.setActiveToken);
		else if (action?.kind === 'generateToken') await commands.executeCommand(CommandIds.generateToken, action.argument);
		else if (action?.kind === 'openSettings') await commands.executeCommand('workbench.action.openSettings', action.argument);
		else if (action?.kind === 'manageTrust') await commands.executeCommand('workbench.trust.manage');
	}

	private async offerExplanation(explanation: ExplanationView, response: StoredResponse | undefined): Promise<void> {
		const picked = await window.showWarningMessage(`DHIS2: ${explanation.title}.`, ...explanation.actions.map((action) => action.label));
		const action = explanation.actions.find((candidate) => candidate.label === picked);
		if (action && response) await runResponseAction(action.id, response);
	}

	private async addHistory(entry: Parameters<RequestHistory['add']>[0]): Promise<void> {
		try {
			await this.parts.history.add(entry);
		} catch (error) {
			this.parts.logger.warn('Could not record the request in the history', error);
		}
	}

	private async showResolveProblems(
		document: TextDocument,
		title: string,
		problems: readonly ResolveProblem[],
		environmentProblems: readonly EnvironmentProblem[],
		trusted: boolean,
		batch: boolean,
	): Promise<void> {
		for (const problem of problems) this.parts.logger.warn(`${title}: ${problem.message}${problem.range ? ` (line ${problem.range.start.line + 1})` : ''}`);
		const [first] = problems;
		if (!first) return;
		const where = first.range ? ` (line ${first.range.start.line + 1})` : '';
		const more = problems.length > 1 ? ` And ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'}.` : '';
		const environment = environmentProblems.length === 0 ? '' : ` The environment files have problems too: ${environmentProblems.map((problem) => `${problem.file}: ${problem.message}`).join('; ')}.`;
		const message = `${title} was not sent: ${first.message}${where}.${more}${environment}${trusted ? '' : ` ${UNTRUSTED_RESOLVE_NOTE}`}`;
		this.parts.panel.status(message);
		if (batch) return;
		const goTo = 'Go to Problem';
		const picked = await window.showErrorMessage(message, ...(first.range ? [goTo] : []));
		if (picked !== goTo || !first.range) return;
		const editor = await window.showTextDocument(document);
		const range = new Range(first.range.start.line, first.range.start.character, first.range.end.line, first.range.end.character);
		editor.selection = new Selection(range.start, range.end);
		editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
	}

	dispose(): void {
		for (const subscription of this.subscriptions) subscription.dispose();
	}
}
