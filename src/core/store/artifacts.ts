/**
 * Backtest (and optimizer) runs in IndexedDB (the seed's `artifacts.list`): save one run with its
 * files (report.json, equity_curve.csv, trades.csv, feature_importance.json), list them newest
 * first without their file contents, get one, delete. Writes go through `guardStorage`, so a full
 * disk fails with a clear message and nothing half-written.
 */
import { StorageError } from '../errors';
import type { ArtifactRecord, CandleLabDb } from './db';
import { guardStorage } from './quota';

export interface ArtifactListItem {
  id: string;
  kind: ArtifactRecord['kind'];
  createdAt: number;
  modelId?: string;
  summary: Record<string, unknown>;
  /** file names and their sizes in UTF-8 bytes */
  files: { name: string; bytes: number }[];
}

const utf8Bytes = (s: string) => new TextEncoder().encode(s).byteLength;

/** Adds a run; refuses an id that exists already (runs are never overwritten silently). */
export async function saveArtifact(db: CandleLabDb, rec: ArtifactRecord): Promise<ArtifactRecord> {
  await guardStorage(`saving run ${rec.id}`, () =>
    db.transaction('rw', db.artifacts, async () => {
      if (await db.artifacts.get(rec.id))
        throw new StorageError('exists', `A run with id ${rec.id} exists already.`);
      await db.artifacts.add(rec);
    }),
  );
  return rec;
}

export async function listArtifacts(db: CandleLabDb): Promise<ArtifactListItem[]> {
  const all = await db.artifacts.orderBy('createdAt').reverse().toArray();
  return all.map((r) => ({
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt,
    modelId: r.modelId,
    summary: r.summary,
    files: Object.entries(r.files).map(([name, text]) => ({ name, bytes: utf8Bytes(text) })),
  }));
}

export async function getArtifact(db: CandleLabDb, id: string): Promise<ArtifactRecord> {
  const rec = await db.artifacts.get(id);
  if (!rec)
    throw new StorageError('not-found', `No run with id ${id}: it may have been deleted. Refresh the list.`);
  return rec;
}

export async function deleteArtifact(db: CandleLabDb, id: string): Promise<void> {
  await db.artifacts.delete(id);
}
