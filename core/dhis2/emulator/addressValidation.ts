import { isIPv6 } from 'node:net';

/**
 * Stand-ins for the Apache commons-validator checks DHIS2 runs on token attributes at creation
 * (spec §2): `InetAddressValidator` for IPs and `UrlValidator` (default options) for referrers.
 */

/** Dotted quad, each part 0–255 without leading zeros (commons-validator ≥ 1.6). */
export function isValidIpv4(value: string): boolean {
	const parts = value.split('.');
	return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255 && (part.length === 1 || !part.startsWith('0')));
}

/** IPv4 or IPv6 text; no CIDR suffix. */
export function isValidIpAddress(value: string): boolean {
	return isValidIpv4(value) || isIPv6(value);
}

const URL_PARTS = /^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;
const SCHEMES = new Set(['http', 'https', 'ftp']);
const AUTHORITY = /^(?:([^@]*)@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/;
const USER_INFO = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2}|:)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const PATH = /^(?:\/[-\w:@&?=+,.!/~*'%$;()]*)?$/;
/**
 * commons-validator knows the IANA TLD list and, by default, rejects local names. The emulator does
 * not carry that list; it rejects the reserved and local names a developer is likely to try
 * (UNCONFIRMED against a live server, spec §9).
 */
const NON_PUBLIC_TLDS = new Set(['localhost', 'local', 'localdomain', 'test', 'invalid', 'example', 'internal', 'lan', 'home', 'corp']);

function isValidDomain(host: string): boolean {
	const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
	const tld = labels[labels.length - 1]?.toLowerCase() ?? '';
	return labels.length >= 2 && labels.every((label) => LABEL.test(label))
		&& /^[a-z]{2,63}$/.test(tld) && !NON_PUBLIC_TLDS.has(tld);
}

function isValidHost(host: string): boolean {
	if (host.startsWith('[')) return host.endsWith(']') && isIPv6(host.slice(1, -1));
	return isValidIpv4(host) || isValidDomain(host);
}

export function isValidReferrerUrl(value: string): boolean {
	const parts = URL_PARTS.exec(value);
	if (!parts) return false;
	const [, scheme, authority, path = '', query, fragment] = parts;
	if (!scheme || !/^[A-Za-z][A-Za-z0-9+\-.]*$/.test(scheme) || !SCHEMES.has(scheme.toLowerCase())) return false;
	const authorityParts = AUTHORITY.exec(authority ?? '');
	if (!authority || !authorityParts) return false;
	const [, userInfo, host = '', port] = authorityParts;
	if (userInfo !== undefined && !USER_INFO.test(userInfo)) return false;
	if (!isValidHost(host)) return false;
	if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) > 65535)) return false;
	if (!PATH.test(path) || path.includes('//') || /^\/\.\.(\/|$)/.test(path)) return false;
	if (query !== undefined && /\s/.test(query)) return false;
	return fragment === undefined || !/\s/.test(fragment);
}
