import assert from 'node:assert/strict';
import { DEFAULT_MAX_FILE_BYTES, decodeForScan, looksBinary, scanText } from '../../core/scan';
import { generateToken, seededRandom } from '../../core/token';

const TOKEN = generateToken({ random: seededRandom(404) });

function utf16le(text: string): Uint8Array {
	return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

function utf16be(text: string): Uint8Array {
	const le = Buffer.from(text, 'utf16le');
	return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
}

describe('file content: binary sniffing', () => {
	it('calls text without NUL bytes text', () => {
		assert.equal(looksBinary(Buffer.from(`token = "${TOKEN}"\n`)), false);
		assert.equal(looksBinary(new Uint8Array(0)), false);
		assert.equal(looksBinary(Buffer.from('naïve 😀', 'utf8')), false);
	});

	it('calls a NUL byte in the first 8000 bytes binary', () => {
		assert.equal(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00])), true);
		const late = Buffer.alloc(7999, 0x61);
		assert.equal(looksBinary(Buffer.concat([late, Buffer.from([0])])), true, 'byte 8000 is still sniffed');
	});

	it('only sniffs the first 8000 bytes, as git does', () => {
		assert.equal(looksBinary(Buffer.concat([Buffer.alloc(8000, 0x61), Buffer.from([0])])), false);
	});

	it('calls UTF-16 text with a byte-order mark text, though it is full of NUL bytes', () => {
		assert.equal(looksBinary(utf16le(`$token = "${TOKEN}"\r\n`)), false);
		assert.equal(looksBinary(utf16be(`$token = "${TOKEN}"\r\n`)), false);
	});

	it('calls binary data that merely starts like a UTF-16 byte-order mark binary', () => {
		assert.equal(looksBinary(Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x01, 0x02])), true);
	});
});

describe('file content: decoding', () => {
	it('decodes valid UTF-8 and says so', () => {
		const decoded = decodeForScan(Buffer.from(`é = "${TOKEN}"`, 'utf8'));
		assert.deepEqual(decoded, { text: `é = "${TOKEN}"`, validUtf8: true });
	});

	it('decodes invalid UTF-8 with replacement characters and still finds the token at its offset', () => {
		const bytes = Buffer.concat([Buffer.from([0xc3, 0x28, 0xff, 0x20]), Buffer.from(`"${TOKEN}"\n`)]);
		const decoded = decodeForScan(bytes);
		assert.equal(decoded.validUtf8, false);
		assert.ok(decoded.text.includes('\uFFFD'));
		const [finding] = scanText(decoded.text);
		assert.equal(finding?.token, TOKEN);
		assert.equal(finding?.start, decoded.text.indexOf('"') + 1);
	});

	it('finds a token right after a truncated multi-byte sequence', () => {
		const decoded = decodeForScan(Buffer.concat([Buffer.from([0xe2, 0x82]), Buffer.from(TOKEN)]));
		assert.equal(decoded.validUtf8, false);
		assert.deepEqual(scanText(decoded.text).map((f) => f.token), [TOKEN]);
	});

	it('decodes UTF-16LE and UTF-16BE by their byte-order mark, so a PowerShell redirect is scanned', () => {
		for (const bytes of [utf16le(`$env:T = "${TOKEN}"\r\n`), utf16be(`$env:T = "${TOKEN}"\r\n`)]) {
			const decoded = decodeForScan(bytes);
			assert.deepEqual(decoded, { text: `$env:T = "${TOKEN}"\r\n`, validUtf8: true });
			assert.deepEqual(scanText(decoded.text).map((f) => [f.start, f.token]), [[10, TOKEN]]);
		}
	});

	it('drops a UTF-8 byte-order mark, as editors do, so offsets match the editor text', () => {
		const decoded = decodeForScan(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TOKEN)]));
		assert.equal(decoded.text, TOKEN);
	});

	it('has a default size limit of 10 MiB', () => {
		assert.equal(DEFAULT_MAX_FILE_BYTES, 10 * 1024 * 1024);
	});
});
