import { ALLOW_DIRECTIVE, ALLOW_NEXT_LINE_DIRECTIVE, IGNORE_FILE_NAME, ignoreEntryFor, parseIgnoreFile } from '../scan';
import { type Finding } from '../scan/finding';
import { isJsxAttributeValue } from './idioms';
import { type CommentStyle, type LanguageProfile, profileFor } from './languages';
import { lexLine } from './lineLexer';
import { type TextLine, appendLines, eolOf, indentationOf, lineAt, previousLine } from './textLines';
import { type FileSnapshot, type FixPlan, type OffsetEdit } from './types';

export const IGNORE_EVERYWHERE_TITLE = `Ignore this DHIS2 token everywhere (add its fingerprint to ${IGNORE_FILE_NAME})`;

function commentText(style: CommentStyle, directive: string): string {
	return style.close ? `${style.open} ${directive} ${style.close}` : `${style.open} ${directive}`;
}

function endsWithContinuation(line: string, continuation: string | undefined): boolean {
	if (!continuation) return false;
	const trimmed = line.trimEnd();
	if (!trimmed.endsWith(continuation)) return false;
	// `\\` at the end is an escaped backslash, not a continuation.
	const run = /\\*$/.exec(trimmed)?.[0].length ?? 0;
	return continuation !== '\\' || run % 2 === 1;
}

// Block scalars whose text is a shell script (CI `run: |`, GitLab `script: |`): a `#` there is a shell comment.
const SCRIPT_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'command', 'commands', 'cmd', 'shell', 'inline', 'entrypoint']);

/** The key of the YAML block scalar (`key: |`) holding `line`, if it is in one. */
function yamlBlockScalarKey(text: string, line: TextLine): string | undefined {
	const indent = indentationOf(line.text).length;
	// A block scalar's text is indented deeper than its key, so a top-level line is never in one.
	if (indent === 0) return undefined;
	for (let above = previousLine(text, line); above; above = previousLine(text, above)) {
		if (above.text.trim() === '') continue;
		if (indentationOf(above.text).length >= indent) continue;
		const header = /^\s*(?:-\s+)?["']?([\w.-]+)["']?\s*:\s*[|>][-+0-9]*\s*(?:#.*)?$/.exec(above.text);
		return header ? (header[1] ?? '') : undefined;
	}
	return undefined;
}

/**
 * Inside a YAML block scalar every line is text: a comment there changes the value, unless the text is
 * a shell script, where it is a shell comment. `null`: no occurrence ignore is possible.
 */
function effectiveProfile(text: string, line: TextLine, profile: LanguageProfile): LanguageProfile | null {
	if (profile.idiom !== 'yaml') return profile;
	const key = yamlBlockScalarKey(text, line);
	if (key === undefined) return profile;
	return SCRIPT_KEYS.has(key.toLowerCase()) ? profileFor('shellscript', '') : null;
}

function plan(title: string, edit: OffsetEdit): FixPlan {
	return { title, documentEdits: [edit], fileChanges: [] };
}

/**
 * `// dhis2-pat:allow` at the end of the token's line, or `dhis2-pat:allow-next-line` on a line above
 * where a trailing comment is impossible or would change the value: the line ends inside a string or
 * continues on the next one, or the syntax has no trailing comments (`.env`, `.properties`, `.http`,
 * Markdown). `undefined` when neither is safe (the line above also continues) or the language has no
 * comments (JSON): the fingerprint entry is the way out there.
 */
export function planIgnoreOccurrence(text: string, finding: Pick<Finding, 'start' | 'end'>, documentProfile: LanguageProfile): FixPlan | undefined {
	const line = lineAt(text, finding.start);
	const profile = effectiveProfile(text, line, documentProfile);
	const style = profile?.comment;
	if (!profile || !style) return undefined;
	const lexed = profile.lexer ? lexLine(line.text, profile.lexer) : undefined;
	const trailingTitle = `Ignore this DHIS2 token (${ALLOW_DIRECTIVE})`;
	if (style.placement === 'trailing' && !lexed?.endsInside && !endsWithContinuation(line.text, profile.continuation)) {
		const trimmed = line.text.trimEnd();
		if (profile.jsx && lexed && /[^=]>$/.test(trimmed)) {
			// After a JSX tag a `//` would be text. Inside the tag, a block comment sits between attributes.
			const from = finding.start - line.start;
			const literal = lexed.strings.find((s) => from >= s.contentStart && from < s.contentEnd);
			if (literal && isJsxAttributeValue(line.text, literal)) {
				const at = line.start + literal.end;
				return plan(trailingTitle, { start: at, end: at, newText: ` /* ${ALLOW_DIRECTIVE} */` });
			}
			return plan(trailingTitle, { start: line.end, end: line.end, newText: ` {/* ${ALLOW_DIRECTIVE} */}` });
		}
		return plan(trailingTitle, { start: line.end, end: line.end, newText: ` ${commentText(style, ALLOW_DIRECTIVE)}` });
	}
	const above = previousLine(text, line);
	// Between two continued lines a comment line would end the statement or join the value.
	if (above && endsWithContinuation(above.text, profile.continuation)) return undefined;
	const newText = `${indentationOf(line.text)}${commentText(style, ALLOW_NEXT_LINE_DIRECTIVE)}${eolOf(text)}`;
	return plan(`Ignore this DHIS2 token (${ALLOW_NEXT_LINE_DIRECTIVE})`, { start: line.start, end: line.start, newText });
}

/**
 * Adds the token's fingerprint (never the token) to the workspace's `.dhis2-pat-ignore`, creating it if
 * needed. Works for every language, JSON included. `undefined` when the fingerprint is already there.
 */
export function planIgnoreEverywhere(
	ignoreFile: FileSnapshot,
	finding: Pick<Finding, 'fingerprint' | 'masked' | 'version'>,
	relativePath: string,
): FixPlan | undefined {
	if (ignoreFile.exists && parseIgnoreFile(ignoreFile.text).fingerprints.has(finding.fingerprint.toLowerCase())) return undefined;
	const where = relativePath.replace(/[\r\n]+/g, ' ');
	const entry = ignoreEntryFor(finding.fingerprint, `${finding.masked} (${finding.version.toUpperCase()}) in ${where}`);
	const lines = entry.split('\n').filter((line) => line !== '');
	return {
		title: IGNORE_EVERYWHERE_TITLE,
		documentEdits: [],
		fileChanges: [{ file: IGNORE_FILE_NAME, create: !ignoreFile.exists, edits: [appendLines(ignoreFile.text, lines)] }],
	};
}
