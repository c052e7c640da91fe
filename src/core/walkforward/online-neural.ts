/**
 * Online fine-tuning of a neural model during a fold's test window, in small batches: rows are
 * predicted in time order; the label of row j is revealed at the first test row whose bar is at
 * or after bar(j) + h (so never before that bar has closed), and once `batch` labels are
 * waiting the model takes one fine-tuning step on them (fineTuneNeural: one Adam pass, then its
 * host weights are refreshed); rows after that step are predicted with the new weights. Sequence
 * models read the rows before each row as history (features only), as offline. One symbol per
 * fold (pooled folds run offline).
 *
 * The reveal-and-batch rule (RevealBatches) and the fine-tuning step (fineTuneRevealed) are
 * shared with the live loop (src/core/live/fine-tune.ts), which feeds them one bar at a time.
 */
import { sequenceHistory } from '../models/registry';
import { fineTuneNeural, type NeuralModel } from '../models/tf';
import type { Labels, Matrix } from '../models/types';
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

/** What RevealBatches holds between rows: rows predicted but unrevealed, and revealed rows not yet trained on. */
export interface RevealState<R> {
  waiting: R[];
  revealed: R[];
}

/**
 * The batching rule of online fine-tuning, one test row at a time. Feed a fold's test rows in
 * time order, each after its prediction; at row r (bar b) every earlier row j whose bar is at
 * or before b - h has its label revealed, and once `batch` revealed labels wait they are handed
 * back (all of them, oldest first) for one fine-tuning step. Rows of the window whose label
 * comes after its last row are never revealed. `R` is how the caller names a row (a dataset
 * row in the walk-forward, a bar time in the live loop).
 */
export class RevealBatches<R> {
  private waiting: R[];
  private revealed: R[];

  constructor(
    readonly horizon: number,
    readonly batch: number,
    state?: RevealState<R>,
  ) {
    this.waiting = state ? [...state.waiting] : [];
    this.revealed = state ? [...state.revealed] : [];
  }

  /**
   * At the close of test row `row`, whose bar index is `bar` (`barOf` gives the bar index of
   * an earlier row): the revealed rows to fine-tune on now, or null.
   */
  next(row: R, bar: number, barOf: (r: R) => number): R[] | null {
    let n = 0;
    while (n < this.waiting.length && barOf(this.waiting[n]) + this.horizon <= bar) n++;
    if (n > 0) this.revealed.push(...this.waiting.splice(0, n));
    this.waiting.push(row);
    if (this.revealed.length < this.batch) return null;
    const out = this.revealed;
    this.revealed = [];
    return out;
  }

  state(): RevealState<R> {
    return { waiting: [...this.waiting], revealed: [...this.revealed] };
  }
}

/**
 * One fine-tuning step on revealed rows. `X` holds scaled feature rows in time order, the
 * revealed rows at positions `targets` (ascending) with `y` their labels; the other rows are
 * sequence history for a model that reads `history` rows before each (`time` per row of X, so
 * no sequence crosses a gap). A row-wise model (history 0) is given exactly the revealed rows.
 */
export function fineTuneRevealed(
  model: NeuralModel,
  o: { X: Matrix; y: Labels; time: Float64Array; barMs: number; targets: Int32Array; history: number },
): Promise<number> {
  return fineTuneNeural(model, {
    X: o.X,
    y: o.y,
    context: {
      groups: new Int32Array(o.X.rows),
      time: o.time,
      barMs: o.barMs,
      ...(o.history > 0 ? { targets: o.targets } : {}),
    },
  });
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
  const reveals = new RevealBatches<number>(h, batch);
  const barOf = (j: number) => bi[j];
  let updates = 0;
  for (let r = ta; r < tb; r++) {
    // at the close of row r's bar: its prediction first (kept for the segment), then reveals
    const pending = reveals.next(r, bi[r], barOf);
    if (!pending) continue;
    predict(segment, r + 1);
    segment = r + 1;
    for (const j of pending)
      o.onPartialFit?.({ symbol: d.symbol, fold: k, row: j, rowBarIndex: bi[j], atBarIndex: bi[r] });
    const a = Math.max(base, pending[0] - H);
    const e = pending[pending.length - 1] + 1;
    await fineTuneRevealed(model, {
      X: rowsOf(X, a - base, e - base),
      y: Float64Array.from(pending, (j) => ds.y[j]),
      time: time.subarray(a - base, e - base),
      barMs: req.bar_ms,
      targets: Int32Array.from(pending, (j) => j - a),
      history: H,
    });
    updates += pending.length;
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
