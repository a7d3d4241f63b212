import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FileScanResult, scanBytes, scanFile, scanListedFile } from '../../core/scan';
import { fixtureToken, removeTree, tempDir, writeTree } from './support';

// Files larger than the read buffer (256 KB) stream through it in chunks; the result must be what
// scanBytes says about the whole content, wherever a multi-byte character, an invalid byte or a token
// falls relative to the chunk boundaries (the first at 256 KiB, the second 2 or 3 bytes before 512 KiB).
const CHUNK = 256 * 1024;
const BOUNDARIES = [CHUNK, 2 * CHUNK - 2, 2 * CHUNK - 3];
// Long enough to reach past the second boundary.
const LENGTH = 2 * CHUNK + 64;

/** `length` bytes of ASCII filler with `insert` written at `offset`. */
function withBytesAt(length: number, offset: number, insert: Uint8Array): Buffer {
	const bytes = Buffer.alloc(length, 'abc def\n');
	Buffer.from(insert).copy(bytes, offset);
	return bytes;
}

describe('core/scan chunked reading of large files', () => {
	const token = fixtureToken('v2', 'padded', 73);
	const samples: Record<string, Buffer> = {};
	const shifts = [-4, -3, -2, -1, 0, 1];
	for (const boundary of BOUNDARIES) {
		for (const shift of shifts) {
			const at = boundary + shift;
			samples[`euro-${at}.txt`] = withBytesAt(LENGTH, at, Buffer.from('€'));
			samples[`emoji-${at}.txt`] = withBytesAt(LENGTH, at, Buffer.from('😀'));
			samples[`e-acute-${at}.txt`] = withBytesAt(LENGTH, at, Buffer.from('é'));
			samples[`cut-euro-${at}.txt`] = withBytesAt(LENGTH, at, Buffer.from('€').subarray(0, 2));
			samples[`stray-continuation-${at}.txt`] = withBytesAt(LENGTH, at, Buffer.from([0x80]));
			samples[`token-${at}.txt`] = withBytesAt(LENGTH, at, Buffer.from(` ${token} `));
		}
	}
	samples['clean.txt'] = withBytesAt(3 * CHUNK + 17, 0, Buffer.from('start'));
	samples['ends-mid-character.txt'] = Buffer.concat([withBytesAt(CHUNK + 10, 0, Buffer.from('x')), Buffer.from('😀').subarray(0, 3)]);
	samples['nul-after-sniff.txt'] = withBytesAt(2 * CHUNK, 9000, Buffer.from([0]));
	samples['binary.bin'] = withBytesAt(2 * CHUNK, 100, Buffer.from([0]));
	samples['utf16.txt'] = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${'x'.repeat(CHUNK)} ${token}\n`, 'utf16le')]);
	samples['exactly-one-chunk.txt'] = withBytesAt(CHUNK, CHUNK - 1, Buffer.from([0xc3]));

	let dir: string;
	before(() => {
		dir = tempDir('chunks');
		writeTree(dir, samples);
	});
	after(() => removeTree(dir));

	it('agrees with scanBytes on the whole content, for listed and named files', () => {
		for (const name of Object.keys(samples)) {
			const path = join(dir, name);
			const whole = scanBytes(readFileSync(path));
			assert.deepEqual(scanListedFile(path), whole, `scanListedFile ${name}`);
			assert.deepEqual(scanFile(path), whole, `scanFile ${name}`);
		}
	});

	it('sees what the samples are made to show', () => {
		const at = (name: string): FileScanResult => scanListedFile(join(dir, name));
		const validity = (name: string): boolean | undefined => {
			const result = at(name);
			return result.status === 'scanned' ? result.validUtf8 : undefined;
		};
		for (const boundary of BOUNDARIES) {
			for (const shift of shifts) {
				const offset = boundary + shift;
				assert.equal(validity(`emoji-${offset}.txt`), true, `emoji at ${offset}`);
				assert.equal(validity(`cut-euro-${offset}.txt`), false, `cut € at ${offset}`);
				assert.equal(validity(`stray-continuation-${offset}.txt`), false, `stray byte at ${offset}`);
				const found = at(`token-${offset}.txt`);
				assert.equal(found.status === 'scanned' && found.findings[0]?.start, offset + 1, `token at ${offset}`);
			}
		}
		assert.equal(validity('ends-mid-character.txt'), false);
		assert.equal(validity('nul-after-sniff.txt'), true);
		assert.equal(at('binary.bin').status, 'skipped');
		const utf16 = at('utf16.txt');
		assert.equal(utf16.status === 'scanned' && utf16.findings[0]?.token, token);
		const clean = at('clean.txt');
		assert.equal(clean.status === 'scanned' && clean.bytes, 3 * CHUNK + 17);
	});
});
