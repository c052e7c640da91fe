/**
 * Models in IndexedDB (the seed's `models.list` / `models.metrics`): save a trained model
 * with its metrics.json in one transaction, list them newest first, resolve 'latest',
 * load one back as a predicting Model, delete.
 * "Newest" means stored last on this device (`savedAt`), so a training or an import moves
 * 'latest' to what was just saved; models stored together (one import) are ordered by their
 * own createdAt, then id. The index [savedAt+createdAt+id] holds exactly this order.
 */
import { StorageError } from '../errors';
import { restoreModel } from '../models/registry';
import type { Model, SerializedModel } from '../models/types';
import type { ModelMetricsJson } from '../train/metrics-json';
import type { CandleLabDb, ModelRecord } from './db';

export interface ModelListItem {
  id: string;
  kind: string;
  task: string;
  createdAt: number;
  /** when this device stored it */
  savedAt: number;
  dataset: string;
  symbols: string[];
  size: number;
  backend: string;
  parentId?: string;
  /** the headline validation metric: AUC for classifiers, IC for regressors */
  keyMetric: { name: string; value: number | null };
  /** rows of commit etc. for the table */
  commit: string | null;
}

export function recordSize(s: SerializedModel): number {
  return JSON.stringify(s.header).length + Object.values(s.payload).reduce((n, b) => n + b.byteLength, 0);
}

export async function saveModel(
  db: CandleLabDb,
  m: {
    id: string;
    serialized: SerializedModel;
    metrics: ModelMetricsJson;
    createdAt: number;
    /** when it is stored; the current time by default */
    savedAt?: number;
    dataset: string;
    symbols: string[];
    parentId?: string;
  },
): Promise<ModelRecord> {
  const rec: ModelRecord = {
    id: m.id,
    kind: m.serialized.kind,
    task: m.metrics.model.task,
    createdAt: m.createdAt,
    savedAt: m.savedAt ?? Date.now(),
    dataset: m.dataset,
    symbols: m.symbols,
    metrics: m.metrics,
    format: m.serialized.format,
    header: m.serialized.header,
    payload: m.serialized.payload,
    size: recordSize(m.serialized),
    parentId: m.parentId,
  };
  await db.transaction('rw', db.models, async () => {
    if (await db.models.get(rec.id))
      throw new StorageError('exists', `A model with id ${rec.id} exists already.`);
    await db.models.add(rec);
  });
  return rec;
}

function keyMetric(r: ModelRecord): ModelListItem['keyMetric'] {
  const v = (r.metrics.validation as { metrics?: Record<string, unknown> } | undefined)?.metrics ?? {};
  if (r.task === 'regression') return { name: 'IC', value: typeof v.ic === 'number' ? v.ic : null };
  return { name: 'AUC', value: typeof v.rocAuc === 'number' ? v.rocAuc : null };
}

/** The index the list is ordered by: newest stored last (see the file header). */
const SAVED_ORDER = '[savedAt+createdAt+id]';

export async function listModels(db: CandleLabDb): Promise<ModelListItem[]> {
  const all = await db.models.orderBy(SAVED_ORDER).reverse().toArray();
  return all.map((r) => ({
    id: r.id,
    kind: r.kind,
    task: r.task,
    createdAt: r.createdAt,
    savedAt: r.savedAt,
    dataset: r.dataset,
    symbols: r.symbols,
    size: r.size,
    backend: String(r.metrics.backend ?? ''),
    parentId: r.parentId,
    keyMetric: keyMetric(r),
    commit: ((r.metrics.dataset as { commit?: string | null } | undefined)?.commit ?? null) as string | null,
  }));
}

/** A model id, or 'latest' for the newest model. */
export async function getModelRecord(db: CandleLabDb, id: string): Promise<ModelRecord> {
  const rec = id === 'latest' ? await db.models.orderBy(SAVED_ORDER).last() : await db.models.get(id);
  if (!rec)
    throw new StorageError(
      'not-found',
      id === 'latest'
        ? 'No model trained yet: train one on the Train panel first.'
        : `No model with id ${id}.`,
    );
  return rec;
}

export function serializedOf(rec: ModelRecord): SerializedModel {
  return {
    kind: rec.kind as SerializedModel['kind'],
    format: rec.format,
    header: rec.header,
    payload: rec.payload,
  };
}

export async function loadModel(db: CandleLabDb, id: string): Promise<{ record: ModelRecord; model: Model }> {
  const record = await getModelRecord(db, id);
  return { record, model: await restoreModel(serializedOf(record)) };
}

export async function deleteModel(db: CandleLabDb, id: string): Promise<void> {
  await db.models.delete(id);
}

export async function modelExists(db: CandleLabDb, id: string): Promise<boolean> {
  return (await db.models.get(id)) !== undefined;
}
