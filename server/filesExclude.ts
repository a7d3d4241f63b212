import ignore, { type Ignore } from 'ignore';

// VS Code's `files.exclude` maps glob → true | { when }. Its globs (`**/.git`, `**/*.js`) read the same
// under gitignore rules, so the `ignore` package matches them. `when` clauses depend on sibling files;
// they are left to VS Code and not excluded here.
export function filesExcludeMatcher(setting: unknown): Ignore {
	const patterns = Object.entries((setting ?? {}) as Record<string, unknown>)
		.filter(([, value]) => value === true)
		.map(([glob]) => glob);
	return ignore().add(patterns);
}
