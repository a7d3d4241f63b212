import { findTemplates } from './templates';

/**
 * The URL with every `{{…}}` replaced by same-length filler, so its shape can be checked before any value is known.
 * A template right after the `:` of the authority stands for a port and becomes digits; anything else becomes letters.
 */
export function blankTemplates(url: string): { text: string; blanked: boolean[] } {
	const blanked = new Array<boolean>(url.length).fill(false);
	let text = url;
	for (const ref of findTemplates(url)) {
		const authorityStart = url.indexOf('://');
		const inAuthority = authorityStart < 0 ? !url.slice(0, ref.start).includes('/') : !url.slice(authorityStart + 3, ref.start).includes('/');
		const filler = inAuthority && url[ref.start - 1] === ':' && ref.start - 1 !== authorityStart ? '0' : 'a';
		text = text.slice(0, ref.start) + filler.repeat(ref.end - ref.start) + text.slice(ref.end);
		blanked.fill(true, ref.start, ref.end);
	}
	return { text, blanked };
}

export type UrlForm = 'absolute' | 'schemeless' | 'origin';

/** `origin` is a path such as `/api/me` (needs a Host header); `schemeless` is `host/path`, sent as http. */
export function urlForm(url: string): UrlForm {
	if (url.startsWith('/')) return 'origin';
	return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url) ? 'absolute' : 'schemeless';
}

/** Why a URL (with values substituted, or templates blanked) cannot be sent; `undefined` when it can. */
export function urlShapeProblem(url: string, schemeIsTemplate = false): string | undefined {
	if (url === '') return 'The request line has no URL';
	const space = /\s/.exec(url);
	if (space) return 'A URL cannot contain spaces: encode them as %20';
	const form = urlForm(url);
	let candidate = url;
	if (form === 'origin') candidate = `http://host${url}`;
	else if (form === 'schemeless') candidate = `http://${url}`;
	else if (schemeIsTemplate) candidate = url.replace(/^[^:]*/, 'http');
	else {
		const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
		if (scheme !== 'http' && scheme !== 'https') return `Only http:// and https:// URLs can be sent, not ${scheme}://`;
	}
	let parsed: URL;
	try {
		parsed = new URL(candidate);
	} catch {
		return explainInvalid(candidate);
	}
	if (parsed.hostname === '') return 'The URL has no host';
	if (parsed.username !== '' || parsed.password !== '') return 'Put credentials in an Authorization header, not in the URL';
	return undefined;
}

function explainInvalid(candidate: string): string {
	const authority = /^[^:]+:\/\/([^/?#]*)/.exec(candidate)?.[1] ?? '';
	const port = /:([^:\]]*)$/.exec(authority)?.[1];
	if (port !== undefined && !/^\d{0,5}$/.test(port)) return `Invalid URL: the port \`${port}\` is not a number`;
	if (port !== undefined && Number(port) > 65535) return `Invalid URL: the port ${port} is above 65535`;
	if (authority === '') return 'The URL has no host';
	return 'Invalid URL';
}

/** Problem with a URL as written (templates stand in for unknown values). */
export function writtenUrlProblem(url: string): string | undefined {
	const { text, blanked } = blankTemplates(url);
	const schemeEnd = text.indexOf('://');
	const schemeIsTemplate = schemeEnd > 0 && blanked.slice(0, schemeEnd).some(Boolean);
	return urlShapeProblem(text, schemeIsTemplate);
}
