/**
 * Export: models and runs as one zip bundle (models/<id>/..., artifacts/<id>/..., manifest.json).
 * fflate's zipSync: bundles are a few to tens of MB and this runs in a worker, so the sync API
 * is simplest and fast enough (see the benchmark); fflate's async zip would spawn workers of
 * its own from inside our worker for little gain on 2-4 cores. Deflate level 1: on ten runs'
 * CSVs (28 MB) it gives 8.53 MB in a third of level 6's time (8.38 MB), and weights barely
 * compress at any level. Entries carry the export time as their
 * mtime, so the same records exported at the same `now` give the same bytes.
 */
import { InputError, RefusedError, StorageError } from '../errors';
import { zipSync, type Zippable } from 'fflate';
import type { ArtifactRecord, CandleLabDb, ModelRecord } from '../store/db';
import { artifactFiles } from './artifact-files';
import { sha256Hex } from './hash';
import {
  buildManifest,
  manifestArtifact,
  manifestModel,
  type BundleManifest,
  type ManifestEntry,
} from './manifest';
import { modelFiles } from './model-files';
import { isSafeSegment, MANIFEST_PATH } from './paths';
import { assertNoSecrets } from './secrets';

/** deflate level (see the header comment) */
export const ZIP_LEVEL: ZipLevel = 1;

export interface ExportSelection {
  /** model ids, or 'all'; none when absent */
  models?: string[] | 'all';
  /** run ids, or 'all'; none when absent */
  artifacts?: string[] | 'all';
}

export interface ExportBundleOptions extends ExportSelection {
  appVersion: string;
  /** export time, epoch ms (default Date.now()) */
  now?: number;
  /** deflate level 0 (store) to 9; default ZIP_LEVEL */
  level?: ZipLevel;
}

export type ZipLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

async function pick<T>(
  table: { toArray(): Promise<T[]>; bulkGet(ids: string[]): Promise<(T | undefined)[]> },
  sel: string[] | 'all' | undefined,
  what: string,
): Promise<T[]> {
  if (!sel) return [];
  if (sel === 'all') return table.toArray();
  const ids = [...new Set(sel)];
  const got = await table.bulkGet(ids);
  const missing = ids.filter((_, i) => !got[i]);
  if (missing.length)
    throw new StorageError('not-found', `Cannot export: no ${what} with id ${missing.join(', ')}.`);
  return got as T[];
}

/** Reads the selection from the database and zips it. */
export async function exportBundle(db: CandleLabDb, o: ExportBundleOptions): Promise<Uint8Array> {
  const [models, artifacts] = await db.transaction('r', db.models, db.artifacts, () =>
    Promise.all([
      pick<ModelRecord>(db.models, o.models, 'model'),
      pick<ArtifactRecord>(db.artifacts, o.artifacts, 'run'),
    ]),
  );
  if (models.length + artifacts.length === 0)
    throw new InputError('selection', 'Nothing to export: choose at least one model or run.');
  return (await bundleRecords({ models, artifacts, appVersion: o.appVersion, now: o.now, level: o.level }))
    .zip;
}

/** The bundle of these records (no database): the zip bytes and its manifest. */
export async function bundleRecords(o: {
  models: ModelRecord[];
  artifacts: ArtifactRecord[];
  appVersion: string;
  now?: number;
  level?: ZipLevel;
}): Promise<{ zip: Uint8Array; manifest: BundleManifest }> {
  const now = o.now ?? Date.now();
  const files: Record<string, Uint8Array> = {};
  const add = (folder: string, id: string, item: Record<string, Uint8Array>): string[] => {
    if (!isSafeSegment(id))
      throw new RefusedError(
        'unsafe-name',
        `Cannot export ${JSON.stringify(id)}: the id has characters a bundle does not allow.`,
      );
    for (const [name, bytes] of Object.entries(item)) files[`${folder}/${id}/${name}`] = bytes;
    return Object.keys(item);
  };
  const sorted = <T extends { createdAt: number; id: string }>(xs: T[]) =>
    [...xs].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const mModels = sorted(o.models).map((r) => manifestModel(r, add('models', r.id, modelFiles(r))));
  const mArtifacts = sorted(o.artifacts).map((r) =>
    manifestArtifact(r, add('artifacts', r.id, artifactFiles(r))),
  );
  const entries: ManifestEntry[] = await Promise.all(
    Object.entries(files).map(async ([path, bytes]) => ({
      path,
      size: bytes.byteLength,
      sha256: await sha256Hex(bytes),
    })),
  );
  const manifest = buildManifest({
    appVersion: o.appVersion,
    createdAt: now,
    entries,
    models: mModels,
    artifacts: mArtifacts,
  });
  const manifestText = JSON.stringify(manifest, null, 2);
  assertNoSecrets({ [MANIFEST_PATH]: manifestText });
  const manifestBytes = new TextEncoder().encode(manifestText);
  // zip timestamps must lie in 1980..2099 (DOS dates)
  const mtime = new Date(Math.min(Math.max(now, Date.UTC(1980, 0, 2)), Date.UTC(2099, 11, 30)));
  const zippable: Zippable = { [MANIFEST_PATH]: manifestBytes };
  for (const [path, bytes] of Object.entries(files)) zippable[path] = bytes;
  return { zip: zipSync(zippable, { level: o.level ?? ZIP_LEVEL, mtime }), manifest };
}
