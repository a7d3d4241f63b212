import { type Finding } from '../scan/finding';
import { planIgnoreEverywhere, planIgnoreOccurrence } from './ignoreComment';
import { profileFor } from './languages';
import { type MovePlan, planMoveToEnv } from './moveToEnv';
import { type EnvironmentSnapshot, type FileSnapshot, type FixDocument, type FixPlan } from './types';

export interface QuickFixRequest {
	readonly document: FixDocument;
	/** The finding the diagnostic was made for. */
	readonly finding: Finding;
	/** The workspace folder's files; `undefined` when the document has no workspace folder (then nothing is written there). */
	readonly workspace?: {
		readonly environment: EnvironmentSnapshot;
		readonly ignoreFile: FileSnapshot;
		/** The document's path relative to the folder, `/`-separated, for the ignore file's comment. */
		readonly relativePath: string;
	};
}

export interface QuickFixes {
	/** Move this token to `.env` (the preferred fix). */
	readonly move?: MovePlan;
	readonly ignoreOccurrence?: FixPlan;
	readonly ignoreEverywhere?: FixPlan;
	/** `.env`/`.properties`-style files: the value belongs there; link to revoking and rotating instead. */
	readonly showRemediation: boolean;
}

/** Every quick fix for one finding, planned against snapshots: pure, so the server and tests share it. */
export function planQuickFixes(request: QuickFixRequest): QuickFixes {
	const { document, finding, workspace } = request;
	const profile = profileFor(document.languageId, document.fileName);
	const ignoreOccurrence = planIgnoreOccurrence(document.text, finding, profile);
	const ignoreEverywhere = workspace ? planIgnoreEverywhere(workspace.ignoreFile, finding, workspace.relativePath) : undefined;
	const ignores = { ...(ignoreOccurrence ? { ignoreOccurrence } : {}), ...(ignoreEverywhere ? { ignoreEverywhere } : {}) };
	if (profile.envStyle) return { ...ignores, showRemediation: true };
	// A lookalike fails its checksum: a placeholder or a typo, nothing worth an environment variable.
	if (finding.kind !== 'token' || !workspace) return { ...ignores, showRemediation: false };

	const move = planMoveToEnv(document.text, profile, [finding], workspace.environment);
	return { ...(move ? { move } : {}), ...ignores, showRemediation: false };
}

/**
 * "Fix all in file": every reported token of the document moved in one plan, names de-duplicated.
 * Only when it moves more than one token; with one, it would be the move fix again.
 */
export function planMoveAll(request: Omit<QuickFixRequest, 'finding'> & { readonly findings: readonly Finding[] }): MovePlan | undefined {
	const { document, workspace } = request;
	if (!workspace) return undefined;
	const tokens = request.findings.filter((finding) => finding.kind === 'token');
	if (tokens.length < 2) return undefined;
	const plan = planMoveToEnv(document.text, profileFor(document.languageId, document.fileName), tokens, workspace.environment);
	return plan && plan.moved.length > 1 ? plan : undefined;
}
