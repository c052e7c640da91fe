/**
 * A stored run (ArtifactRecord) as files: every entry of `record.files` (report.json,
 * equity_curve.csv, trades.csv, feature_importance.json, and whatever else the run holds) as its
 * UTF-8 bytes, unchanged, so an exported file is byte-identical to what the run wrote.
 */
import { RefusedError } from '../errors';
import type { ArtifactRecord } from '../store/db';
import { isSafeSegment } from './paths';
import { assertNoSecrets } from './secrets';

export const REPORT_JSON = 'report.json';

const enc = new TextEncoder();

/** Every file of a run, for download one by one or in a bundle; refuses secrets and unsafe names. */
export function artifactFiles(record: ArtifactRecord): Record<string, Uint8Array> {
  assertNoSecrets(record.files, `artifacts/${record.id}/`);
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(record.files)) {
    if (!isSafeSegment(name))
      throw new RefusedError(
        'unsafe-name',
        `Run ${record.id}: the file name ${JSON.stringify(name)} cannot be exported.`,
      );
    files[name] = enc.encode(text);
  }
  return files;
}

/** Decodes a run's files back to text; throws when one is not valid UTF-8. */
export function artifactTextFiles(files: Record<string, Uint8Array>): Record<string, string> {
  const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) out[name] = dec.decode(bytes);
  return out;
}
