/**
 * Online fine-tuning of a neural model during a fold's test window, in small batches: rows are
 * predicted in time order; the label of row j is revealed at the first test row whose bar is at
 * or after bar(j) + h (so never before that bar has closed), and once `batch` labels are
 * waiting the model takes one fine-tuning step on them (fineTuneNeural: one Adam pass, then its
 * host weights are refreshed); rows after that step are predicted with the new weights. Sequence
 * models read the rows before each row as history (features only), as offline. One symbol per
 * fold (pooled folds run offline).
 */
import { sequenceHistory } from '../models/registry';
import { fineTuneNeural, type NeuralModel } from '../models/tf';
import type { Matrix } from '../models/types';
import { transform, type Scaler } from '../split/scaler';
import type { CancelSignal } from '../util/progress';
import { cancelPoint } from './cancel';
import { signalOf } from './fold-metrics';
import type { FoldSymbolPredictions, PartialFitEvent, WalkForwardPlan } from './types';

/** Revealed labels per fine-tuning step, by default. */
export const ONLINE_NEURAL_BATCH = 32;

export interface RunOnlineNeuralOptions {
  plan: WalkForwardPlan;
  task: number;
  model: NeuralModel;
  scaler: Scaler;
  /** instrumentation: called for every row of a fine-tuning step, just before it */
  onPartialFit?: (e: PartialFitEvent) => void;
  signal?: CancelSignal;
}

function rowsOf(X: Matrix, a: number, b: number): Matrix {
  return { rows: b - a, cols: X.cols, columns: X.columns.map((c) => c.subarray(a, b)) };
}

export async function runOnlineNeural(
  o: RunOnlineNeuralOptions,
): Promise<{ predictions: FoldSymbolPredictions[]; updates: number }> {
  const { plan, model, scaler } = o;
  const t = plan.tasks[o.task];
  const k = t.fold;
  const req = plan.request;
  const h = req.model.target_horizon;
  const batch = req.online_batch ?? ONLINE_NEURAL_BATCH;
  const d = plan.symbols[t.symbols[0]];
  const ds = d.dataset;
  const bi = ds.barIndex;
  const [ta, tb] = d.rows[k].test;
  const H = sequenceHistory(model.kind, req.model.params);
  const base = Math.max(0, ta - H);
  // scaled features of the test rows and their history (the scaler saw training rows only)
  const X = transform(
    ds.X,
    scaler,
    Int32Array.from({ length: tb - base }, (_, i) => base + i),
  );
  const time = ds.time.subarray(base, tb);
  const K = model.task === 'regression' ? 1 : model.nClasses;
  const values = new Float64Array((tb - ta) * K);
  const checkpoint = cancelPoint(o.signal);
  const context = (a: number, b: number) => ({
    groups: new Int32Array(b - a),
    time: time.subarray(a - base, b - base),
    barMs: req.bar_ms,
  });

  /** rows [s, e) with the current weights (and up to H rows of history before s) */
  const predict = (s: number, e: number) => {
    if (e <= s) return;
    const a = Math.max(base, s - H);
    const p = model.predict(rowsOf(X, a - base, e - base), context(a, e)).values;
    values.set(p.subarray((s - a) * K, (e - a) * K), (s - ta) * K);
  };

  let segment = ta; // first row not yet predicted
  let reveal = ta; // next row whose label may be revealed
  let pending: number[] = [];
  let updates = 0;
  for (let r = ta; r < tb; r++) {
    // at the close of row r's bar: its prediction first (kept for the segment), then reveals
    while (reveal < tb && reveal < r && bi[reveal] + h <= bi[r]) pending.push(reveal++);
    if (pending.length < batch) continue;
    predict(segment, r + 1);
    segment = r + 1;
    for (const j of pending)
      o.onPartialFit?.({ symbol: d.symbol, fold: k, row: j, rowBarIndex: bi[j], atBarIndex: bi[r] });
    const a = Math.max(base, pending[0] - H);
    const e = pending[pending.length - 1] + 1;
    await fineTuneNeural(model, {
      X: rowsOf(X, a - base, e - base),
      y: Float64Array.from(pending, (j) => ds.y[j]),
      context: {
        ...context(a, e),
        ...(H > 0 ? { targets: Int32Array.from(pending, (j) => j - a) } : {}),
      },
    });
    updates += pending.length;
    pending = [];
    await checkpoint();
  }
  predict(segment, tb);
  const n = tb - ta;
  const signal = new Float64Array(n);
  for (let i = 0; i < n; i++) signal[i] = signalOf(values, K, i);
  return {
    predictions: [
      { symbol: d.symbol, barIndex: bi.slice(ta, tb), signal, values, nClasses: K, y: ds.y.slice(ta, tb) },
    ],
    updates,
  };
}
