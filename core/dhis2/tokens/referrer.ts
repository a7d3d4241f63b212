import { ipAddressProblem } from './ipAddress';

/**
 * The referrer check DHIS2 applies to `RefererAllowedList` on create: Apache commons-validator's
 * `UrlValidator` with default options (schemes http, https, ftp; a real domain or an IP address;
 * no `localhost`). DHIS2 also requires the top-level domain to be one IANA knows; we only check
 * its shape, so a made-up TLD passes here and is then rejected by the server (409 E1004).
 */
const URL_PARTS = /^([^:/?#]+):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;
const SCHEMES = new Set(['http', 'https', 'ftp']);
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;
const PATH = /^(?:\/[-\w:@&?=+,.!/~*'%$;()]*)?$/;

export function referrerProblem(value: string): string | undefined {
	if (/\s/.test(value)) return 'a URL cannot contain spaces';
	const parts = URL_PARTS.exec(value);
	if (!parts) return 'not a URL: write it in full, e.g. https://apps.example.org/';
	const [, scheme = '', authority = '', path = ''] = parts;
	if (!SCHEMES.has(scheme.toLowerCase())) return `the scheme must be http, https or ftp, not ${scheme}`;
	const host = hostProblem(authority);
	if (host !== undefined) return host;
	if (!PATH.test(path) || path.includes('//')) return 'the path contains characters DHIS2 does not accept';
	if (path.split('/').includes('..')) return 'the path cannot contain ".." segments';
	return undefined;
}

function hostProblem(authority: string): string | undefined {
	const match = /^(?:[^@]*@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
	if (!match) return 'the host part is not valid';
	const [, host = '', port] = match;
	if (port !== undefined && (port === '' || port.length > 5 || Number(port) > 65535)) return 'the port must be 1–65535';
	if (host === '') return 'the URL has no host name';
	if (host.startsWith('[')) {
		return ipAddressProblem(host.slice(1, -1)) === undefined ? undefined : 'the IPv6 address in brackets is not valid';
	}
	if (/^[0-9.]+$/.test(host)) return ipAddressProblem(host) === undefined ? undefined : 'the IP address is not valid';
	if (host.toLowerCase() === 'localhost') return 'DHIS2 does not accept localhost referrers';
	const labels = host.replace(/\.$/, '').split('.');
	if (labels.length < 2) return 'use a full domain name such as apps.example.org';
	if (!labels.every((label) => LABEL.test(label))) return 'the domain name is not valid';
	if (!TOP_LEVEL.test(labels[labels.length - 1] ?? '')) return 'the top-level domain is not valid';
	return undefined;
}

/**
 * A valid referrer that will probably never match: DHIS2 compares the whole `Referer` header
 * exactly, and browsers send at least the origin followed by `/`.
 */
export function referrerHint(value: string): string | undefined {
	const parts = URL_PARTS.exec(value);
	if (parts && (parts[3] ?? '') === '' && parts[4] === undefined) {
		return `browsers send "${value.toLowerCase()}/" (with a trailing slash); DHIS2 compares the whole URL exactly`;
	}
	return undefined;
}

/** DHIS2 lower-cases the request's Referer header but not the stored list, so store lower-case. */
export function normaliseReferrer(value: string): string {
	return value.toLowerCase();
}
