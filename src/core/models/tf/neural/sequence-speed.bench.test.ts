// Training speed of the sequence models on the real sample (a measurement, not a gate; skipped
// unless CANDLE_BENCH is set): epochs per second of an lstm (batch 64) and a transformer (its
// defaults) with L = 32 over the 8,748 labelled rows of a 365-day BTC/USDT training window, on
// the cpu and wasm backends, wall and CPU time (the machine may be shared).
//   CANDLE_BENCH=1 [CANDLE_BENCH_BACKENDS=wasm,cpu] [CANDLE_BENCH_KINDS=lstm,transformer] npx vitest run src/core/models/tf/neural/sequence-speed.bench.test.ts
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_FEATURE_SET } from '../../../features/registry';
import { buildDataset, fitScaler, splitDataset, takeRows, takeValues, transform } from '../../../split';
import { loadSampleBars, REPO_ROOT } from '../../../test-utils/sample';
import { fitLstm, fitTransformer } from './fit';

const EPOCHS = Number(process.env.CANDLE_BENCH_EPOCHS ?? 2);
const BACKENDS = (process.env.CANDLE_BENCH_BACKENDS ?? 'wasm,cpu').split(',');
const KINDS = (process.env.CANDLE_BENCH_KINDS ?? 'lstm,transformer').split(',');

describe.runIf(process.env.CANDLE_BENCH)('sequence model training speed (printed)', () => {
  it('epochs/s of lstm and transformer, L = 32, on cpu and wasm', async () => {
    setWasmPaths(path.join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
    const ds = buildDataset({
      barsBySymbol: [loadSampleBars('BTC/USDT')],
      featureSet: DEFAULT_FEATURE_SET,
      label: { kind: 'binary', horizon: 12 },
    });
    const split = splitDataset(ds, { trainWindow: '365d', validWindow: '30d' });
    const scaler = fitScaler(ds.X, split.train, ds.featureNames);
    const X = transform(takeRows(ds.X, split.train), scaler);
    const y = takeValues(ds.y, split.train);
    expect(X.rows).toBe(8748);
    const common = { epochs: EPOCHS, sequenceLength: 32, patience: EPOCHS, seed: 1 };
    for (const backend of BACKENDS) {
      await tf.setBackend(backend);
      await tf.ready();
      for (const [name, fit] of [
        ['lstm', () => fitLstm({ task: 'classification', X, y, options: { ...common, batchSize: 64 } })],
        ['transformer', () => fitTransformer({ task: 'classification', X, y, options: common })],
      ] as const) {
        if (!KINDS.includes(name)) continue;
        const t0 = performance.now();
        const u0 = process.cpuUsage();
        const { model, report } = await fit();
        const s = (performance.now() - t0) / 1000;
        const u = process.cpuUsage(u0);
        const c = (u.user + u.system) / 1e6;
        model.dispose();
        console.log(
          `${name} on ${backend}: ${report.iterations} epoch(s) of ${report.trainRows} sequences in ${s.toFixed(1)} s = ${(report.iterations / s).toFixed(3)} epochs/s (${c.toFixed(1)} s CPU = ${(report.iterations / c).toFixed(3)} epochs per CPU s), load ${os
            .loadavg()
            .map((l) => l.toFixed(1))
            .join('/')}`,
        );
      }
    }
  }, 1_800_000);
});
