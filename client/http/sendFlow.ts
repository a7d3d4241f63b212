import { type Confirmation } from '../../core/http/inject';
import { type ResolvedRequest } from '../../core/http/model';
import { type HttpExchange, HttpSendError, sendRequest, type SendProgress } from '../../core/http/send';
import { type ResponseViewModel } from '../../core/protocol/responseView';
import { type ServerEntry } from '../servers/serverList';
import { type ConfirmationAnswer, type ConfirmationPrompt, confirmationPrompt, type InsecureHttpConsent } from './confirmations';
import { explainInputOf, explainResponse } from './explain';
import { type PolicyVault, vaultFacts, vaultPolicy } from './injectionPolicy';
import { responseViewModel } from './responseModel';

export interface SendFlowInput {
	readonly request: ResolvedRequest;
	readonly servers: readonly ServerEntry[];
	readonly vault: PolicyVault;
	readonly trusted: boolean;
	readonly consent: InsecureHttpConsent;
	/** Shows a confirmation and says what the person chose. */
	readonly ask: (prompt: ConfirmationPrompt) => Promise<ConfirmationAnswer>;
	/** During Send All: the request's title, for prompts that offer Skip. */
	readonly batchTitle?: string;
	readonly signal?: AbortSignal;
	readonly timeoutMs: number;
	readonly caCertificates?: readonly string[];
	readonly maxInMemoryBytes: number;
	readonly onProgress?: (progress: SendProgress) => void;
	readonly viewId: number;
	readonly environment?: string;
	readonly now: () => number;
}

export type SendFlowResult =
	| {
		readonly kind: 'response';
		readonly exchange: HttpExchange;
		readonly model: ResponseViewModel;
		/** The vault token whose key went out (or was asked for). */
		readonly token?: { readonly serverUrl: string; readonly id: string };
	}
	/** Not sent or not finished. `answer` tells a declined confirmation's Skip from Stop. */
	| { readonly kind: 'failed'; readonly error: HttpSendError; readonly answer: ConfirmationAnswer };

/**
 * One resolved request through the window's injection policy: the vault's active token for the
 * matching server, the confirmations the policy asks for (plain http once per server, production
 * writes and untrusted workspaces every time), the send itself, and the response as the view shows
 * it, explained with what the vault knows. No `vscode` here: the runner supplies `ask`.
 */
export async function sendWithPolicy(input: SendFlowInput): Promise<SendFlowResult> {
	const { policy, used } = vaultPolicy(input.servers, input.vault, input.trusted);
	let answer: ConfirmationAnswer = 'send';
	const confirm = async (confirmations: readonly Confirmation[]): Promise<boolean> => {
		const prompt = confirmationPrompt(confirmations, input.consent.servers, input.batchTitle === undefined ? {} : { batch: true, title: input.batchTitle });
		if (!prompt) return true;
		answer = await input.ask(prompt);
		if (answer === 'send') input.consent.remember(prompt);
		return answer === 'send';
	};
	let exchange: HttpExchange;
	try {
		exchange = await sendRequest(input.request, {
			injection: policy,
			confirm,
			...(input.signal ? { signal: input.signal } : {}),
			timeoutMs: input.timeoutMs,
			...(input.caCertificates ? { caCertificates: input.caCertificates } : {}),
			maxInMemoryBytes: input.maxInMemoryBytes,
			...(input.onProgress ? { onProgress: input.onProgress } : {}),
		});
	} catch (error) {
		if (error instanceof HttpSendError) return { kind: 'failed', error, answer };
		throw error;
	}
	const token = used();
	const facts = vaultFacts(input.vault, exchange.decision.server?.baseUrl, token);
	const explanation = explainResponse(explainInputOf(exchange, facts, input.now()));
	const model = responseViewModel(exchange, {
		viewId: input.viewId,
		limitBytes: input.maxInMemoryBytes,
		...(input.environment === undefined ? {} : { environment: input.environment }),
		...(explanation === undefined ? {} : { explanation }),
		canSendAgain: true,
	});
	return { kind: 'response', exchange, model, ...(token ? { token } : {}) };
}
