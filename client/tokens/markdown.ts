/**
 * Escapes text from a server or a user (token names, labels) for a MarkdownString, so a name like
 * `[click](command:…)` renders as text instead of a link.
 */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ');
}

/** Inline code that cannot be broken out of: backticks in the text get a longer fence. */
export function inlineCode(text: string): string {
	const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(longest + 1);
	const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
