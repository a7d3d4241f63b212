import { crc32 } from 'node:zlib';

/**
 * The two CRC32 inputs DHIS2 has used for a token's random part.
 * 2.37–2.40 checksummed the ASCII bytes; 2.41+ checksums the backing array of a Java
 * `Charset.encode` buffer, which is `floor(len × 1.1f)` long, so it carries trailing NUL bytes
 * (3 for a 32-char body, 4 for a 44-char body). See shared/spec §3.
 */
export type ChecksumVariant = 'plain' | 'padded';

export function plainCrc32(body: string): number {
	return crc32(Buffer.from(body, 'latin1')) >>> 0;
}

export function paddedCrc32(body: string): number {
	const padding = Math.floor(body.length * Math.fround(1.1)) - body.length;
	return crc32(Buffer.concat([Buffer.from(body, 'latin1'), Buffer.alloc(padding)])) >>> 0;
}

export function crc32For(body: string, variant: ChecksumVariant): number {
	return variant === 'plain' ? plainCrc32(body) : paddedCrc32(body);
}
