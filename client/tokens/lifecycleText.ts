import { type ServerEntry } from '../servers/serverList';
import { expiryText } from './expiryText';
import { tokenLabel } from './tokenPresentation';
import { type TokenRow } from './tokenRows';

export interface Confirmation {
	readonly message: string;
	readonly detail: string;
	readonly confirm: string;
}

function serverLine(server: ServerEntry): string {
	return `Server: "${server.label}" (${server.url})${server.production ? ' — PRODUCTION' : ''}`;
}

function tokenLines(row: TokenRow, now: number): string[] {
	const lines = [`Token: ${tokenLabel(row)}${row.idKnown && row.name ? ` (id ${row.id})` : ''}${row.masked ? `, key ${row.masked}` : ''}`];
	if (row.expire !== undefined) {
		const expiry = expiryText(row.expire, now);
		lines.push(expiry.expired ? `Expired ${expiry.date}` : `Expires ${expiry.date} (${expiry.relative})`);
	}
	return lines;
}

/** The modal before a revoke: names server and token, and says what stops working. */
export function revokeConfirmation(row: TokenRow, server: ServerEntry, version: { deleteEvictsAuthCache?: boolean }, now: number): Confirmation {
	const cache = version.deleteEvictsAuthCache === false
		? 'This DHIS2 version (2.37–2.40) may keep accepting the key for up to an hour after it is revoked.'
		: 'Anything using the key stops working at once.';
	return {
		message: `Revoke ${tokenLabel(row)} on "${server.label}"?`,
		detail: [
			serverLine(server),
			...tokenLines(row, now),
			'',
			`Revoking deletes the token on the server; this cannot be undone. ${cache}`,
			...(row.stored ? ['Its key is also removed from VS Code.'] : []),
		].join('\n'),
		confirm: 'Revoke',
	};
}

/** Only production servers ask before a rotation: elsewhere rotating is the safe thing to do. */
export function rotateConfirmation(row: TokenRow, server: ServerEntry, now: number): Confirmation | undefined {
	if (!server.production) return undefined;
	return {
		message: `Rotate ${tokenLabel(row)} on the production server "${server.label}"?`,
		detail: [
			serverLine(server),
			...tokenLines(row, now),
			'',
			'A new token with the same context, restrictions and lifetime is created and stored, then the old one is revoked. '
				+ 'Integrations that use the old key stop working until they get the new one.',
		].join('\n'),
		confirm: 'Rotate',
	};
}

/** The modal before creating a token on a production server. */
export function generateConfirmation(server: ServerEntry): Confirmation | undefined {
	if (!server.production) return undefined;
	return {
		message: `Create a token on the production server "${server.label}"?`,
		detail: `${serverLine(server)}\n\nThe token can do everything your user can do on this server. Consider a dedicated user with only the roles the token needs.`,
		confirm: 'Create Token',
	};
}
