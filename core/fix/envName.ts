/**
 * Choosing the environment variable's name from the code around the token.
 *
 * The rule: take the variable or key the token is assigned to, split into words (`dhis2Token`,
 * `DHIS2_API_PAT`, `dhis2-token`).
 * - It names a DHIS2 token (a `dhis`/`dhis2`/`d2` word and a `token`/`pat`/`api key` word): reuse it,
 *   in UPPER_SNAKE_CASE (`dhis2Token` → `DHIS2_TOKEN`, `DHIS_TOKEN` and `DHIS2_API_PAT` unchanged).
 * - It names a token but not DHIS2 (`token`, `apiToken`, `PROD_PAT`): prefix it with `DHIS2_`
 *   (`DHIS2_TOKEN`, `DHIS2_API_TOKEN`, `DHIS2_PROD_PAT`), because a bare `TOKEN` in a shared `.env`
 *   says nothing about what it unlocks and collides with other services' tokens.
 * - Anything else (`auth`, `headers`, `Authorization`, no assignment at all): `DHIS2_TOKEN`.
 */
export const DEFAULT_ENV_NAME = 'DHIS2_TOKEN';

const TOKEN_WORDS = new Set(['token', 'tokens', 'pat', 'apitoken', 'accesstoken', 'authtoken', 'apikey']);

export function nameWords(name: string): string[] {
	return name
		.split(/[^A-Za-z0-9]+/)
		.flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/))
		.filter((word) => word !== '')
		.map((word) => word.toLowerCase());
}

function namesToken(words: readonly string[]): boolean {
	return words.some((word, index) => TOKEN_WORDS.has(word) || (word === 'key' && words[index - 1] === 'api'));
}

function namesDhis2(words: readonly string[]): boolean {
	return words.some((word) => word.startsWith('dhis') || word === 'd2');
}

/** The environment variable name for a token assigned to `assigned` (or to nothing). */
export function envNameFor(assigned: string | undefined): string {
	if (!assigned) return DEFAULT_ENV_NAME;
	const words = nameWords(assigned);
	if (!namesToken(words)) return DEFAULT_ENV_NAME;
	const name = (namesDhis2(words) ? words : ['dhis2', ...words]).join('_').toUpperCase();
	return /^[A-Z_][A-Z0-9_]*$/.test(name) ? name : DEFAULT_ENV_NAME;
}

// `=`, `:=`, `:`, `=>`, `||=`, `??=`, `+=` at the end of the text before the value; `==` and `<=` are comparisons.
const ASSIGNMENT_AT_END = /(?:\?\?=|\|\|=|:=|=>|\+=|\?=|(?<![=!<>])=|:)\s*$/;

function nameOnLeft(left: string, operator: string): string | undefined {
	const bracketKey = /\[\s*(["'])([^"'\]]+)\1\s*\]$/.exec(left);
	if (bracketKey) return bracketKey[2];
	const quotedKey = /(["'`])([^"'`]+)\1$/.exec(left);
	if (quotedKey) return quotedKey[2];
	const envVariable = /\$env:([\w]+)$/i.exec(left);
	if (envVariable) return envVariable[1];
	const declaration = /\b(?:var|const|let|val|my|our|local|export|readonly)\s+(?:mut\s+)?([A-Za-z_$][\w$]*)\b[^=]*$/.exec(left);
	if (declaration) return declaration[1];
	if (operator !== ':') {
		const annotated = /([A-Za-z_$][\w$]*)\s*:\s*[\w$<>[\]&'.,?| *]+$/.exec(left);
		if (annotated) return annotated[1];
	}
	const trailing = /[@$]*([A-Za-z_][\w$.-]*)$/.exec(left);
	if (!trailing?.[1]) return undefined;
	return trailing[1].split(/\.|::/).pop();
}

const ASSIGNMENT_REACH = 200;

/** The variable or key a value starting after `before` (the line's text up to the value) is assigned to. */
export function assignedName(before: string): string | undefined {
	// An assignment sits right before its value; the cap keeps a megabyte-long minified line from costing a scan per token.
	const near = before.slice(-ASSIGNMENT_REACH);
	const operator = ASSIGNMENT_AT_END.exec(near);
	if (!operator) return undefined;
	const left = near.slice(0, operator.index).trimEnd();
	return nameOnLeft(left, operator[0].trim());
}

/** A line's leading key (`key: value`, `- KEY=value`, `@name = value`, `export KEY=value`), for line-oriented formats. */
export function lineKey(line: string): string | undefined {
	const match = /^\s*(?:-\s+)?(?:export\s+)?["']?[@$]?([\w.-]+)["']?\s*(?::|=)/.exec(line);
	return match?.[1];
}
