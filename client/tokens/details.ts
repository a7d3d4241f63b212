import { formatDate } from '../../core/dhis2/tokens';
import { type ServerEntry } from '../servers/serverList';
import { expiryText } from './expiryText';
import { escapeMarkdown, inlineCode } from './markdown';
import { CONTEXT_LABEL, tokenLabel } from './tokenPresentation';
import { type TokenRow } from './tokenRows';

function list(values: readonly string[], none: string): string[] {
	return values.length === 0 ? [`- ${none}`] : values.map((value) => `- ${inlineCode(value)}`);
}

/**
 * The read-only "Show Details" document. Everything DHIS2 and the vault know about the token,
 * never its key: the masked form is the most it shows.
 */
export function tokenDetailsMarkdown(row: TokenRow, server: ServerEntry, now: number, timeZone: 'local' | 'utc' = 'local'): string {
	const expiry = row.expire === undefined ? undefined : expiryText(row.expire, now, timeZone);
	const created = row.created === undefined ? 'unknown' : typeof row.created === 'number' ? formatDate(row.created, { timeZone }) : escapeMarkdown(row.created);
	const lines = [
		`# DHIS2 token ${escapeMarkdown(tokenLabel(row))}`,
		'',
		'| | |',
		'|---|---|',
		`| Server | ${escapeMarkdown(server.label)} (${escapeMarkdown(server.url)})${server.production ? ' — **production**' : ''} |`,
		`| Token id | ${row.idKnown ? inlineCode(row.id) : 'not known (imported key not matched to a server token)'} |`,
		`| Name | ${row.name ? escapeMarkdown(row.name) : '—'} |`,
		`| Context | ${CONTEXT_LABEL[row.context]} |`,
		`| ${expiry?.expired ? 'Expired' : 'Expires'} | ${expiry ? `${expiry.date} (${expiry.relative})` : 'unknown'} |`,
		`| Created | ${created} |`,
		`| Owner | ${row.owner ? escapeMarkdown(row.owner.username ?? row.owner.id) : 'unknown'} |`,
		`| Key | ${row.stored ? `stored in VS Code SecretStorage (${inlineCode(row.masked ?? '…')})` : 'not stored in VS Code'} |`,
		`| On the server | ${{ listed: 'yes', missing: '**no** — revoked or deleted elsewhere', unknown: 'not checked (sign in to check)' }[row.presence]} |`,
		`| Used for .http requests | ${row.active ? 'yes' : 'no'} |`,
		'',
		'## Allowed HTTP methods',
		...list(row.restrictions.allowedMethods, 'any method'),
		'',
		'## Allowed IP addresses',
		...list(row.restrictions.allowedIps, 'any address'),
		'',
		'## Allowed referrers',
		...list(row.restrictions.allowedReferrers, 'any referrer'),
		'',
		'The token acts with all of its owner\'s authorities. DHIS2 cannot show a key again after creating it; '
			+ 'revoke the token if the key may have leaked.',
		'',
	];
	return lines.join('\n');
}
