import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { normaliseServerUrl, ServerUrlError } from '../../core/dhis2/client/serverUrl';
import { type Confirmation, decideInjection, type InjectionPolicy } from '../../core/http/inject';
import { type ParsedFile, type ParsedRequest } from '../../core/http/model';
import { parseHttpFile } from '../../core/http/parse';
import { discardBody, HttpSendError, HttpSender, maskHeaders, maskUrl } from '../../core/http/send';
import { nodeResolveContext, type RecordedResponse, resolveRequest } from '../../core/http/variables';
import { redactTokens } from '../../core/redact';
import { mask, verifyToken } from '../../core/token';
import { type CommandIo, EXIT_CLEAN, EXIT_ERROR, EXIT_FOUND } from '../scanOptions';
import { bodyText, type Outcome, printOutcomeText, printSummaryText, recordedResponse, summaryOf, toJsonReport } from './output';
import { type HttpCliOptions } from './register';

class CliFailure extends Error {}

function readRequestFile(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new CliFailure(code === 'ENOENT' ? `${path}: no such file` : code === 'EISDIR' ? `${path} is a directory, not a .http file` : `cannot read ${path} (${code ?? 'unknown error'})`);
	}
}

function place(path: string, line: number, character: number): string {
	return `${path}:${line + 1}:${character + 1}`;
}

/** `--request` by `# @name`/`### title`, or by number from 1. */
function selectRequests(file: ParsedFile, wanted: string | undefined): ParsedRequest[] {
	if (wanted === undefined) return [...file.requests];
	const byName = file.requests.filter((request) => request.name === wanted);
	if (byName.length > 0) return byName;
	const number = /^#?(\d+)$/.exec(wanted.trim())?.[1];
	const byNumber = number === undefined ? undefined : file.requests[Number(number) - 1];
	if (byNumber) return [byNumber];
	const names = file.requests.map((request, index) => request.name ?? `#${index + 1}`);
	throw new CliFailure(`no request named "${wanted}" (requests: ${names.length === 0 ? 'none' : names.join(', ')})`);
}

interface TokenSetup {
	readonly policy: InjectionPolicy;
	readonly key?: string;
}

function tokenSetup(options: HttpCliOptions, io: CommandIo): TokenSetup {
	const rawBase = options.baseUrl ?? io.env.DHIS2_BASE_URL;
	const key = io.env[options.tokenEnv]?.trim() || undefined;
	let baseUrl: string | undefined;
	if (rawBase !== undefined && rawBase.trim() !== '') {
		try {
			baseUrl = normaliseServerUrl(rawBase);
		} catch (error) {
			const source = options.baseUrl === undefined ? 'DHIS2_BASE_URL' : '--base-url';
			throw new CliFailure(`${source}: ${error instanceof ServerUrlError ? error.message : String(error)}`);
		}
	}
	if (key !== undefined && !verifyToken(key)) {
		io.messages.warning(`${options.tokenEnv} (${mask(key)}) does not look like a DHIS2 personal access token (d2p_…/d2pat_… with a valid checksum)`);
	}
	if (key !== undefined && baseUrl === undefined) {
		io.messages.warning(`${options.tokenEnv} is set but no DHIS2 base URL is (DHIS2_BASE_URL or --base-url): the key is not sent anywhere`);
	}
	const label = options.baseUrl === undefined ? 'DHIS2_BASE_URL' : '--base-url';
	const servers = baseUrl === undefined ? [] : [{ baseUrl, label, ...(key === undefined ? {} : { token: () => Promise.resolve(key) }) }];
	return { policy: { servers }, ...(key === undefined ? {} : { key }) };
}

/** The CLI cannot ask: plain http with a key needs --allow-insecure-http; nothing else can be confirmed here. */
function confirmer(options: HttpCliOptions): (confirmations: readonly Confirmation[]) => boolean {
	return (confirmations) => confirmations.every((confirmation) => confirmation.reason === 'insecure-http' && options.allowInsecureHttp === true);
}

function errorOutcome(error: HttpSendError, options: HttpCliOptions): Outcome['error'] {
	const insecure = error.kind === 'not-confirmed' && error.decision?.confirmations.some((confirmation) => confirmation.reason === 'insecure-http') === true;
	return {
		kind: error.kind,
		explanation: error.explanation,
		nextStep: insecure && options.allowInsecureHttp !== true ? 'Use https://, or pass --allow-insecure-http to send the key in clear text anyway.' : error.nextStep,
	};
}

function readCaFile(path: string | undefined, cwd: string): string | undefined {
	if (path === undefined) return undefined;
	try {
		return readFileSync(resolvePath(cwd, path), 'utf8');
	} catch (error) {
		throw new CliFailure(`--cacert: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
	}
}

/** `dhis2-pat http`: runs the requests in order and returns the exit code (0 all 2xx/3xx, 1 another status, 2 errors). */
export async function runHttpCommand(fileArgument: string, options: HttpCliOptions, io: CommandIo): Promise<number> {
	const json = options.format === 'json';
	const print = (text: string): void => {
		if (!json) io.writeStdout(text);
	};
	const outcomes: Outcome[] = [];
	let sender: HttpSender | undefined;
	const controller = new AbortController();
	const onInterrupt = (): void => controller.abort();
	process.once('SIGINT', onInterrupt);
	try {
		const path = resolvePath(io.cwd, fileArgument);
		const file = parseHttpFile(readRequestFile(path));
		for (const problem of file.problems) {
			const where = place(fileArgument, problem.range.start.line, problem.range.start.character);
			if (problem.severity === 'error') io.messages.error(`${where}: ${problem.message}`);
			else io.messages.warning(`${where}: ${problem.message}`);
		}
		if (file.problems.some((problem) => problem.severity === 'error')) {
			if (json) io.writeStdout(`${JSON.stringify(toJsonReport([], options.dryRun === true, EXIT_ERROR, file.problems.map((p) => ({ ...p, message: redactTokens(p.message) }))), null, 2)}\n`);
			return EXIT_ERROR;
		}
		const selected = selectRequests(file, options.request);
		const setup = tokenSetup(options, io);
		const caCertificates = readCaFile(options.cacert, io.cwd);
		const responses = new Map<string, RecordedResponse>();
		const { context, environments } = nodeResolveContext({
			httpFile: path,
			...(options.env === undefined ? {} : { environmentName: options.env }),
			env: io.env,
			responses: (name) => responses.get(name),
		});
		for (const problem of environments.problems) io.messages.warning(`${problem.file}: ${problem.message}`);
		if (options.env !== undefined && !environments.names.includes(options.env)) {
			throw new CliFailure(`no environment "${options.env}" in http-client.env.json or http-client.private.env.json (environments: ${environments.names.join(', ') || 'none'})`);
		}
		if (!options.dryRun) sender = new HttpSender({ ...(caCertificates === undefined ? {} : { caCertificates }), env: io.env });

		for (const parsed of selected) {
			const index = parsed.index + 1;
			const resolved = await resolveRequest(file, parsed, context);
			if (!resolved.ok) {
				const problems = resolved.problems.map((problem) =>
					redactTokens(problem.range ? `${place(fileArgument, problem.range.start.line, problem.range.start.character)}: ${problem.message}` : problem.message),
				);
				const outcome: Outcome = { index, name: parsed.name, method: parsed.method, url: redactTokens(parsed.url), problems };
				outcomes.push(outcome);
				printOutcomeText(outcome, print);
				for (const problem of problems) io.messages.error(problem);
				// A dry run has nothing to protect by stopping; a real run must not go on after a request it skipped.
				if (options.dryRun) continue;
				break;
			}
			const request = resolved.request;
			if (request.directives.note !== undefined) io.messages.plain(`note (${request.name ?? `#${index}`}): ${request.directives.note}`);

			if (options.dryRun) {
				const decision = decideInjection(request, setup.policy);
				const headers = maskHeaders(request.headers);
				if (decision.injects && setup.key !== undefined) headers.push({ name: 'Authorization', value: `ApiToken ${mask(setup.key)}` });
				const outcome: Outcome = { index, name: request.name, method: request.method, url: maskUrl(request.url), decision, dryRun: { headers, ...bodyText(request.body) } };
				outcomes.push(outcome);
				printOutcomeText(outcome, print);
				if (decision.verdict === 'refuse') io.messages.error(decision.explanation);
				continue;
			}

			try {
				const exchange = await sender!.send(request, {
					injection: setup.policy,
					confirm: confirmer(options),
					signal: controller.signal,
					...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
				});
				const outcome: Outcome = { index, name: request.name, method: request.method, url: maskUrl(request.url), decision: exchange.decision, exchange };
				outcomes.push(outcome);
				printOutcomeText(outcome, print);
				if (request.name !== undefined) responses.set(request.name, recordedResponse(exchange));
				await discardBody(exchange.response.body);
			} catch (error) {
				if (!(error instanceof HttpSendError)) throw error;
				const outcome: Outcome = { index, name: request.name, method: request.method, url: maskUrl(request.url), decision: error.decision, error: errorOutcome(error, options) };
				outcomes.push(outcome);
				printOutcomeText(outcome, print);
				io.messages.error(`${request.name ?? `#${index}`}: ${outcome.error?.explanation ?? ''} ${outcome.error?.nextStep ?? ''}`.trim());
				break;
			}
		}

		const summary = summaryOf(outcomes, selected.length);
		const exitCode = summary.errors > 0 ? EXIT_ERROR : summary.failed > 0 ? EXIT_FOUND : EXIT_CLEAN;
		if (json) io.writeStdout(`${JSON.stringify(toJsonReport(outcomes, options.dryRun === true, exitCode), null, 2)}\n`);
		else printSummaryText(summary, options.dryRun === true, print);
		return exitCode;
	} catch (error) {
		if (error instanceof CliFailure) {
			io.messages.error(error.message);
			return EXIT_ERROR;
		}
		throw error;
	} finally {
		process.off('SIGINT', onInterrupt);
		await sender?.close();
	}
}
