import { ReplyError } from './reply';
import { errorReply } from './webMessage';

/**
 * Standard DHIS2 metadata list parameters (spec §1): `filter=property:operator:value` (repeatable,
 * combined by `rootJunction`), `order`, `paging`, `page`, `pageSize`. They run over the rendered
 * JSON objects, so a dotted path such as `createdBy.id` reads exactly what the client sees.
 */
type Row = Record<string, unknown>;

interface Filter {
	readonly path: readonly string[];
	readonly operator: string;
	readonly value: string;
}

const VALUELESS = new Set(['null', '!null', 'empty', '!empty']);

function queryError(message: string): never {
	throw new ReplyError(errorReply(400, message));
}

function parseFilter(raw: string, knownProperties: ReadonlySet<string>): Filter {
	const [property = '', operator = '', ...rest] = raw.split(':');
	if (property === '' || operator === '' || (rest.length === 0 && !VALUELESS.has(operator))) queryError(`Invalid filter: ${raw}`);
	const path = property.split('.');
	if (!knownProperties.has(path[0] ?? '')) queryError(`Unknown path property: ${property} (ApiToken)`);
	return { path, operator, value: rest.join(':') };
}

/** Every value at `path`, fanning out through arrays (`attributes.type`). */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
	if (path.length === 0) return Array.isArray(value) ? value : [value];
	if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
	if (typeof value !== 'object' || value === null) return [];
	const [head = '', ...tail] = path;
	return valuesAt((value as Row)[head], tail);
}

/** Filter and order values are JSON scalars; anything else compares by its JSON text. */
function text(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

function compareValues(a: unknown, b: string): number {
	const left = Number(a);
	const right = Number(b);
	if (typeof a === 'number' && Number.isFinite(right)) return left - right;
	return text(a).localeCompare(b);
}

const listOf = (value: string): string[] => value.replace(/^\[|\]$/g, '').split(',');
const like = (actual: unknown, needle: string): boolean => text(actual).toLowerCase().includes(needle.toLowerCase());

const OPERATORS: Record<string, (actual: unknown, value: string) => boolean> = {
	eq: (actual, value) => text(actual) === value,
	ieq: (actual, value) => text(actual).toLowerCase() === value.toLowerCase(),
	'!eq': (actual, value) => text(actual) !== value,
	ne: (actual, value) => text(actual) !== value,
	neq: (actual, value) => text(actual) !== value,
	in: (actual, value) => listOf(value).includes(text(actual)),
	'!in': (actual, value) => !listOf(value).includes(text(actual)),
	like: (actual, value) => text(actual).includes(value),
	'!like': (actual, value) => !text(actual).includes(value),
	ilike: like,
	'!ilike': (actual, value) => !like(actual, value),
	gt: (actual, value) => compareValues(actual, value) > 0,
	ge: (actual, value) => compareValues(actual, value) >= 0,
	lt: (actual, value) => compareValues(actual, value) < 0,
	le: (actual, value) => compareValues(actual, value) <= 0,
};

function matches(row: Row, filter: Filter): boolean {
	const values = valuesAt(row, filter.path).filter((value) => value !== undefined && value !== null);
	switch (filter.operator) {
		case 'null': return values.length === 0;
		case '!null': return values.length > 0;
		case 'empty': return values.length === 0;
		case '!empty': return values.length > 0;
	}
	const test = OPERATORS[filter.operator];
	if (!test) return queryError(`\`${filter.operator}\` is not a valid operator.`);
	// Negated operators must hold for every value; the others for at least one.
	const negated = filter.operator.startsWith('!') || filter.operator === 'ne' || filter.operator === 'neq';
	if (values.length === 0) return negated;
	return negated ? values.every((value) => test(value, filter.value)) : values.some((value) => test(value, filter.value));
}

export function filterRows(rows: readonly Row[], params: URLSearchParams, knownProperties: ReadonlySet<string>): Row[] {
	const filters = params.getAll('filter').map((raw) => parseFilter(raw, knownProperties));
	const any = (params.get('rootJunction') ?? 'AND').toUpperCase() === 'OR';
	if (filters.length === 0) return [...rows];
	return rows.filter((row) => (any ? filters.some((f) => matches(row, f)) : filters.every((f) => matches(row, f))));
}

export function orderRows(rows: Row[], order: string | null): Row[] {
	if (!order) return rows;
	const keys = order.split(',').map((part) => {
		const [property = '', direction = 'asc'] = part.split(':');
		return { path: property.split('.'), direction: direction.toLowerCase() };
	});
	return rows.sort((a, b) => {
		for (const key of keys) {
			const left = valuesAt(a, key.path)[0];
			const right = valuesAt(b, key.path)[0];
			const ignoreCase = key.direction.startsWith('i');
			const l = ignoreCase ? text(left).toLowerCase() : left;
			const r = ignoreCase ? text(right).toLowerCase() : right;
			const difference = typeof l === 'number' && typeof r === 'number' ? l - r : text(l).localeCompare(text(r));
			if (difference !== 0) return key.direction.endsWith('desc') ? -difference : difference;
		}
		return 0;
	});
}

export interface Page {
	readonly rows: readonly Row[];
	/** Absent with `paging=false`. */
	readonly pager?: Record<string, unknown>;
}

function positiveInt(raw: string | null, fallback: number): number {
	const value = Number(raw);
	return raw !== null && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** `pager` as DHIS2 renders it, with `prevPage`/`nextPage` links built from the request URL. */
export function paginate(rows: readonly Row[], params: URLSearchParams, requestUrl: URL): Page {
	if (params.get('paging') === 'false') return { rows };
	const pageSize = positiveInt(params.get('pageSize'), 50);
	const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
	const page = positiveInt(params.get('page'), 1);
	const link = (target: number): string => {
		const url = new URL(requestUrl);
		url.searchParams.set('page', String(target));
		return url.toString();
	};
	const pager: Record<string, unknown> = { page, pageCount, total: rows.length, pageSize };
	if (page > 1) pager['prevPage'] = link(page - 1);
	if (page < pageCount) pager['nextPage'] = link(page + 1);
	return { rows: rows.slice((page - 1) * pageSize, page * pageSize), pager };
}
