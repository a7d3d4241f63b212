import { randomInt } from 'node:crypto';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHANUMERICS = `0123456789${LETTERS}`;

/** A DHIS2 UID (`CodeGenerator`): one letter then ten alphanumerics. */
export function generateUid(): string {
	let uid = LETTERS[randomInt(LETTERS.length)] ?? 'a';
	while (uid.length < 11) uid += ALPHANUMERICS[randomInt(ALPHANUMERICS.length)] ?? '0';
	return uid;
}
