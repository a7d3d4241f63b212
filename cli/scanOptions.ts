import { type FormatName } from './formats';
import { type Messages } from './messages';

export interface ScanCommandOptions {
	readonly format: FormatName;
	readonly showSecrets: boolean;
	readonly includeLookalikes: boolean;
	/** False with `--no-inline-ignores`: CI can refuse to let a comment hide a valid token. */
	readonly inlineIgnores: boolean;
	readonly gitignore: boolean;
	readonly staged: boolean;
	readonly stdinFilename?: string;
	readonly ignoreFile?: string;
	readonly maxFileBytes: number;
	/** False with `--no-color`; colour still needs a terminal (or FORCE_COLOR). */
	readonly color: boolean;
	readonly verbose: boolean;
}

/** The process around the command, injectable so the command can be driven without a real terminal. */
export interface CommandIo {
	readonly cwd: string;
	readonly env: NodeJS.ProcessEnv;
	readonly stdoutIsTty: boolean;
	readonly writeStdout: (text: string) => void;
	readonly messages: Messages;
	readonly readStdin: () => Promise<Buffer>;
}

export const EXIT_CLEAN = 0;
export const EXIT_FOUND = 1;
export const EXIT_ERROR = 2;

export const STDIN_ARGUMENT = '-';
export const DEFAULT_STDIN_NAME = '<stdin>';

export class UsageError extends Error {}
