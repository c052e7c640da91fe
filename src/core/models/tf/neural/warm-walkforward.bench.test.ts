// Warm-started against from-scratch neural walk-forward on the sample (a measurement, not a
// gate; skipped unless CANDLE_BENCH is set): the app's own runWalkForward (in-process executor)
// over the seed's plan (365-day training, 30-day test windows, BTC/USDT and ETH/USDT: 78 folds)
// with an mlp at its defaults, warm_start on and off, on the wasm backend (CANDLE_BENCH_BACKEND
// to change). Prints wall and process CPU time, their ratio, out-of-sample AUC of each and the
// epochs per fold (a warm fold's quarter-epoch steps as fractions of an epoch).
//   CANDLE_BENCH=1 [CANDLE_BENCH_FOLDS=n] [CANDLE_BENCH_MODES=warm|cold] npx vitest run src/core/models/tf/neural/warm-walkforward.bench.test.ts
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { classificationMetrics } from '../../metrics/classification';
import { loadSampleBars, REPO_ROOT } from '../../../test-utils/sample';
import { WARM_CHECKS_PER_EPOCH } from '../../../walkforward/fold';
import { runWalkForward } from '../../../walkforward/run';
import type { FoldResult, WalkForwardRequest } from '../../../walkforward/types';

const BACKEND = process.env.CANDLE_BENCH_BACKEND ?? 'wasm';
const FOLDS = process.env.CANDLE_BENCH_FOLDS ? Number(process.env.CANDLE_BENCH_FOLDS) : undefined;
/** one of the two runs alone (to repeat it when the machine's load changed between them) */
const MODES = (process.env.CANDLE_BENCH_MODES ?? 'warm,cold').split(',');

function oosAuc(folds: FoldResult[]): number {
  const y = folds.flatMap((f) => f.predictions.flatMap((p) => Array.from(p.y)));
  const v = folds.flatMap((f) => f.predictions.flatMap((p) => Array.from(p.values)));
  return classificationMetrics(Float64Array.from(y), {
    rows: y.length,
    nClasses: 2,
    values: Float64Array.from(v),
  }).rocAuc;
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join('/');

describe.runIf(process.env.CANDLE_BENCH)('warm-started mlp walk-forward over the sample (printed)', () => {
  it('time and out-of-sample AUC, warm start on and off', async () => {
    setWasmPaths(path.join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
    await tf.setBackend(BACKEND);
    await tf.ready();
    const symbols = ['BTC/USDT', 'ETH/USDT'] as const;
    const bars = symbols.map((s) => loadSampleBars(s));
    const request: WalkForwardRequest = {
      model: { model_id: null, kind: 'mlp', task: 'classification', target_horizon: 12, seed: 1 },
      symbols: [...symbols],
      train_window: '365d',
      test_window: '30d',
      ...(FOLDS ? { max_folds: FOLDS } : {}),
    };
    const run = async (warm: boolean) => {
      const folds: FoldResult[] = [];
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await runWalkForward({ request: { ...request, warm_start: warm }, bars, onFold: (f) => folds.push(f) });
      const s = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      const cpu = (c.user + c.system) / 1e6;
      folds.sort((a, b) => a.task - b.task);
      const fit = folds.reduce((n, f) => n + f.fit_seconds, 0);
      // a warm fold's iterations are quarter epochs (WARM_CHECKS_PER_EPOCH)
      const epochs = folds.map((f) => (f.warm_started ? f.iterations / WARM_CHECKS_PER_EPOCH : f.iterations));
      const total = epochs.reduce((a, b) => a + b, 0);
      console.log(
        `${warm ? 'warm' : 'cold'} (${BACKEND}): ${folds.length} folds in ${s.toFixed(1)} s (cpu ${cpu.toFixed(1)} s, fit ${fit.toFixed(1)} s), ` +
          `OOS AUC ${oosAuc(folds).toFixed(4)}, epochs ${total} (per fold ${epochs.join(' ')}), load ${load()}`,
      );
      return { s, cpu, auc: oosAuc(folds), n: folds.length };
    };
    if (MODES.length === 1) return void (await run(MODES[0] === 'warm'));
    const warm = await run(true);
    const cold = await run(false);
    console.log(
      `mlp walk-forward ${warm.n} folds on ${BACKEND}: warm ${warm.s.toFixed(1)} s vs cold ${cold.s.toFixed(1)} s = ` +
        `${(cold.s / warm.s).toFixed(2)}x faster (cpu ${warm.cpu.toFixed(1)} s vs ${cold.cpu.toFixed(1)} s = ` +
        `${(cold.cpu / warm.cpu).toFixed(2)}x), AUC warm - cold = ${(warm.auc - cold.auc).toFixed(4)}`,
    );
    expect(warm.n).toBe(cold.n);
  }, 7_200_000);
});
