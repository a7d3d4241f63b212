import { type Dhis2Error } from '../dhis2/client';
import { type FieldProblem, type LineError, numberedLines, type TokenRequestInput } from '../dhis2/tokens';

const ATTRIBUTE_FIELDS = { ip: 'allowedIps', method: 'allowedMethods', referrer: 'allowedReferrers' } as const;

/**
 * A create error the form can show on a field: the server's attribute check (409 E1004 on 2.41+,
 * 400 before) or a taken name (409 E5003). `undefined` for everything else.
 */
export function fieldProblemsOf(error: Dhis2Error, input: TokenRequestInput): FieldProblem[] | undefined {
	if (error.kind === 'name-taken') {
		return [{
			field: 'name',
			message: 'Token name already exists on this server. Names are unique across every user\'s tokens: choose another one.',
		}];
	}
	if (error.kind !== 'invalid-attribute' || error.attribute === undefined) return undefined;
	const { field, value } = error.attribute;
	const target = ATTRIBUTE_FIELDS[field];
	const message = `${error.explanation} ${error.nextStep}`;
	if (target === 'allowedMethods') return [{ field: target, message }];
	const text = (target === 'allowedIps' ? input.allowedIps : input.allowedReferrers) ?? '';
	// The server names the value, not the line; referrers were sent lower-cased.
	const lines: LineError[] = numberedLines(text)
		.filter((line) => line.value === value || line.value.toLowerCase() === value.toLowerCase())
		.map((line) => ({ ...line, reason: `DHIS2 rejected this ${field === 'ip' ? 'IP address' : 'referrer'}` }));
	return [lines.length > 0 ? { field: target, message, lines } : { field: target, message }];
}
