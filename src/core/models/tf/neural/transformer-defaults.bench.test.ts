// How long the transformer's defaults take to train on a year of the sample (a measurement, not
// a gate; skipped unless CANDLE_BENCH is set): candidate settings timed per epoch on the 8,748
// labelled rows of a 365-day BTC/USDT training window (L = 32) with the 30 days after it as
// validation, then the defaults fitted as the Train panel would (early stopping included).
//   CANDLE_BENCH=1 [CANDLE_BENCH_BACKENDS=wasm,cpu] npx vitest run src/core/models/tf/neural/transformer-defaults.bench.test.ts
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_FEATURE_SET } from '../../../features/registry';
import { rocAucBinary } from '../../metrics/classification';
import { buildDataset, fitScaler, splitDataset, takeRows, takeValues, transform } from '../../../split';
import { loadSampleBars, REPO_ROOT } from '../../../test-utils/sample';
import { fitTransformer } from './fit';
import { withHistory } from './sequences';
import { TRANSFORMER_DEFAULTS, type TransformerOptions } from './options';

const BACKENDS = (process.env.CANDLE_BENCH_BACKENDS ?? 'wasm').split(',');
const CANDIDATES: Partial<TransformerOptions>[] = JSON.parse(
  process.env.CANDLE_BENCH_CANDIDATES ??
    JSON.stringify([
      { modelDim: 16, heads: 2, ffUnits: 32, batchSize: 64 },
      { modelDim: 16, heads: 2, ffUnits: 32, batchSize: 256 },
      { modelDim: 8, heads: 2, ffUnits: 16, batchSize: 128 },
      { modelDim: 8, heads: 2, ffUnits: 16, batchSize: 256 },
    ]),
);

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join('/');

describe.runIf(process.env.CANDLE_BENCH)('transformer defaults on a year of the sample (printed)', () => {
  it('seconds per epoch of candidate settings, and the defaults fitted end to end', async () => {
    setWasmPaths(path.join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
    const ds = buildDataset({
      barsBySymbol: [loadSampleBars('BTC/USDT')],
      featureSet: DEFAULT_FEATURE_SET,
      label: { kind: 'binary', horizon: 12 },
    });
    const split = splitDataset(ds, { trainWindow: '365d', validWindow: '30d' });
    const scaler = fitScaler(ds.X, split.train, ds.featureNames);
    const L = TRANSFORMER_DEFAULTS.sequenceLength;
    const train = withHistory(split.train, L - 1);
    const valid = withHistory(split.valid, L - 1);
    const X = transform(takeRows(ds.X, train.idx), scaler);
    const Xv = transform(takeRows(ds.X, valid.idx), scaler);
    const y = takeValues(ds.y, split.train);
    const yv = takeValues(ds.y, split.valid);
    expect(split.train.length).toBe(8748);
    const ctx = (rows: typeof train) => ({
      targets: rows.targets,
      time: takeValues(ds.time, rows.idx),
      barMs: ds.barMs,
    });
    const fit = (options: Partial<TransformerOptions>) =>
      fitTransformer({
        task: 'classification',
        X,
        y,
        ...ctx(train),
        validation: { X: Xv, y: yv, ...ctx(valid) },
        options: { seed: 1, ...options },
      });
    for (const backend of BACKENDS) {
      await tf.setBackend(backend);
      await tf.ready();
      for (const c of CANDIDATES) {
        const t0 = performance.now();
        const { model, report } = await fit({ ...c, epochs: 2, patience: 2 });
        const s = (performance.now() - t0) / 1000;
        model.dispose();
        console.log(
          `${backend} ${JSON.stringify(c)}: 2 epochs of ${report.trainRows} sequences in ${s.toFixed(1)} s (${(s / 2).toFixed(2)} s/epoch), load ${load()}`,
        );
      }
      const t0 = performance.now();
      const { model, report } = await fit({});
      const s = (performance.now() - t0) / 1000;
      const p = model.predict(Xv, ctx(valid));
      const auc = rocAucBinary(
        yv,
        Array.from(valid.targets, (r) => p.values[r * 2 + 1]),
      );
      model.dispose();
      console.log(
        `${backend} defaults ${JSON.stringify(TRANSFORMER_DEFAULTS)}: ${report.iterations} epoch(s) (best ${report.bestEpoch}) in ${s.toFixed(1)} s, validation AUC ${auc.toFixed(4)}, load ${load()}`,
      );
    }
  }, 3_600_000);
});
