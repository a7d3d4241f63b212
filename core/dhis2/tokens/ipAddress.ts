/**
 * The IP check DHIS2 applies to `IpAllowedList` on create: Apache commons-validator's
 * `InetAddressValidator` (IPv4 dotted quad or IPv6 text). Returns a reason for the user, or
 * `undefined` when DHIS2 would accept the value.
 *
 * Two deliberate differences, both stricter and both about values that could never match a request
 * (DHIS2 compares the request address as an exact string): an IPv6 `/prefix` is rejected like an
 * IPv4 CIDR, and a hex group with a `+` sign (accepted by Java's `parseInt`) is rejected.
 */
export function ipAddressProblem(value: string): string | undefined {
	if (value.includes('/')) return 'ranges (CIDR) are not supported: list each address on its own line';
	if (/^\[.*\]$/.test(value)) return 'write an IPv6 address without the square brackets';
	if (value.includes(':')) return isIpv6(value) ? undefined : 'not a valid IPv6 address';
	if (/^[0-9.]+$/.test(value)) return ipv4Problem(value);
	if (/^[a-z0-9.-]+$/i.test(value) && /[a-z]/i.test(value)) {
		return 'host names are not allowed: DHIS2 compares the caller\'s IP address';
	}
	return 'not an IPv4 or IPv6 address';
}

export function isValidIpAddress(value: string): boolean {
	return ipAddressProblem(value) === undefined;
}

function ipv4Problem(value: string): string | undefined {
	const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
	if (!parts) return 'an IPv4 address has four numbers separated by dots';
	for (const part of parts.slice(1)) {
		if (Number(part) > 255) return `${part} is out of range: each part of an IPv4 address is 0–255`;
		if (part.length > 1 && part.startsWith('0')) return `${part} has a leading zero, which DHIS2 rejects`;
	}
	return undefined;
}

function isIpv4(value: string): boolean {
	return ipv4Problem(value) === undefined;
}

const MAX_GROUPS = 8;

/** InetAddressValidator.isValidInet6Address, including its zone id (`%eth0`) and embedded IPv4 tail. */
function isIpv6(input: string): boolean {
	const zoneParts = input.split('%');
	if (zoneParts.length > 2) return false;
	const zone = zoneParts[1];
	if (zone !== undefined && !/^[^\s/%]+$/.test(zone)) return false;
	const address = zoneParts[0] ?? '';
	const compressed = address.includes('::');
	if (compressed && address.indexOf('::') !== address.lastIndexOf('::')) return false;
	if ((address.startsWith(':') && !address.startsWith('::')) || (address.endsWith(':') && !address.endsWith('::'))) {
		return false;
	}
	const groups = address.split(':');
	// Java's String.split drops trailing empty strings; replay its bookkeeping so counts agree.
	while (groups.length > 0 && groups[groups.length - 1] === '') groups.pop();
	if (compressed) {
		if (address.endsWith('::')) groups.push('');
		else if (address.startsWith('::') && groups.length > 0) groups.shift();
	}
	if (groups.length > MAX_GROUPS) return false;
	let valid = 0;
	let emptyRun = 0;
	for (const [index, group] of groups.entries()) {
		if (group === '') {
			emptyRun += 1;
			if (emptyRun > 1) return false;
		} else {
			emptyRun = 0;
			if (index === groups.length - 1 && group.includes('.')) {
				if (!isIpv4(group)) return false;
				valid += 2;
				continue;
			}
			if (!/^[0-9a-f]{1,4}$/i.test(group)) return false;
		}
		valid += 1;
	}
	return valid <= MAX_GROUPS && (valid === MAX_GROUPS || compressed);
}
