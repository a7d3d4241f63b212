import { DHIS2_TOKEN_VARIABLE } from '../model';

/** A `{{…}}` in a string; `end` is just past the closing `}}` (or the end of the text when it is not closed). */
export interface TemplateRef {
	readonly start: number;
	readonly end: number;
	/** What is between the braces, trimmed. */
	readonly expression: string;
	readonly closed: boolean;
}

export function findTemplates(text: string): TemplateRef[] {
	const found: TemplateRef[] = [];
	let from = 0;
	for (;;) {
		const start = text.indexOf('{{', from);
		if (start < 0) return found;
		const close = text.indexOf('}}', start + 2);
		if (close < 0) {
			found.push({ start, end: text.length, expression: text.slice(start + 2).trim(), closed: false });
			return found;
		}
		found.push({ start, end: close + 2, expression: text.slice(start + 2, close).trim(), closed: true });
		from = close + 2;
	}
}

export const hasTemplate = (text: string): boolean => text.includes('{{');

/** System variables this runner can produce (`{{$name args}}`), REST Client's and JetBrains' spellings both. */
export const SYSTEM_VARIABLES: readonly string[] = [
	'$guid',
	'$uuid',
	'$random.uuid',
	'$timestamp',
	'$isoTimestamp',
	'$randomInt',
	'$datetime',
	'$processEnv',
	'$dotenv',
	DHIS2_TOKEN_VARIABLE,
];

export type Expression =
	| { readonly kind: 'system'; readonly name: string; readonly args: readonly string[] }
	| { readonly kind: 'encoded'; readonly name: string }
	| { readonly kind: 'variable'; readonly name: string };

/** Splits on whitespace, keeping `"quoted text"` (a `$datetime` format) as one argument, quotes included. */
function splitArguments(text: string): string[] {
	return Array.from(text.matchAll(/"[^"]*"|'[^']*'|\S+/g), (match) => match[0]);
}

export function classifyExpression(expression: string): Expression {
	if (expression.startsWith('$')) {
		const [name = '', ...args] = splitArguments(expression);
		return { kind: 'system', name, args };
	}
	if (expression.startsWith('%')) return { kind: 'encoded', name: expression.slice(1).trim() };
	return { kind: 'variable', name: expression };
}

export const isDhis2TokenExpression = (expression: string): boolean => expression === DHIS2_TOKEN_VARIABLE;

/** `Authorization: ApiToken {{$dhis2.token}}`, the one place the vault token may be asked for. */
export function isDhis2TokenAuthorization(name: string, value: string): boolean {
	return /^authorization$/i.test(name.trim()) && /^ApiToken\s+\{\{\s*\$dhis2\.token\s*\}\}$/i.test(value.trim());
}

export const DHIS2_TOKEN_MISPLACED =
	'The DHIS2 token can only be sent as an Authorization header, to its own server: write `Authorization: ApiToken {{$dhis2.token}}`';

/**
 * Problems visible without any variable values: an unclosed `{{`, an empty `{{}}`, an unknown system variable, and
 * `{{$dhis2.token}}` anywhere but its own Authorization header. Offsets are into `text`.
 */
export function templateSyntaxProblems(
	text: string,
	options: { readonly allowDhis2Token?: boolean; readonly reportUnclosed?: boolean } = {},
): { start: number; end: number; message: string }[] {
	const problems: { start: number; end: number; message: string }[] = [];
	for (const ref of findTemplates(text)) {
		if (!ref.closed) {
			if (options.reportUnclosed !== false) problems.push({ start: ref.start, end: ref.start + 2, message: '`{{` is never closed with `}}`' });
			continue;
		}
		if (ref.expression === '') {
			problems.push({ start: ref.start, end: ref.end, message: 'Empty `{{}}`: put a variable name between the braces' });
			continue;
		}
		const expression = classifyExpression(ref.expression);
		if (expression.kind !== 'system') continue;
		if (isDhis2TokenExpression(expression.name)) {
			if (!options.allowDhis2Token) problems.push({ start: ref.start, end: ref.end, message: DHIS2_TOKEN_MISPLACED });
		} else if (!SYSTEM_VARIABLES.includes(expression.name)) {
			problems.push({ start: ref.start, end: ref.end, message: `Unknown system variable \`${expression.name}\` (known: ${SYSTEM_VARIABLES.join(', ')})` });
		}
	}
	return problems;
}
