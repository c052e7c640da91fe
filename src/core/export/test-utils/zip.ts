/** Test-only: unpack a bundle, tamper with it, pack it again (optionally with a fixed-up manifest). */
import { unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import type { BundleManifest } from '../manifest';

export type Files = Record<string, Uint8Array>;

export const text = (b: Uint8Array) => new TextDecoder().decode(b);
export const bytes = (s: string) => new TextEncoder().encode(s);
export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function manifestOf(files: Files): BundleManifest {
  return JSON.parse(text(files['manifest.json'])) as BundleManifest;
}

/**
 * Re-zips after `mutate` (edits to the manifest object are written back unless `mutate` replaced or
 * removed manifest.json itself); with `rehash`, the manifest's entries are rewritten to match the
 * files (so only the tampering under test is wrong, not the hashes).
 */
export function tamper(
  zip: Uint8Array,
  mutate: (files: Files, manifest: BundleManifest) => void,
  o: { rehash?: boolean } = {},
): Uint8Array {
  const files = unzipSync(zip);
  const manifest = manifestOf(files);
  const original = files['manifest.json'];
  mutate(files, manifest);
  if (files['manifest.json'] !== original) return zipSync(files); // the manifest itself is the tampering
  if (o.rehash)
    manifest.entries = Object.entries(files)
      .filter(([p]) => p !== 'manifest.json')
      .map(([path, b]) => ({ path, size: b.byteLength, sha256: sha256(b) }));
  files['manifest.json'] = bytes(JSON.stringify(manifest));
  return zipSync(files);
}

/** A raw deflate stream (fixed Huffman) of `copies` x 258 zero bytes plus one: 13 bits per 258 bytes. */
export function bombStream(copies: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 8 + 13 * copies + 7) / 8) + 1);
  let bit = 0;
  const put = (value: number, n: number) => {
    for (let i = 0; i < n; i++, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  const code = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
  };
  put(1, 1); // BFINAL
  put(1, 2); // fixed Huffman
  code(0x30, 8); // literal 0
  for (let k = 0; k < copies; k++) {
    code(0xc5, 8); // length code 285: 258 bytes
    code(0, 5); // distance code 0: distance 1
  }
  code(0, 7); // end of block
  return out;
}

/** A one-entry zip (deflate) named `entry` whose headers declare `declared` bytes for `data`. */
export function zipWith(data: Uint8Array, declared: number, entry = 'models/m/weights.bin'): Uint8Array {
  const name = bytes(entry);
  const loc = new Uint8Array(30 + name.length);
  const lv = new DataView(loc.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, data.length, true);
  lv.setUint32(22, declared, true);
  lv.setUint16(26, name.length, true);
  loc.set(name, 30);
  const cen = new Uint8Array(46 + name.length);
  const cv = new DataView(cen.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, data.length, true);
  cv.setUint32(24, declared, true);
  cv.setUint16(28, name.length, true);
  cen.set(name, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, cen.length, true);
  ev.setUint32(16, loc.length + data.length, true);
  const zip = new Uint8Array(loc.length + data.length + cen.length + end.length);
  zip.set(loc, 0);
  zip.set(data, loc.length);
  zip.set(cen, loc.length + data.length);
  zip.set(end, loc.length + data.length + cen.length);
  return zip;
}

/**
 * Milliseconds of this process's CPU (user + system) that `fn` used, with its result: a bound
 * on work that holds on a loaded machine, where wall time would also count other processes.
 */
export async function cpuMs<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const before = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(before);
  return { value, ms: (used.user + used.system) / 1000 };
}
