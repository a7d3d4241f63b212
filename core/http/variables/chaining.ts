import { type RecordedResponse, type Evaluation, evaluated, failed } from './context';

/** `login.response.body.$.id`, `login.response.headers.Location`, `login.response.body.*`. */
const REFERENCE = /^([A-Za-z_][\w-]*)\.(response|request)\.(body|headers)(?:\.(.*))?$/s;

export interface ResponseReference {
	readonly request: string;
	readonly part: 'body' | 'headers';
	readonly path?: string;
	readonly ofRequest: boolean;
}

export function matchReference(name: string): ResponseReference | undefined {
	const match = REFERENCE.exec(name);
	if (!match) return undefined;
	return { request: match[1] ?? '', ofRequest: match[2] === 'request', part: match[3] === 'headers' ? 'headers' : 'body', ...(match[4] !== undefined ? { path: match[4] } : {}) };
}

type Step = string | number;

/** The JSONPath subset `$`, `.name`, `['name']`, `["name"]`, `[0]`; `undefined` for anything else. */
export function parseJsonPath(path: string): Step[] | undefined {
	if (!path.startsWith('$')) return undefined;
	const steps: Step[] = [];
	const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
	pattern.lastIndex = 1;
	while (pattern.lastIndex < path.length) {
		const match = pattern.exec(path);
		if (!match) return undefined;
		if (match[1] === '*') return undefined;
		steps.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3] ?? match[4] ?? ''));
	}
	return steps;
}

function walk(value: unknown, steps: readonly Step[]): unknown {
	let current = value;
	for (const step of steps) {
		if (current === null || typeof current !== 'object') return undefined;
		if (typeof step === 'number') {
			if (!Array.isArray(current)) return undefined;
			current = current[step] as unknown;
		} else {
			if (!Object.hasOwn(current, step)) return undefined;
			current = (current as Record<string, unknown>)[step];
		}
	}
	return current;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));

function bodyAsJson(body: unknown): { ok: true; value: unknown } | { ok: false } {
	let text: string | undefined;
	if (typeof body === 'string') text = body;
	else if (body instanceof Uint8Array) text = new TextDecoder().decode(body);
	else return { ok: true, value: body };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

/** The value a response reference stands for. */
export function referencedValue(reference: ResponseReference, response: RecordedResponse): Evaluation {
	const { request, part, path } = reference;
	if (part === 'headers') {
		if (path === undefined || path === '') return failed(`Name the header: \`{{${request}.response.headers.Location}}\``);
		const wanted = path.toLowerCase();
		const header = Object.entries(response.headers).find(([name]) => name.toLowerCase() === wanted);
		return header ? evaluated(header[1]) : failed(`The response of \`${request}\` has no \`${path}\` header`);
	}
	if (path === undefined || path === '*') {
		return evaluated(response.body instanceof Uint8Array ? new TextDecoder().decode(response.body) : asText(response.body));
	}
	const steps = parseJsonPath(path);
	if (!steps) return failed(`Only simple JSONPath such as \`$.user.id\` or \`$.items[0].name\` is supported, not \`${path}\``);
	const json = bodyAsJson(response.body);
	if (!json.ok) return failed(`The response of \`${request}\` is not JSON, so \`${path}\` cannot be read from it`);
	const value = walk(json.value, steps);
	return value === undefined ? failed(`\`${path}\` matches nothing in the response of \`${request}\``) : evaluated(asText(value));
}
