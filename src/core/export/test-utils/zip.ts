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
