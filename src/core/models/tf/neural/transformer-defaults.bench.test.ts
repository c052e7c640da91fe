// How long the transformer's defaults take to train on a year of the sample (a measurement, not
// a gate; skipped unless CANDLE_BENCH is set): candidate settings (over the defaults) and then
// the defaults, each fitted as the Train panel would (early stopping included) on the 8,748
// labelled rows of a 365-day BTC/USDT training window (L = 32, the bars before the window as
// history) with the 30 days after it as validation: seconds, epochs and validation AUC.
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
      { modelDim: 16, heads: 2, ffUnits: 32, batchSize: 64, learningRate: 1e-3, epochs: 6, patience: 2 },
      { modelDim: 16, heads: 2, ffUnits: 32, batchSize: 256 },
    ]),
);

/** CPU seconds of this process: on a shared machine wall time counts the other processes too */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

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
    const run = async (label: string, options: Partial<TransformerOptions>) => {
      const t0 = performance.now();
      const c0 = cpuSeconds();
      const { model, report } = await fit(options);
      const s = (performance.now() - t0) / 1000;
      const c = cpuSeconds() - c0;
      const p = model.predict(Xv, ctx(valid));
      const auc = rocAucBinary(
        yv,
        Array.from(valid.targets, (r) => p.values[r * 2 + 1]),
      );
      model.dispose();
      console.log(
        `${tf.getBackend()} ${label}: ${report.iterations} epoch(s) (best ${report.bestEpoch}) of ${report.trainRows} sequences in ${s.toFixed(1)} s wall, ${c.toFixed(1)} s CPU (${(c / report.iterations).toFixed(2)} CPU s/epoch), validation AUC ${auc.toFixed(4)}, load ${load()}`,
      );
    };
    for (const backend of BACKENDS) {
      await tf.setBackend(backend);
      await tf.ready();
      for (const c of CANDIDATES) await run(JSON.stringify(c), c);
      await run(`defaults ${JSON.stringify(TRANSFORMER_DEFAULTS)}`, {});
    }
  }, 3_600_000);
});
