// Draws the app icons (three candles on a teal tile) as PNGs with Node's zlib only.
// Run once: node scripts/make-icons.mjs. The PNGs are committed (a few KB each).
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function png(size, draw) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = draw(x / size, y / size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const TEAL = [15, 118, 110, 255];
const GREEN = [134, 239, 172, 255];
const RED = [252, 165, 165, 255];
const CLEAR = [0, 0, 0, 0];
// candles in a unit box: [x centre, body top, body bottom, wick top, wick bottom, colour]
const candles = [
  [0.28, 0.45, 0.7, 0.35, 0.8, RED],
  [0.5, 0.3, 0.6, 0.2, 0.7, GREEN],
  [0.72, 0.22, 0.48, 0.14, 0.58, GREEN],
];

function scene(inset, rounded) {
  return (u, v) => {
    // rounded tile
    if (rounded) {
      const r = 0.2;
      const cx = Math.min(Math.max(u, r), 1 - r);
      const cy = Math.min(Math.max(v, r), 1 - r);
      if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return CLEAR;
    }
    const x = (u - inset) / (1 - 2 * inset);
    const y = (v - inset) / (1 - 2 * inset);
    for (const [c, bt, bb, wt, wb, col] of candles) {
      if (Math.abs(x - c) < 0.07 && y >= bt && y <= bb) return col;
      if (Math.abs(x - c) < 0.015 && y >= wt && y <= wb) return col;
    }
    return TEAL;
  };
}

writeFileSync('public/icons/icon-192.png', png(192, scene(0.06, true)));
writeFileSync('public/icons/icon-512.png', png(512, scene(0.06, true)));
writeFileSync('public/icons/icon-maskable-512.png', png(512, scene(0.16, false)));
console.log('icons written to public/icons');
