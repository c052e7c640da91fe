/** The order of the Models list and what 'latest' resolves to: last stored here, ties broken the same way every time. */
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { SerializedModel } from '../models/types';
import { loadSampleBars } from '../test-utils/sample';
import type { ModelMetricsJson } from '../train/metrics-json';
import { runTraining } from '../train/train-job';
import { openCandleLabDb, type CandleLabDb } from './db';
import { getModelRecord, listModels, saveModel } from './models';

const serialized: SerializedModel = { kind: 'gbc', format: 'test', header: {}, payload: {} };
const freshDb = () => openCandleLabDb({ indexedDB, IDBKeyRange, name: `models-${Math.random()}` });

/** A real metrics.json (a small gbc trained on the sample), made once. */
let trained: Promise<ModelMetricsJson> | undefined;
function realMetrics(): Promise<ModelMetricsJson> {
  trained ??= runTraining({
    request: {
      dataset: 'sample',
      symbols: ['BTC/USDT'],
      task: 'classification',
      target_horizon: 12,
      model: 'gbc',
      train_window: '60d',
      valid_window: '10d',
      seed: 7,
      params: { n_estimators: 3, max_depth: 2 },
    },
    bars: [loadSampleBars('BTC/USDT')],
    dataset: { id: 'sample', revision: 'main', commit: null, hubUrl: null, files: [] },
    appVersion: 'test',
  }).then((r) => r.metrics);
  return trained;
}

async function save(db: CandleLabDb, id: string, createdAt: number, savedAt: number) {
  return saveModel(db, {
    id,
    serialized,
    metrics: { ...(await realMetrics()), model_id: id },
    createdAt,
    savedAt,
    dataset: 'sample',
    symbols: ['BTC/USDT'],
  });
}

const ids = async (db: CandleLabDb) => (await listModels(db)).map((m) => m.id);
const latest = async (db: CandleLabDb) => (await getModelRecord(db, 'latest')).id;

describe('model order', () => {
  it('puts the model stored last first, whatever its own createdAt', async () => {
    const db = freshDb();
    await save(db, 'trained_today', 5_000, 10_000);
    // an import of a model trained long ago, stored after it: it becomes 'latest'
    await save(db, 'imported_old', 1_000, 20_000);
    expect(await ids(db)).toEqual(['imported_old', 'trained_today']);
    expect(await latest(db)).toBe('imported_old');
    // a training after the import moves 'latest' to it
    await save(db, 'trained_again', 6_000, 30_000);
    expect(await latest(db)).toBe('trained_again');
    expect(await ids(db)).toEqual(['trained_again', 'imported_old', 'trained_today']);
  });

  it('breaks ties (one import stores several at once) by createdAt, then id, in any insertion order', async () => {
    const records: [string, number][] = [
      ['b_model', 2_000],
      ['a_model', 2_000],
      ['c_model', 1_000],
    ];
    const orders = [records, [...records].reverse(), [records[1], records[2], records[0]]];
    for (const order of orders) {
      const db = freshDb();
      for (const [id, createdAt] of order) await save(db, id, createdAt, 50_000);
      expect(await ids(db)).toEqual(['b_model', 'a_model', 'c_model']);
      expect(await latest(db)).toBe('b_model');
    }
  });

  it('stamps savedAt with the current time by default, apart from createdAt', async () => {
    const db = freshDb();
    const before = Date.now();
    const rec = await saveModel(db, {
      id: 'm',
      serialized,
      metrics: await realMetrics(),
      createdAt: 1,
      dataset: 'sample',
      symbols: [],
    });
    expect(rec.createdAt).toBe(1);
    expect(rec.savedAt).toBeGreaterThanOrEqual(before);
    expect((await listModels(db))[0].savedAt).toBe(rec.savedAt);
  });

  it('an older database gets savedAt from createdAt when it opens', async () => {
    const name = `models-upgrade-${Math.random()}`;
    const v2 = new Dexie(name, { indexedDB, IDBKeyRange });
    v2.version(1).stores({ files: '[hubUrl+dataset+commit+path+etag]' });
    v2.version(2).stores({ models: 'id, createdAt, kind', artifacts: 'id, createdAt, kind, modelId' });
    await v2.table('models').bulkAdd([
      { id: 'old', kind: 'gbc', createdAt: 1_000, metrics: {}, header: {}, payload: {} },
      { id: 'new', kind: 'gbc', createdAt: 2_000, metrics: {}, header: {}, payload: {} },
    ]);
    v2.close();
    const db = openCandleLabDb({ indexedDB, IDBKeyRange, name });
    expect((await db.models.get('old'))?.savedAt).toBe(1_000);
    expect(await ids(db)).toEqual(['new', 'old']);
    expect(await latest(db)).toBe('new');
  });
});
