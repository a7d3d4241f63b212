import { isDhis2Error, type InvalidAttribute } from '../../core/dhis2/client/errors';
import { type FieldProblem, numberedLines, type TokenRequestField, type TokenRequestInput } from '../../core/dhis2/tokens';
import { type GenerateResult } from '../../core/protocol/webview';
import { redactTokens } from '../../core/redact';

type Failure = Extract<GenerateResult, { readonly kind: 'invalid' | 'failed' }>;

const ATTRIBUTE_FIELDS: Readonly<Record<InvalidAttribute['field'], { readonly field: TokenRequestField; readonly noun: string }>> = {
	ip: { field: 'allowedIps', noun: 'IP address' },
	referrer: { field: 'allowedReferrers', noun: 'referrer' },
	method: { field: 'allowedMethods', noun: 'HTTP method' },
};

/**
 * The problem on the field DHIS2 complained about. For the two lists, the rejected value is looked
 * up in what was sent, so the form can mark its line.
 */
function attributeProblem(attribute: InvalidAttribute, input: TokenRequestInput, explanation: string, nextStep: string): FieldProblem {
	const { field, noun } = ATTRIBUTE_FIELDS[attribute.field];
	const text = field === 'allowedIps' ? input.allowedIps : field === 'allowedReferrers' ? input.allowedReferrers : undefined;
	const found = text === undefined ? undefined : numberedLines(text).find(({ value }) => value.toLowerCase() === attribute.value.toLowerCase());
	if (found === undefined) return { field, message: `${explanation} ${nextStep}` };
	return {
		field,
		message: `DHIS2 rejected 1 ${noun}. ${nextStep}`,
		lines: [{ line: found.line, value: found.value, reason: 'the server does not accept it' }],
	};
}

/**
 * What the form shows when creating a token failed: a rejected value on its own field (name taken,
 * invalid IP/referrer/method), anything else as one explanation with a next step. Thrown values
 * that are not `Dhis2Error`s are unexpected, so their text is redacted before it reaches the page.
 */
export function generateFailure(error: unknown, input: TokenRequestInput): Failure {
	if (isDhis2Error(error)) {
		const { explanation, nextStep } = error;
		if (error.kind === 'name-taken') {
			return { kind: 'invalid', explanation, nextStep, problems: [{ field: 'name', message: `${explanation} ${nextStep}` }] };
		}
		if (error.kind === 'invalid-attribute' && error.attribute !== undefined) {
			return { kind: 'invalid', explanation, nextStep, problems: [attributeProblem(error.attribute, input, explanation, nextStep)] };
		}
		return { kind: 'failed', explanation, nextStep };
	}
	const detail = error instanceof Error ? error.message : String(error);
	return {
		kind: 'failed',
		explanation: `The token could not be created: ${redactTokens(detail)}`,
		nextStep: 'Try again. If it keeps failing, "DHIS2: Show Output" has the details.',
	};
}

/** Why the form cannot offer a server, for the server picker. */
export function capabilitiesFailure(error: unknown): { readonly explanation: string; readonly nextStep: string } {
	if (isDhis2Error(error)) return { explanation: error.explanation, nextStep: error.nextStep };
	const detail = error instanceof Error ? error.message : String(error);
	return {
		explanation: `Could not find out which DHIS2 version the server runs: ${redactTokens(detail)}`,
		nextStep: 'Check the server address and your connection, then try again.',
	};
}
