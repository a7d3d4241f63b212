/**
 * The quick-fix planner's vocabulary. Offsets are UTF-16 code units into the text they were planned
 * against (the document, or the snapshot of a workspace file), so the server turns them into LSP
 * positions with `TextDocument.positionAt` and nothing here depends on an editor API.
 */
export interface OffsetEdit {
	readonly start: number;
	/** Exclusive; equal to `start` for an insertion. */
	readonly end: number;
	readonly newText: string;
}

/** The workspace-root files a fix may write besides the document. */
export type WorkspaceFileName = '.env' | '.gitignore' | '.env.example' | '.dhis2-pat-ignore';

/** What the planner knows of a workspace file: read from the open document if there is one, else from disk. */
export interface FileSnapshot {
	readonly exists: boolean;
	/** Empty when the file does not exist. */
	readonly text: string;
}

export const MISSING_FILE: FileSnapshot = { exists: false, text: '' };

export interface FileChange {
	readonly file: WorkspaceFileName;
	/** Create the file first (it did not exist); the edits then apply to an empty file. */
	readonly create: boolean;
	readonly edits: readonly OffsetEdit[];
}

/** One quick fix: applied as a single WorkspaceEdit, so one undo reverts all of it. */
export interface FixPlan {
	readonly title: string;
	/** Edits to the document the fix was asked for, in ascending, non-overlapping order. */
	readonly documentEdits: readonly OffsetEdit[];
	readonly fileChanges: readonly FileChange[];
}

/** The workspace files the move fix reads, and what git says about `.env`. */
export interface EnvironmentSnapshot {
	readonly dotenv: FileSnapshot;
	readonly gitignore: FileSnapshot;
	readonly envExample: FileSnapshot;
	/** `git check-ignore .env`; `undefined` without git or outside a repository (then `.gitignore` is parsed). */
	readonly gitIgnoresDotenv: boolean | undefined;
}

/** The document a fix is planned for. */
export interface FixDocument {
	readonly text: string;
	/** The editor's language id (`python`, `typescriptreact`, `shellscript`, …). */
	readonly languageId: string;
	/** Base name or path; `.env*`, `*.http` and the like are recognised by name whatever the language id. */
	readonly fileName: string;
}
