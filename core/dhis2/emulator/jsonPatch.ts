import { isDeepStrictEqual } from 'node:util';

/**
 * RFC 6902 JSON Patch over plain JSON values: add, remove, replace, move, copy, test, with RFC 6901
 * pointers (`~0`, `~1`, array indexes and `-`). Applied to a copy; the input is never mutated.
 */
export class JsonPatchError extends Error {}

type Json = unknown;
type Container = Record<string, Json> | Json[];

export interface PatchOperation {
	readonly op: string;
	readonly path: string;
	readonly from?: string;
	readonly value?: Json;
}

export function parsePointer(pointer: string): string[] {
	if (pointer === '') return [];
	if (!pointer.startsWith('/')) throw new JsonPatchError(`Invalid JSON pointer ${pointer}`);
	return pointer.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(value: Json): value is Container {
	return typeof value === 'object' && value !== null;
}

function arrayIndex(array: Json[], token: string, allowEnd: boolean, pointer: string): number {
	if (token === '-' && allowEnd) return array.length;
	if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(`Invalid path ${pointer}`);
	const index = Number(token);
	if (index > array.length || (!allowEnd && index === array.length)) throw new JsonPatchError(`Invalid path ${pointer}`);
	return index;
}

/** The container holding the pointer's last token, and that token. */
function parentOf(document: Json, pointer: string): { parent: Container; key: string } {
	const tokens = parsePointer(pointer);
	const key = tokens.pop();
	if (key === undefined) throw new JsonPatchError('The root document cannot be the target of this operation');
	let current = document;
	for (const token of tokens) {
		if (!isContainer(current)) throw new JsonPatchError(`Invalid path ${pointer}`);
		current = Array.isArray(current) ? current[arrayIndex(current, token, false, pointer)] : current[token];
	}
	if (!isContainer(current)) throw new JsonPatchError(`Invalid path ${pointer}`);
	return { parent: current, key };
}

function get(document: Json, pointer: string): Json {
	let current = document;
	for (const token of parsePointer(pointer)) {
		if (!isContainer(current)) throw new JsonPatchError(`Invalid path ${pointer}`);
		if (Array.isArray(current)) {
			current = current[arrayIndex(current, token, false, pointer)];
		} else {
			if (!Object.prototype.hasOwnProperty.call(current, token)) throw new JsonPatchError(`Invalid path ${pointer}`);
			current = current[token];
		}
	}
	return current;
}

function add(document: Json, pointer: string, value: Json): Json {
	if (pointer === '') return value;
	const { parent, key } = parentOf(document, pointer);
	if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true, pointer), 0, value);
	else parent[key] = value;
	return document;
}

function remove(document: Json, pointer: string): Json {
	get(document, pointer);
	const { parent, key } = parentOf(document, pointer);
	if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false, pointer), 1);
	else delete parent[key];
	return document;
}

const clone = (value: Json): Json => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as Json);

export function parsePatch(body: Json): PatchOperation[] {
	if (!Array.isArray(body)) throw new JsonPatchError('A JSON Patch document must be an array of operations');
	return body.map((item: Json) => {
		if (!isContainer(item) || Array.isArray(item) || typeof item['op'] !== 'string' || typeof item['path'] !== 'string') {
			throw new JsonPatchError('Every JSON Patch operation needs a string "op" and "path"');
		}
		const from = item['from'];
		return { op: item['op'], path: item['path'], value: item['value'], ...(typeof from === 'string' ? { from } : {}) };
	});
}

export function applyPatch(document: Json, operations: readonly PatchOperation[]): Json {
	let result = clone(document);
	for (const operation of operations) {
		const needsValue = operation.op === 'add' || operation.op === 'replace' || operation.op === 'test';
		if (needsValue && operation.value === undefined) throw new JsonPatchError(`Operation ${operation.op} on ${operation.path} needs a "value"`);
		switch (operation.op) {
			case 'add':
				result = add(result, operation.path, clone(operation.value));
				break;
			case 'remove':
				result = remove(result, operation.path);
				break;
			case 'replace':
				result = operation.path === '' ? clone(operation.value) : add(remove(result, operation.path), operation.path, clone(operation.value));
				break;
			case 'move': {
				const from = operation.from ?? '';
				if (operation.path.startsWith(`${from}/`)) throw new JsonPatchError(`Cannot move ${from} into its own child ${operation.path}`);
				const value = get(result, from);
				result = add(remove(result, from), operation.path, value);
				break;
			}
			case 'copy':
				result = add(result, operation.path, clone(get(result, operation.from ?? '')));
				break;
			case 'test':
				if (!isDeepStrictEqual(get(result, operation.path), operation.value)) {
					throw new JsonPatchError(`Test failed on ${operation.path}`);
				}
				break;
			default:
				throw new JsonPatchError(`Unsupported JSON Patch operation "${operation.op}"`);
		}
	}
	return result;
}
