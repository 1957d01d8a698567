// Writes icon.png (128x128 RGBA): a rounded tile with three Gantt bars. Run: node images/make-icon.mjs
// Plain zlib + hand-written PNG chunks, so the icon needs no image library.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 128;
const px = new Uint8Array(SIZE * SIZE * 4);

function blend(x, y, [r, g, b], alpha) {
  if (x < 0 || y < 0 || x >= SIZE || y >= SIZE || alpha <= 0) return;
  const i = (y * SIZE + x) * 4;
  const a = Math.min(1, alpha);
  const dstA = px[i + 3] / 255;
  const outA = a + dstA * (1 - a);
  for (const [k, c] of [[0, r], [1, g], [2, b]]) px[i + k] = Math.round((c * a + px[i + k] * dstA * (1 - a)) / (outA || 1));
  px[i + 3] = Math.round(outA * 255);
}

/** Anti-aliased rounded rectangle (coverage from the distance to the rounded outline). */
function roundRect(x0, y0, x1, y1, radius, colour) {
  for (let y = Math.floor(y0) - 1; y <= Math.ceil(y1); y++) {
    for (let x = Math.floor(x0) - 1; x <= Math.ceil(x1); x++) {
      const cx = Math.min(Math.max(x + 0.5, x0 + radius), x1 - radius);
      const cy = Math.min(Math.max(y + 0.5, y0 + radius), y1 - radius);
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - radius;
      blend(x, y, colour, 0.5 - d);
    }
  }
}

roundRect(4, 4, 124, 124, 22, [31, 58, 95]);
// Day grid.
for (const gx of [36, 60, 84, 108]) roundRect(gx, 22, gx + 1.5, 106, 0.5, [74, 104, 140]);
roundRect(20, 28, 70, 46, 5, [55, 148, 255]);
roundRect(46, 55, 98, 73, 5, [137, 209, 133]);
roundRect(78, 82, 110, 100, 5, [241, 196, 15]);
// Milestone diamond at the end of the last bar.
for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) {
  const d = Math.abs(x + 0.5 - 30) + Math.abs(y + 0.5 - 91) - 9;
  blend(x, y, [241, 76, 76], 0.5 - d);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  Buffer.from(px.buffer, y * SIZE * 4, SIZE * 4).copy(raw, y * (SIZE * 4 + 1) + 1);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
fs.writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
