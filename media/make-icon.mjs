// Draws media/icon.png (128×128): a DHIS2-blue shield holding a white key, on a white rounded tile.
// Run `node media/make-icon.mjs` after changing it; the PNG is committed, this script is not packaged.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { stdout } from 'node:process';
import { URL } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis: 16 samples a pixel smooth the edges
const BLUE = [0x2c, 0x66, 0x93];
const WHITE = [0xff, 0xff, 0xff];

function quadratic(from, control, to, steps = 24) {
  const points = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    points.push([u * u * from[0] + 2 * u * t * control[0] + t * t * to[0], u * u * from[1] + 2 * u * t * control[1] + t * t * to[1]]);
  }
  return points;
}

// Shield: rounded top corners, straight sides, sides curving into a point at the bottom.
const shield = [
  [30, 16], [98, 16],
  ...quadratic([98, 16], [108, 16], [108, 26]),
  [108, 58],
  ...quadratic([108, 58], [106, 96], [64, 116]),
  ...quadratic([64, 116], [22, 96], [20, 58]),
  [20, 26],
  ...quadratic([20, 26], [20, 16], [30, 16]),
];

function insidePolygon(polygon, x, y) {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const inRect = (x, y, left, top, right, bottom) => x >= left && x <= right && y >= top && y <= bottom;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

function inRoundedTile(x, y) {
  const r = 22;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

// Key, pointing down: a ring for the bow, a shaft, two teeth on the right.
function inKey(x, y) {
  const bow = inCircle(x, y, 64, 48, 16) && !inCircle(x, y, 64, 48, 6.5);
  const shaft = inRect(x, y, 59.5, 60, 68.5, 100);
  const teeth = inRect(x, y, 68, 80, 80, 86) || inRect(x, y, 68, 91, 77, 97);
  return bow || shaft || teeth;
}

function colourAt(x, y) {
  if (!inRoundedTile(x, y)) return undefined;
  if (insidePolygon(shield, x, y) && !inKey(x, y)) return BLUE;
  return WHITE;
}

const raw = Buffer.alloc(SIZE * (1 + SIZE * 4));
for (let py = 0; py < SIZE; py++) {
  const row = py * (1 + SIZE * 4);
  raw[row] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, covered = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!colour) continue;
        r += colour[0]; g += colour[1]; b += colour[2]; covered += 1;
      }
    }
    const at = row + 1 + px * 4;
    if (covered > 0) {
      raw[at] = Math.round(r / covered);
      raw[at + 1] = Math.round(g / covered);
      raw[at + 2] = Math.round(b / covered);
    }
    raw[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
stdout.write(`media/icon.png: ${png.length} bytes\n`);
