import { type ApiTokenInfo } from '../../core/dhis2/client/api';
import { summariseRestrictions } from '../../core/dhis2/tokens';
import { layoutOf, tokenLength, verifyToken } from '../../core/token';
import { expiryText } from './expiryText';

/**
 * For the key input box, checked as the user pastes: the prefix, length and checksum, so a key
 * that was cut short never reaches the server. Never repeats the key back, not even masked.
 */
export function importKeyProblem(input: string): string | undefined {
	const text = input.trim();
	if (text === '') return 'Paste the key of a DHIS2 personal access token (it starts with d2p_ or d2pat_).';
	const layout = layoutOf(text);
	if (!layout) return 'This is not a DHIS2 personal access token: keys start with d2p_ (DHIS2 2.41+) or d2pat_ (2.37–2.40).';
	const expected = tokenLength(layout);
	if (text.length !== expected) return `A ${layout.prefix} key has ${expected} characters; this has ${text.length}. Copy the whole key.`;
	if (!verifyToken(text)) return 'The checksum does not match: the key is mistyped or was changed. Copy it again.';
	return undefined;
}

export interface CandidateItem {
	readonly label: string;
	readonly description?: string;
	readonly detail?: string;
	readonly candidate?: ApiTokenInfo;
}

export const UNKNOWN_CANDIDATE_LABEL = 'I don\'t know which one it is';

/** The quick pick of the owner's tokens a pasted key may be, ending with "I don't know". */
export function candidateItems(candidates: readonly ApiTokenInfo[], now: number): CandidateItem[] {
	return [
		...candidates.map((candidate): CandidateItem => ({
			label: candidate.code && candidate.code !== '' ? candidate.code : candidate.id,
			description: candidate.expire === undefined ? 'no expiry known' : `expires ${expiryText(candidate.expire, now).relative}`,
			detail: `${candidate.code ? `id ${candidate.id} · ` : ''}${summariseRestrictions(candidate.restrictions)}${candidate.created ? ` · created ${candidate.created.slice(0, 10)}` : ''}`,
			candidate,
		})),
		{ label: UNKNOWN_CANDIDATE_LABEL, detail: 'The key is stored and works for requests, but cannot be revoked or rotated from VS Code.' },
	];
}
