import { parse } from 'dotenv';
import ignore from 'ignore';
import { appendLines } from './textLines';
import { type EnvironmentSnapshot, type FileChange, type OffsetEdit } from './types';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `.gitignore`'s own patterns ignore `.env` (git's answer, when there is one, comes first). */
export function gitignoreIgnoresDotenv(gitignoreText: string): boolean {
	return ignore().add(gitignoreText).ignores('.env');
}

/**
 * Plans the `.env` side of the move fix: which name each token gets, and the edits to `.env`,
 * `.gitignore` and `.env.example`. One planner serves a whole "fix all", so two tokens never get one
 * name and one token never gets two.
 */
export class EnvFilePlanner {
	private readonly existing: ReadonlyMap<string, string>;
	/** New `.env` lines, in the order they were named. */
	private readonly added = new Map<string, string>();
	/** Existing `NAME=` lines with no value (copied from `.env.example`), filled in place. */
	private readonly filled = new Map<string, { readonly token: string; readonly edit: OffsetEdit }>();

	/** Every name holding each value, existing and planned: a token already in `.env` is reused, not added again. */
	private readonly namesByValue = new Map<string, string[]>();
	/** Per preferred name, the suffix to try next: names are only ever taken, so earlier ones stay taken. */
	private readonly nextSuffix = new Map<string, number>();

	constructor(private readonly snapshot: EnvironmentSnapshot) {
		this.existing = new Map(Object.entries(snapshot.dotenv.exists ? parse(snapshot.dotenv.text) : {}));
		for (const [name, value] of this.existing) this.remember(name, value);
	}

	private remember(name: string, value: string): void {
		const names = this.namesByValue.get(value);
		if (names) names.push(name);
		else this.namesByValue.set(value, [name]);
	}

	/**
	 * The name `token` goes by in `.env`: an entry already holding it (under any name), else `preferred`,
	 * else `preferred_2`, `_3`… — a different value already in `.env` is never overwritten.
	 */
	nameFor(preferred: string, token: string): string {
		const holders = this.namesByValue.get(token);
		if (holders?.[0]) return holders.includes(preferred) ? preferred : holders[0];
		for (let suffix = this.nextSuffix.get(preferred) ?? 1; ; suffix++) {
			const name = suffix === 1 ? preferred : `${preferred}_${suffix}`;
			if (this.added.has(name) || this.filled.has(name)) continue;
			const value = this.existing.get(name);
			const fill = value === '' ? this.fillEdit(name, token) : undefined;
			if (value !== undefined && !fill) continue;
			if (fill) this.filled.set(name, { token, edit: fill });
			else this.added.set(name, token);
			this.remember(name, token);
			this.nextSuffix.set(preferred, suffix + 1);
			return name;
		}
	}

	/** Names this plan writes to `.env` (new or filled in). */
	get writtenNames(): string[] {
		return [...this.filled.keys(), ...this.added.keys()];
	}

	private fillEdit(name: string, token: string): OffsetEdit | undefined {
		const pattern = new RegExp(`^([ \\t]*(?:export[ \\t]+)?${escapeRegExp(name)}[ \\t]*=)[ \\t]*(?:""|'')?[ \\t]*$`, 'gm');
		let last: RegExpExecArray | undefined;
		for (let match = pattern.exec(this.snapshot.dotenv.text); match; match = pattern.exec(this.snapshot.dotenv.text)) last = match;
		if (!last) return undefined;
		return { start: last.index, end: last.index + last[0].length, newText: `${last[1] ?? ''}${token}` };
	}

	fileChanges(): FileChange[] {
		const { dotenv, gitignore, envExample, gitIgnoresDotenv } = this.snapshot;
		const changes: FileChange[] = [];
		const dotenvEdits: OffsetEdit[] = [...this.filled.values()].map((fill) => fill.edit).sort((a, b) => a.start - b.start);
		if (this.added.size > 0) dotenvEdits.push(appendLines(dotenv.text, [...this.added].map(([name, token]) => `${name}=${token}`)));
		if (dotenvEdits.length > 0) changes.push({ file: '.env', create: !dotenv.exists, edits: dotenvEdits });

		// git's answer first; without git, .gitignore's own patterns. A pattern git overrules (a tracked
		// .env, a negation elsewhere) is not repaired by repeating it.
		if (gitIgnoresDotenv !== true && !gitignoreIgnoresDotenv(gitignore.text)) {
			changes.push({ file: '.gitignore', create: !gitignore.exists, edits: [appendLines(gitignore.text, ['.env'])] });
		}

		if (envExample.exists) {
			const documented = parse(envExample.text);
			const missing = this.writtenNames.filter((name) => !(name in documented));
			if (missing.length > 0) {
				changes.push({ file: '.env.example', create: false, edits: [appendLines(envExample.text, missing.map((name) => `${name}=`))] });
			}
		}
		return changes;
	}
}
