/**
 * Trains the same seeded MLP, and the same seeded small transformer, on real feature rows on
 * two TensorFlow.js backends and compares the predicted probabilities. Different backends sum
 * in different orders in float32, so after a few hundred Adam steps the weights drift apart
 * slightly; the stated tolerance for the predicted probabilities is 1e-3 (absolute), for both.
 * (On webgpu the models predict through the host forward pass, so this also checks it.)
 */
import { fitMlp, fitTransformer } from '../models/tf';
import type { Matrix } from '../models/types';
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
  /** the same figures per model (maxAbsDiff and meanAbsDiff above are over both) */
  models: Record<'mlp' | 'transformer', { rows: number; maxAbsDiff: number; meanAbsDiff: number }>;
}

/** Rows the transformer is checked on (a quarter of the mlp's: attention costs more). */
const TRANSFORMER_ROWS = 500;

function diff(a: Float64Array, b: Float64Array): { max: number; mean: number } {
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (Number.isNaN(d)) return { max: NaN, mean: NaN };
    if (d > max) max = d;
    sum += d;
  }
  return { max, mean: sum / a.length };
}

function lastRows(X: Matrix, n: number): Matrix {
  return { rows: n, cols: X.cols, columns: X.columns.map((c) => c.slice(X.rows - n)) };
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
  const tPreds: Float64Array[] = [];
  const tn = Math.min(TRANSFORMER_ROWS, X.rows);
  const tX = lastRows(X, tn);
  const tY = y.slice(y.length - tn);
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
    const t = await fitTransformer({
      task: 'classification',
      X: tX,
      y: tY,
      nClasses: 2,
      options: {
        epochs: 2,
        batchSize: 64,
        sequenceLength: 8,
        modelDim: 8,
        heads: 2,
        ffUnits: 8,
        dropout: 0,
        seed: 7,
        patience: 0,
      },
    });
    // rows with a full window only (the first 7 have none)
    tPreds.push(t.model.predict(tX).values.slice(2 * 7));
    t.model.dispose();
    millis[b] = performance.now() - t0;
  }
  const mlp = diff(preds[0], preds[1]);
  const tr = diff(tPreds[0], tPreds[1]);
  const max = Math.max(mlp.max, tr.max);
  return {
    backends: o.backends,
    rows: X.rows,
    maxAbsDiff: max,
    meanAbsDiff:
      (mlp.mean * preds[0].length + tr.mean * tPreds[0].length) / (preds[0].length + tPreds[0].length),
    tolerance: CROSS_BACKEND_TOLERANCE,
    ok: Number.isFinite(max) && max <= CROSS_BACKEND_TOLERANCE,
    millis,
    sample: Object.fromEntries(o.backends.map((b, k) => [`${k}:${b}`, Array.from(preds[k].slice(0, 6))])),
    models: {
      mlp: { rows: X.rows, maxAbsDiff: mlp.max, meanAbsDiff: mlp.mean },
      transformer: { rows: tn - 7, maxAbsDiff: tr.max, meanAbsDiff: tr.mean },
    },
  };
}
