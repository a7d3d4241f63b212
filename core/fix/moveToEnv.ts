import { type Finding } from '../scan/finding';
import { EnvFilePlanner } from './envFiles';
import { assignedName, envNameFor, lineKey } from './envName';
import { type IdiomId, type LanguageProfile } from './languages';
import { type LineEdit, renderBare, renderLiteral } from './idioms';
import { goOsImport, pythonOsImport } from './imports';
import { piecesOf } from './pieces';
import { type TokenSite, isEscapedInLiteral, siteLocator } from './tokenSite';
import { type EnvironmentSnapshot, type FixPlan, type OffsetEdit } from './types';

type Token = Pick<Finding, 'start' | 'end' | 'token'>;

/** Tokens sharing one site: a literal holding two tokens is rewritten once, with both. */
interface SiteGroup {
	readonly site: TokenSite;
	readonly tokens: Token[];
}

function groupBySite(text: string, tokens: readonly Token[], profile: LanguageProfile): SiteGroup[] {
	const groups: SiteGroup[] = [];
	const byLiteral = new Map<string, SiteGroup>();
	const locate = siteLocator(text, profile);
	for (const token of [...tokens].sort((a, b) => a.start - b.start)) {
		const site = locate(token.start, token.end);
		if (site.kind === 'literal') {
			const key = `${site.line.start + site.literal.start}`;
			const existing = byLiteral.get(key);
			if (existing) {
				existing.tokens.push(token);
				continue;
			}
			const group = { site, tokens: [token] };
			byLiteral.set(key, group);
			groups.push(group);
		} else {
			groups.push({ site, tokens: [token] });
		}
	}
	return groups;
}

/** The site's rewrite with the given names, as document edits; `undefined` when the language cannot express it. */
function render(idiom: IdiomId, group: SiteGroup, names: readonly string[], profile: LanguageProfile): OffsetEdit[] | undefined {
	const { site } = group;
	const lineStart = site.line.start;
	const toDocument = (edits: readonly LineEdit[]) => edits.map((edit) => ({ ...edit, start: edit.start + lineStart, end: edit.end + lineStart }));
	if (site.kind === 'literal') {
		const ranges = group.tokens.map((token, index) => ({ from: token.start - lineStart, to: token.end - lineStart, name: names[index] ?? '' }));
		if (ranges.some((range) => isEscapedInLiteral(site.line.text, site.literal, range.from))) return undefined;
		const pieces = piecesOf(site.line.text, site.literal, ranges);
		const edits = renderLiteral(idiom, { line: site.line.text, lexed: site.lexed, literal: site.literal, pieces, jsx: profile.jsx ?? false });
		return edits && toDocument(edits);
	}
	if (site.kind !== 'bare') return undefined;
	const [token] = group.tokens;
	if (!token) return undefined;
	const from = token.start - lineStart;
	const to = token.end - lineStart;
	const newText = renderBare(idiom, { line: site.line.text, lexed: site.lexed, from, to, name: names[0] ?? '' });
	return newText === undefined ? undefined : [{ start: token.start, end: token.end, newText }];
}

/**
 * A Go token inside a `const ( … )` block: the block becomes `var ( … )`, since a constant cannot hold
 * a function call. `blocked` when the block uses `iota`, which only constants may.
 */
function goConstBlock(text: string, lineStart: number): { edit?: OffsetEdit; blocked: boolean } {
	const before = text.slice(0, lineStart);
	const openers = [...before.matchAll(/^([ \t]*)const[ \t]*\([ \t]*(?:\/\/.*)?$/gm)];
	const opener = openers[openers.length - 1];
	if (!opener) return { blocked: false };
	if (/^[ \t]*\)/m.test(before.slice(opener.index + opener[0].length))) return { blocked: false };
	const close = /^[ \t]*\)/m.exec(text.slice(lineStart));
	const block = text.slice(opener.index, close ? lineStart + close.index : text.length);
	if (/\biota\b/.test(block)) return { blocked: true };
	const at = opener.index + (opener[1] ?? '').length;
	return { edit: { start: at, end: at + 'const'.length, newText: 'var' }, blocked: false };
}

/** The name the code around a site suggests (see envName.ts for the rule). */
function preferredName(group: SiteGroup, token: Token, profile: LanguageProfile): string {
	const { site } = group;
	const valueStart = site.kind === 'literal' ? site.literal.start : token.start - site.line.start;
	const assigned = assignedName(site.line.text.slice(0, valueStart)) ?? (profile.bareTokens ? lineKey(site.line.text) : undefined);
	return envNameFor(assigned);
}

function importEdit(idiom: IdiomId, text: string, firstUse: number): OffsetEdit | undefined {
	if (idiom === 'python') return pythonOsImport(text, firstUse);
	if (idiom === 'go') return goOsImport(text);
	return undefined;
}

/**
 * An insertion where a replacement starts (an import before a first-line literal) is folded into that
 * replacement: clients disagree on the order of edits sharing a position, one edit leaves no doubt.
 */
function mergeInsertions(sorted: readonly OffsetEdit[]): OffsetEdit[] {
	const merged: OffsetEdit[] = [];
	for (const edit of sorted) {
		const previous = merged[merged.length - 1];
		if (previous && previous.start === previous.end && previous.start === edit.start) {
			merged[merged.length - 1] = { start: edit.start, end: edit.end, newText: previous.newText + edit.newText };
		} else {
			merged.push(edit);
		}
	}
	return merged;
}

export interface MovePlan extends FixPlan {
	/** The tokens the plan moves, in document order, with the `.env` name each gets. */
	readonly moved: readonly { readonly token: Token; readonly name: string }[];
}

/**
 * Moves `tokens` of `text` into `.env`: each literal becomes the language's environment lookup, `.env`
 * gets the values, `.gitignore` and `.env.example` follow. Tokens whose site the language cannot express
 * (a comment, a byte string) are left alone; `undefined` when none can be moved.
 */
export function planMoveToEnv(
	text: string,
	profile: LanguageProfile,
	tokens: readonly Token[],
	environment: EnvironmentSnapshot,
): MovePlan | undefined {
	const idiom = profile.idiom;
	if (!idiom || profile.envStyle) return undefined;
	// Fixability never depends on the name, so a dry run with placeholders decides it before any name is taken.
	const constBlocks = new Map<number, OffsetEdit>();
	const groups = groupBySite(text, tokens, profile).filter((group) => {
		if (!render(idiom, group, group.tokens.map(() => 'NAME'), profile)) return false;
		if (idiom !== 'go') return true;
		const { edit, blocked } = goConstBlock(text, group.site.line.start);
		if (edit) constBlocks.set(edit.start, edit);
		return !blocked;
	});
	if (groups.length === 0) return undefined;

	const envFiles = new EnvFilePlanner(environment);
	const moved: { token: Token; name: string }[] = [];
	const edits: OffsetEdit[] = [];
	for (const group of groups) {
		const names = group.tokens.map((token) => envFiles.nameFor(preferredName(group, token, profile), token.token));
		group.tokens.forEach((token, index) => moved.push({ token, name: names[index] ?? '' }));
		edits.push(...(render(idiom, group, names, profile) ?? []));
	}
	const importLine = importEdit(idiom, text, edits.reduce((first, edit) => Math.min(first, edit.start), text.length));
	if (importLine) edits.push(importLine);
	edits.push(...constBlocks.values());
	edits.sort((a, b) => a.start - b.start || a.end - b.end);
	const documentEdits = mergeInsertions(edits);

	const distinctNames = [...new Set(moved.map((entry) => entry.name))];
	const title =
		moved.length === 1
			? `Move DHIS2 token to environment variable ${distinctNames[0] ?? ''} (.env)`
			: `Move all ${moved.length} DHIS2 tokens in this file to environment variables (.env)`;
	return { title, documentEdits, fileChanges: envFiles.fileChanges(), moved };
}
