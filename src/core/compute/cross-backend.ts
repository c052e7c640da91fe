/**
 * Trains the same seeded MLP on real feature rows on two TensorFlow.js backends and
 * compares the predicted probabilities. Different backends sum in different orders in
 * float32, so after a few hundred Adam steps the weights drift apart slightly; the
 * stated tolerance for the predicted probabilities is 1e-3 (absolute).
 */
import { fitMlp } from '../models/tf';
import type { Bars } from '../data/bars';
import { buildDataset, fitScaler, takeRows, transform } from '../split';
import type { BackendName } from './backend-types';

export const CROSS_BACKEND_TOLERANCE = 1e-3;

export interface CrossBackendResult {
  backends: [BackendName, BackendName];
  rows: number;
  maxAbsDiff: number;
  meanAbsDiff: number;
  tolerance: number;
  ok: boolean;
  millis: Record<string, number>;
  /** the first few predicted probabilities on each backend, to show how they differ */
  sample: Record<string, number[]>;
}

export async function crossBackendCheck(o: {
  bars: Bars;
  backends: [BackendName, BackendName];
  activate: (b: BackendName) => Promise<void>;
  rows?: number;
}): Promise<CrossBackendResult> {
  const n = o.rows ?? 2000;
  const ds = buildDataset({ barsBySymbol: [o.bars], label: { kind: 'binary', horizon: 12 } });
  const idx = Int32Array.from(
    { length: Math.min(n, ds.X.rows) },
    (_, i) => ds.X.rows - Math.min(n, ds.X.rows) + i,
  );
  const scaler = fitScaler(ds.X, idx);
  const X = transform(takeRows(ds.X, idx), scaler);
  const y = Float64Array.from(idx, (i) => ds.y[i]);
  const preds: Float64Array[] = [];
  const millis: Record<string, number> = {};
  for (const b of o.backends) {
    await o.activate(b);
    const t0 = performance.now();
    const { model } = await fitMlp({
      task: 'classification',
      X,
      y,
      nClasses: 2,
      options: { epochs: 3, batchSize: 64, hiddenUnits: [16, 8], dropout: 0, seed: 7, patience: 0 },
    });
    preds.push(model.predict(X).values);
    model.dispose();
    millis[b] = performance.now() - t0;
  }
  let max = 0;
  let sum = 0;
  for (let i = 0; i < preds[0].length; i++) {
    const d = Math.abs(preds[0][i] - preds[1][i]);
    max = Math.max(max, d);
    sum += d;
  }
  return {
    backends: o.backends,
    rows: X.rows,
    maxAbsDiff: max,
    meanAbsDiff: sum / preds[0].length,
    tolerance: CROSS_BACKEND_TOLERANCE,
    ok: Number.isFinite(max) && max <= CROSS_BACKEND_TOLERANCE,
    millis,
    sample: Object.fromEntries(o.backends.map((b, k) => [`${k}:${b}`, Array.from(preds[k].slice(0, 6))])),
  };
}
