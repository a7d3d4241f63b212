import { CA_CERTIFICATES_SETTING } from '../../core/dhis2/client/requestContext';
import { type HttpSendErrorKind } from '../../core/http/send';
import { type InjectionDecision } from '../../core/http/inject';

export type FailureActionKind = 'chooseToken' | 'generateToken' | 'openSettings' | 'manageTrust';

export interface FailureAction {
	readonly kind: FailureActionKind;
	readonly label: string;
	/** A server URL for `generateToken`, a setting id for `openSettings`. */
	readonly argument?: string;
}

export interface FailureText {
	readonly message: string;
	readonly actions: readonly FailureAction[];
}

export interface FailureInput {
	readonly kind: HttpSendErrorKind;
	readonly explanation: string;
	readonly nextStep: string;
	readonly decision?: Pick<InjectionDecision, 'server'>;
}

/**
 * What to tell the person when a request could not be sent or finished, with the buttons that fix
 * it. `undefined` where they already know: they cancelled, or declined a confirmation.
 */
export function failureText(error: FailureInput, title: string, context: { readonly trusted: boolean; readonly serverHasStoredTokens: boolean }): FailureText | undefined {
	if (error.kind === 'cancelled' || error.kind === 'not-confirmed') return undefined;
	const server = error.decision?.server;
	const actions: FailureAction[] = [];
	if (error.kind === 'token-refused' || error.kind === 'no-token') {
		if (!context.trusted) actions.push({ kind: 'manageTrust', label: 'Manage Workspace Trust' });
		else if (server && context.serverHasStoredTokens) actions.push({ kind: 'chooseToken', label: 'Choose Token…' });
		else if (server) actions.push({ kind: 'generateToken', label: 'Generate Token…', argument: server.baseUrl });
	}
	if (error.kind === 'tls') actions.push({ kind: 'openSettings', label: 'Open Settings', argument: CA_CERTIFICATES_SETTING });
	const lead = error.kind === 'token-refused' ? `${title} was not sent` : `${title} failed`;
	return { message: `${lead}: ${error.explanation} ${error.nextStep}`.trim(), actions };
}
