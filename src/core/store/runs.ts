/**
 * A run and the models it produced, saved together: one transaction over artifacts and models,
 * so either all of it is stored or none (a full disk fails with StorageFullError and leaves what
 * was there). Ids that exist already are refused, never overwritten.
 */
import { StorageError } from '../errors';
import type { ArtifactRecord, CandleLabDb } from './db';
import { saveModel } from './models';
import { guardStorage } from './quota';

export type NewModel = Parameters<typeof saveModel>[1];

/** A run id not taken yet: `id`, else `id_2`, `id_3`, ... */
export async function freeRunId(db: CandleLabDb, id: string): Promise<string> {
  const taken = new Set((await db.artifacts.toCollection().primaryKeys()) as string[]);
  if (!taken.has(id)) return id;
  for (let i = 2; ; i++) if (!taken.has(`${id}_${i}`)) return `${id}_${i}`;
}

export async function saveRun(db: CandleLabDb, run: ArtifactRecord, models: NewModel[] = []): Promise<void> {
  await guardStorage(`saving run ${run.id}`, () =>
    db.transaction('rw', db.artifacts, db.models, async () => {
      if (await db.artifacts.get(run.id))
        throw new StorageError('exists', `A run with id ${run.id} exists already.`);
      await db.artifacts.add(run);
      for (const m of models) await saveModel(db, m);
    }),
  );
}
