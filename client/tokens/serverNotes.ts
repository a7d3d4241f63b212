import { type IconSpec } from './tokenPresentation';

/** A row under a server that is not a token: a state, with the command that gets out of it. */
export interface ServerNote {
	readonly label: string;
	readonly icon: IconSpec;
	/** The command a click runs, with the server URL as its argument. */
	readonly command?: string;
	readonly tooltip?: string;
}

export interface ServerListingState {
	/** A login is available (in memory or remembered). */
	readonly signedIn: boolean;
	/** Why the server's list could not be fetched. */
	readonly error?: { readonly explanation: string; readonly nextStep: string };
	readonly tokenCount: number;
}

export const NOTE_COMMANDS = { signIn: 'dhis2.signIn', refresh: 'dhis2.refreshTokens', generate: 'dhis2.generateToken', import: 'dhis2.importToken' } as const;

/** What a server's children say besides its tokens: sign-in needed, a failed listing, or nothing yet. */
export function serverNotes(state: ServerListingState): ServerNote[] {
	const notes: ServerNote[] = [];
	if (state.error) {
		notes.push({ label: 'Could not list the server\'s tokens: click to retry', icon: { id: 'error', color: 'list.errorForeground' }, command: NOTE_COMMANDS.refresh, tooltip: `${state.error.explanation} ${state.error.nextStep}` });
	} else if (!state.signedIn) {
		notes.push({ label: 'Sign in to list the server\'s tokens…', icon: { id: 'sign-in' }, command: NOTE_COMMANDS.signIn, tooltip: 'Only tokens stored in VS Code are shown until you sign in.' });
	}
	if (state.tokenCount === 0) {
		notes.push({ label: 'Generate a token…', icon: { id: 'add' }, command: NOTE_COMMANDS.generate });
		notes.push({ label: 'Import a token you already have…', icon: { id: 'cloud-download' }, command: NOTE_COMMANDS.import });
	}
	return notes;
}
