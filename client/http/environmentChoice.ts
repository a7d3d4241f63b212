/** Which `http-client.env.json` environment each folder uses, remembered per workspace (workspaceState). */
export const ENVIRONMENT_CHOICE_KEY = 'dhis2-pat.http.environments';

export type EnvironmentChoices = Readonly<Record<string, string>>;

export function readChoices(raw: unknown): EnvironmentChoices {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
	return Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The remembered environment of `folder`, if the folder's files still define it. */
export function chosenEnvironment(choices: EnvironmentChoices, folder: string, names: readonly string[]): string | undefined {
	const name = choices[folder];
	return name !== undefined && names.includes(name) ? name : undefined;
}

/** `undefined` forgets the folder's choice (no environment: only `$shared`). */
export function withChoice(choices: EnvironmentChoices, folder: string, name: string | undefined): EnvironmentChoices {
	const next = { ...choices };
	if (name === undefined) delete next[folder];
	else next[folder] = name;
	return next;
}

/** The status bar text: `env: dev`, or what to do when there is none. */
export function environmentLabel(name: string | undefined, names: readonly string[]): string {
	if (name !== undefined) return `env: ${name}`;
	return names.length === 0 ? 'no env file' : 'env: none';
}
