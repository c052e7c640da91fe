/**
 * Reading a bundle's zip with the work bounded before anything is inflated. The end record and
 * the central directory are read first: the declared entry count, every declared size and their
 * total are held against the limits, names are checked, and each entry's data must lie inside
 * the file without overlapping another's (overlapping entries are how a small zip claims a huge
 * output). Only then is each accepted entry inflated (fflate's streaming `Inflate`, fed small
 * chunks) into a buffer of its declared size, and inflation stops at the first byte past that
 * size: a header that lies about sizes costs at most one chunk's worth of work, never the whole
 * stream. Zip64, encryption and methods other than store/deflate are refused.
 */
import { Inflate } from 'fflate';
import { isDirectoryEntry, pathProblem, showName } from './paths';

export interface ZipLimits {
  maxBundleBytes: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  maxEntries: number;
}

export interface ZipRead {
  files: Record<string, Uint8Array>;
  /** entries refused (the rest are in files); a zip that cannot be read at all has one problem and no files */
  problems: string[];
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;
/** compressed bytes per Inflate.push: deflate expands at most ~1032x, so a lying entry stops within ~8 MB of work */
const CHUNK = 8 * 1024;

class ZipFormatError extends Error {}
const bad = (what: string): never => {
  throw new ZipFormatError(what);
};

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressed: number;
  size: number;
  local: number;
}

function endRecord(b: Uint8Array, v: DataView): { count: number; cdOffset: number; cdSize: number } {
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= lowest; i--) {
    if (v.getUint32(i, true) !== EOCD) continue;
    const count = v.getUint16(i + 10, true);
    const cdSize = v.getUint32(i + 12, true);
    const cdOffset = v.getUint32(i + 16, true);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
      bad('zip64 archives are not supported (a bundle is far below 4 GiB)');
    if (v.getUint16(i + 8, true) !== count) bad('multi-disk archives are not supported');
    if (cdOffset + cdSize > i) bad('the central directory lies outside the file');
    return { count, cdOffset, cdSize };
  }
  return bad('no end-of-central-directory record');
}

function centralDirectory(b: Uint8Array, v: DataView, count: number, at: number, end: number): Entry[] {
  const names = new TextDecoder();
  const entries: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > end || v.getUint32(at, true) !== CEN) bad(`central directory entry ${k} is damaged`);
    const nameLen = v.getUint16(at + 28, true);
    const next = at + 46 + nameLen + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
    if (next > end) bad(`central directory entry ${k} runs past the directory`);
    entries.push({
      name: names.decode(b.subarray(at + 46, at + 46 + nameLen)),
      flags: v.getUint16(at + 8, true),
      method: v.getUint16(at + 10, true),
      compressed: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      local: v.getUint32(at + 42, true),
    });
    at = next;
  }
  if (at !== end) bad('the central directory holds more than its declared entries');
  return entries;
}

/** Where an entry's compressed data lies, from its local header (which must agree on the name). */
function dataRange(b: Uint8Array, v: DataView, e: Entry): [number, number] {
  if (e.local + 30 > b.length || v.getUint32(e.local, true) !== LOC)
    bad(`${showName(e.name)}: no local header`);
  const nameLen = v.getUint16(e.local + 26, true);
  const start = e.local + 30 + nameLen + v.getUint16(e.local + 28, true);
  if (new TextDecoder().decode(b.subarray(e.local + 30, e.local + 30 + nameLen)) !== e.name)
    bad(`${showName(e.name)}: the local header names another file`);
  if (start + e.compressed > b.length) bad(`${showName(e.name)}: its data runs past the end of the file`);
  return [start, start + e.compressed];
}

/** Inflates into exactly `size` bytes; null when the data does not fit that size (more, or less). */
function inflateExact(data: Uint8Array, size: number): Uint8Array | null {
  const out = new Uint8Array(size);
  let n = 0;
  let over = false;
  const inf = new Inflate((chunk) => {
    if (n + chunk.length > size) {
      over = true;
      throw new RangeError('past the declared size');
    }
    out.set(chunk, n);
    n += chunk.length;
  });
  try {
    for (let i = 0; ; i += CHUNK) {
      const last = i + CHUNK >= data.length;
      inf.push(data.subarray(i, i + CHUNK), last);
      if (last) break;
    }
  } catch (e) {
    if (over) return null;
    throw e;
  }
  return n === size ? out : null;
}

/** Checks the declared layout of every entry; returns those to inflate. */
function plan(b: Uint8Array, v: DataView, entries: Entry[], limits: ZipLimits, problems: string[]) {
  const seen = new Set<string>();
  const ranges: [number, number, string][] = [];
  const accepted: { e: Entry; range: [number, number] }[] = [];
  let total = 0;
  for (const e of entries) {
    const n = showName(e.name);
    if (isDirectoryEntry(e.name) && e.size === 0) continue;
    const why =
      pathProblem(e.name) ??
      (seen.has(e.name) ? `${n} appears twice in the zip` : null) ??
      (e.flags & 1 ? `${n} is encrypted` : null) ??
      (e.method !== 0 && e.method !== 8 ? `${n}: unsupported compression method ${e.method}` : null) ??
      (e.method === 0 && e.compressed !== e.size ? `${n}: stored with two different sizes` : null) ??
      (e.size > limits.maxEntryBytes
        ? `${n} unpacks to ${e.size} bytes, over the per-file limit of ${limits.maxEntryBytes}`
        : null);
    seen.add(e.name);
    if (why) {
      problems.push(why);
      continue;
    }
    total += e.size;
    if (total > limits.maxTotalBytes)
      bad(`the bundle unpacks to more than ${limits.maxTotalBytes} bytes (limit); stopped at ${n}`);
    const range = dataRange(b, v, e);
    ranges.push([...range, e.name]);
    accepted.push({ e, range });
  }
  ranges.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < ranges.length; i++)
    if (ranges[i][0] < ranges[i - 1][1])
      bad(`${showName(ranges[i][2])} shares its data with ${showName(ranges[i - 1][2])}`);
  return accepted;
}

/** Reads the zip within the limits: every refused entry is a problem, nothing refused is inflated. */
export function readZip(bytes: Uint8Array, limits: ZipLimits): ZipRead {
  if (bytes.byteLength > limits.maxBundleBytes)
    return {
      files: {},
      problems: [`the bundle is ${bytes.byteLength} bytes, over the limit of ${limits.maxBundleBytes}`],
    };
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const problems: string[] = [];
  const files: Record<string, Uint8Array> = {};
  try {
    const { count, cdOffset, cdSize } = endRecord(bytes, v);
    if (count > limits.maxEntries)
      bad(`it declares ${count} entries, more than the limit of ${limits.maxEntries}`);
    const entries = centralDirectory(bytes, v, count, cdOffset, cdOffset + cdSize);
    for (const { e, range } of plan(bytes, v, entries, limits, problems)) {
      const data = bytes.subarray(range[0], range[1]);
      const out = e.method === 0 ? data.slice() : inflateExact(data, e.size);
      if (out) files[e.name] = out;
      else
        problems.push(
          `${showName(e.name)} does not inflate to its declared ${e.size} bytes (the zip header lies)`,
        );
    }
  } catch (e) {
    const why = e instanceof ZipFormatError ? e.message : `damaged data (${(e as Error).message})`;
    return { files: {}, problems: [...problems, `not a readable zip file: ${why}`] };
  }
  return { files, problems };
}
