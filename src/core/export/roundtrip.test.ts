/**
 * The round trip of issue 7 on real models and runs: gbc, sgdc and an mlp trained on the real
 * BTC sample, two backtest runs with the engine's own CSVs -> export everything -> a fresh
 * database -> import -> every record equal, every model predicts bit for bit the same, and the
 * re-export is the same zip, byte for byte (so every file is byte-identical).
 */
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeModel } from '../models/registry';
import { saveArtifact } from '../store/artifacts';
import type { ModelRecord } from '../store/db';
import { loadModel } from '../store/models';
import { exportBundle } from './bundle';
import { importBundle } from './import';
import type { BundleManifest } from './manifest';
import { backtestRun, featureRows, freshDb, saveTrained, T0, train } from './test-utils/fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('export everything, import into an empty database', () => {
  it('gives back the same records, the same predictions and the same bytes', async () => {
    const db = freshDb('rt');
    const trained = await Promise.all([
      train({ kind: 'gbc', params: { n_estimators: 15 }, now: T0 }),
      train({ kind: 'sgdc', params: { max_iter: 3 }, now: T0 + 1000 }),
      train({ kind: 'mlp', params: { epochs: 2, hiddenUnits: [8] }, now: T0 + 2000 }),
    ]);
    for (const [i, r] of trained.entries()) await saveTrained(db, r, { createdAt: T0 + i * 1000 });
    const runs = [
      await backtestRun({ now: T0 + 5000, modelId: trained[0].modelId }),
      await backtestRun({ now: T0 + 6000, bars: 500 }),
    ];
    for (const r of runs) await saveArtifact(db, r);
    expect(trained.map((r) => r.serialized.format)).toEqual([
      'tree-ensemble/1',
      'sgd-linear/1',
      'tfjs-layers/1',
    ]);

    const zip = await exportBundle(db, {
      models: 'all',
      artifacts: 'all',
      appVersion: '0.1.0-test',
      now: T0 + 10_000,
    });
    const unzipped = unzipSync(zip);
    const manifest = JSON.parse(new TextDecoder().decode(unzipped['manifest.json'])) as BundleManifest;
    expect(manifest.format).toBe('candle-lab-bundle');
    expect(manifest.models.map((m) => [m.kind, m.dataset.id, m.dataset.commit])).toEqual([
      ['gbc', 'sample/binance-ohlcv-1h-btc-eth', 'a'.repeat(40)],
      ['sgdc', 'sample/binance-ohlcv-1h-btc-eth', 'a'.repeat(40)],
      ['mlp', 'sample/binance-ohlcv-1h-btc-eth', 'a'.repeat(40)],
    ]);
    expect(Object.keys(unzipped).sort()).toEqual(
      [
        'manifest.json',
        ...['model.json', 'model.bin', 'metrics.json'].map((f) => `models/${trained[0].modelId}/${f}`),
        ...['model.json', 'weights.bin', 'metrics.json'].map((f) => `models/${trained[1].modelId}/${f}`),
        ...['model.json', 'weights.bin', 'metrics.json'].map((f) => `models/${trained[2].modelId}/${f}`),
        ...runs.flatMap((r) => Object.keys(r.files).map((f) => `artifacts/${r.id}/${f}`)),
      ].sort(),
    );
    // the mlp's pair is a real tfjs model.json that tf.loadLayersModel reads
    const mlpJson = JSON.parse(
      new TextDecoder().decode(unzipped[`models/${trained[2].modelId}/model.json`]),
    ) as Record<string, unknown>;
    expect(mlpJson.format).toBe('layers-model');
    expect((mlpJson.weightsManifest as { paths: string[] }[])[0].paths).toEqual(['weights.bin']);

    const before = {
      models: await db.models.orderBy('id').toArray(),
      artifacts: await db.artifacts.orderBy('id').toArray(),
    };
    const target = freshDb('rt-empty');
    const res = await importBundle(target, zip, { onClash: 'skip', now: () => T0 + 50_000 });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.added.models).toHaveLength(3);
    expect(res.added.artifacts).toHaveLength(2);
    const after = {
      models: await target.models.orderBy('id').toArray(),
      artifacts: await target.artifacts.orderBy('id').toArray(),
    };
    // the same records, stamped with when this database stored them
    expect(after).toEqual({ ...before, models: before.models.map((m) => ({ ...m, savedAt: T0 + 50_000 })) });
    // binary payloads equal byte for byte (toEqual on Uint8Array compares contents)
    for (const [i, m] of after.models.entries())
      for (const [k, b] of Object.entries(m.payload))
        expect(Buffer.from(b).equals(Buffer.from(before.models[i].payload[k]))).toBe(true);

    for (const rec of before.models as ModelRecord[]) {
      const X = featureRows(rec.metrics);
      const a = await loadModel(db, rec.id);
      const b = await loadModel(target, rec.id);
      const pa = a.model.predict(X);
      const pb = b.model.predict(X);
      expect(pb.values.length).toBe(X.rows * pa.nClasses);
      expect(Buffer.from(pb.values.buffer).equals(Buffer.from(pa.values.buffer))).toBe(true);
      expect(new Set(pa.values).size).toBeGreaterThan(1); // a model that predicts something
      disposeModel(a.model);
      disposeModel(b.model);
    }

    const again = await exportBundle(target, {
      models: 'all',
      artifacts: 'all',
      appVersion: '0.1.0-test',
      now: T0 + 10_000,
    });
    expect(Buffer.from(again).equals(Buffer.from(zip))).toBe(true);
  });
});
