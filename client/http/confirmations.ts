import { type Confirmation, type ConfirmationReason } from '../../core/http/inject';

/** What the person is asked, as a modal dialog shows it. */
export interface ConfirmationPrompt {
	/** The headline (a modal shows it bold). */
	readonly message: string;
	/** Every reason, one per line. */
	readonly detail: string;
	/** The button that sends. */
	readonly send: string;
	/** During Send All: a second button that skips only this request (Cancel stops the run). */
	readonly skip?: string;
	/** Servers whose plain-http confirmation is remembered for this window once the person says yes. */
	readonly rememberInsecure: readonly string[];
}

export type ConfirmationAnswer = 'send' | 'skip' | 'stop';

/** The most serious reason leads the headline. */
const ORDER: readonly ConfirmationReason[] = ['production-write', 'insecure-http', 'untrusted-workspace'];

const HEADLINES: Readonly<Record<ConfirmationReason, string>> = {
	'production-write': 'Send this change to a production server?',
	'insecure-http': 'Send the DHIS2 token over plain http?',
	'untrusted-workspace': 'Send this request from an untrusted workspace?',
};

const SEND_LABELS: Readonly<Record<ConfirmationReason, string>> = {
	'production-write': 'Send to Production',
	'insecure-http': 'Send over HTTP',
	'untrusted-workspace': 'Send',
};

/**
 * Which of the policy's confirmations still need asking, as one prompt; `undefined` when none do.
 * Plain http with a token asks once per server per window (`acceptedInsecure`); a production write
 * and an untrusted workspace ask every time.
 */
export function confirmationPrompt(
	confirmations: readonly Confirmation[],
	acceptedInsecure: ReadonlySet<string>,
	options: { readonly batch?: boolean; readonly title?: string } = {},
): ConfirmationPrompt | undefined {
	const pending = confirmations.filter((confirmation) => !(confirmation.reason === 'insecure-http' && confirmation.serverBaseUrl !== undefined && acceptedInsecure.has(confirmation.serverBaseUrl)));
	if (pending.length === 0) return undefined;
	const lead = ORDER.find((reason) => pending.some((confirmation) => confirmation.reason === reason)) ?? 'untrusted-workspace';
	const rememberInsecure = [...new Set(pending.flatMap((confirmation) => (confirmation.reason === 'insecure-http' && confirmation.serverBaseUrl !== undefined ? [confirmation.serverBaseUrl] : [])))];
	const lines = pending.map((confirmation) => confirmation.message);
	if (rememberInsecure.length > 0) lines.push('You are asked about plain http once per server in this window.');
	return {
		message: options.title === undefined ? HEADLINES[lead] : `${HEADLINES[lead]} (${options.title})`,
		detail: lines.join('\n\n'),
		send: SEND_LABELS[lead],
		...(options.batch === true ? { skip: 'Skip This Request' } : {}),
		rememberInsecure,
	};
}

/** `# @note`: the file asks for a confirmation before this request is sent (REST Client, httpYac). */
export function notePrompt(note: string, title: string, options: { readonly batch?: boolean } = {}): ConfirmationPrompt {
	const text = note.trim();
	return {
		message: `Send ${title}?`,
		detail: text === '' ? 'The request file asks for a confirmation before this request is sent (# @note).' : `Note from the request file: ${text}`,
		send: 'Send',
		...(options.batch === true ? { skip: 'Skip This Request' } : {}),
		rememberInsecure: [],
	};
}

/** What the dialog's answer means: Cancel (or closing it) stops; during Send All, Skip skips one. */
export function answerOf(prompt: ConfirmationPrompt, picked: string | undefined): ConfirmationAnswer {
	if (picked === prompt.send) return 'send';
	if (prompt.skip !== undefined && picked === prompt.skip) return 'skip';
	return 'stop';
}

/** The plain-http confirmations given in this window, by server. Never persisted: a new window asks again. */
export class InsecureHttpConsent {
	private readonly accepted = new Set<string>();

	get servers(): ReadonlySet<string> {
		return this.accepted;
	}

	remember(prompt: ConfirmationPrompt): void {
		for (const server of prompt.rememberInsecure) this.accepted.add(server);
	}

	/** The server list changed (a server was removed and perhaps re-added): ask again. */
	forget(serverBaseUrl?: string): void {
		if (serverBaseUrl === undefined) this.accepted.clear();
		else this.accepted.delete(serverBaseUrl);
	}
}
