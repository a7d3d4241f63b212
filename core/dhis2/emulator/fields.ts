/**
 * DHIS2's `fields` parameter, the part clients use: names, `*` (and presets such as `:all`,
 * `:owner`, treated as `*`), nested `createdBy[id,username]` and exclusions `!name`.
 */
interface FieldSelection {
	readonly all: boolean;
	readonly include: ReadonlyMap<string, FieldSelection | undefined>;
	readonly exclude: ReadonlySet<string>;
}

/** Splits on commas that are not inside brackets. */
function splitTopLevel(spec: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of spec) {
		if (char === '[' || char === '(') depth += 1;
		if (char === ']' || char === ')') depth = Math.max(0, depth - 1);
		if (char === ',' && depth === 0) {
			parts.push(current);
			current = '';
		} else {
			current += char;
		}
	}
	parts.push(current);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

export function parseFields(spec: string): FieldSelection {
	let all = false;
	const include = new Map<string, FieldSelection | undefined>();
	const exclude = new Set<string>();
	for (const part of splitTopLevel(spec)) {
		if (part === '*' || part.startsWith(':')) {
			all = true;
			continue;
		}
		if (part.startsWith('!')) {
			exclude.add(part.slice(1));
			continue;
		}
		const bracket = /^([^[(]+)[[(](.*)[\])]$/.exec(part);
		// Transformers (`name~rename`, `name::size`) are not emulated: the bare name is kept.
		const name = (bracket?.[1] ?? part).split(/~|::/)[0]?.trim() ?? part;
		include.set(name, bracket ? parseFields(bracket[2] ?? '') : undefined);
	}
	return { all, include, exclude };
}

export function selectFields(value: unknown, selection: FieldSelection): unknown {
	if (Array.isArray(value)) return value.map((item) => selectFields(item, selection));
	if (typeof value !== 'object' || value === null) return value;
	const source = value as Record<string, unknown>;
	const result: Record<string, unknown> = {};
	const names = selection.all ? [...Object.keys(source), ...selection.include.keys()] : [...selection.include.keys()];
	for (const name of names) {
		if (selection.exclude.has(name) || source[name] === undefined || source[name] === null || name in result) continue;
		const nested = selection.include.get(name);
		result[name] = nested ? selectFields(source[name], nested) : source[name];
	}
	return result;
}

export function applyFields(value: unknown, spec: string | null, defaultSpec: string): unknown {
	return selectFields(value, parseFields(spec ?? defaultSpec));
}
