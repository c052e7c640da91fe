/**
 * The zip reader bounds its work before inflating: a zip whose headers lie about sizes is
 * refused quickly with a clear message (its deflate stream is built here by hand: one literal
 * then length-258 / distance-1 copies, about 2 GB of output from 13 MB), as are entry counts,
 * declared totals and overlapping entries over the limits; honest zips read back unchanged.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bombStream, cpuMs, zipWith } from './test-utils/zip';
import { readZip, type ZipLimits } from './unzip';

const MiB = 1024 * 1024;
const LIMITS: ZipLimits = {
  maxBundleBytes: 512 * MiB,
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 512 * MiB,
  maxEntries: 100,
};
const enc = new TextEncoder();
const NAME = 'models/m/weights.bin';

describe('reading a bundle zip', () => {
  it('refuses, in well under a second, a zip whose header understates what it inflates to', async () => {
    const stream = bombStream(8_000_000); // ~2.06 GB of zeros from ~13 MB
    expect(stream.length).toBeLessThan(14 * MiB);
    const zip = zipWith(stream, 1000);
    const { value: r, ms } = await cpuMs(() => readZip(zip, LIMITS));
    expect(r.files).toEqual({});
    expect(r.problems).toEqual([
      '"models/m/weights.bin" does not inflate to its declared 1000 bytes (the zip header lies)',
    ]);
    expect(ms).toBeLessThan(1000);
  });

  it('reads an honest hand-built stream of the same kind', () => {
    const r = readZip(zipWith(bombStream(4), 1 + 4 * 258), LIMITS);
    expect(r.problems).toEqual([]);
    expect(r.files[NAME]).toEqual(new Uint8Array(1 + 4 * 258));
  });

  it('refuses a header that overstates the size (the stream ends early)', () => {
    const r = readZip(zipWith(bombStream(4), 5000), LIMITS);
    expect(r.problems).toEqual([
      '"models/m/weights.bin" does not inflate to its declared 5000 bytes (the zip header lies)',
    ]);
  });

  it('checks counts, declared sizes and totals from the central directory before inflating', () => {
    const files = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`models/m/f${i}.bin`, new Uint8Array(4 * MiB)]),
    );
    const zip = zipSync(files, { level: 1 });
    const t0 = performance.now();
    expect(readZip(zip, { ...LIMITS, maxEntries: 4 }).problems).toEqual([
      'not a readable zip file: it declares 5 entries, more than the limit of 4',
    ]);
    expect(readZip(zip, { ...LIMITS, maxTotalBytes: 10 * MiB }).problems).toEqual([
      'not a readable zip file: the bundle unpacks to more than 10485760 bytes (limit); stopped at "models/m/f2.bin"',
    ]);
    expect(readZip(zip, { ...LIMITS, maxEntryBytes: 1 * MiB }).problems[0]).toBe(
      '"models/m/f0.bin" unpacks to 4194304 bytes, over the per-file limit of 1048576',
    );
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('refuses entries that share their data (overlapping entries)', () => {
    const one = zipWith(bombStream(4), 1 + 4 * 258);
    // a second central-directory entry pointing at the same local header and data
    const v = new DataView(one.buffer);
    const cdStart = v.getUint32(one.length - 6, true);
    const cdLen = v.getUint32(one.length - 10, true);
    const entry = one.slice(cdStart, cdStart + cdLen);
    const zip = new Uint8Array(one.length + cdLen);
    zip.set(one.subarray(0, cdStart + cdLen));
    zip.set(entry, cdStart + cdLen);
    zip.set(one.subarray(cdStart + cdLen), cdStart + 2 * cdLen);
    const zv = new DataView(zip.buffer);
    zv.setUint16(zip.length - 14, 2, true);
    zv.setUint16(zip.length - 12, 2, true);
    zv.setUint32(zip.length - 10, 2 * cdLen, true);
    // the copy must have another name to get past the duplicate check: rename in place
    zip[cdStart + cdLen + 46 + NAME.length - 5] = 'X'.charCodeAt(0);
    expect(readZip(zip, LIMITS).problems.join('\n')).toMatch(
      /shares its data with|local header names another file/,
    );
  });

  it('reads what fflate writes, byte for byte', () => {
    const files = {
      'manifest.json': enc.encode('{"a":1}'),
      [NAME]: new Uint8Array(100_000).map((_, i) => i % 7),
    };
    const r = readZip(zipSync(files, { level: 1 }), LIMITS);
    expect(r.problems).toEqual([]);
    expect(r.files).toEqual(files);
  });
});
