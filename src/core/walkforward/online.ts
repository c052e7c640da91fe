/**
 * Online learning during a fold's test window, bar by bar in time order (the seed's loop):
 * at the close of bar t, first predict row t, then reveal the label of row j with
 * bar(j) + h = t and call partialFit with it, but only if j is itself a test row of this fold
 * (purge-gap rows were not trained on and the seed skips them too). So the label of row j is
 * used only once bar j + h has closed, and each fold makes (test rows - h) updates when the
 * window has no gaps. Pooled folds walk every member symbol on the shared time grid: at each
 * slot all predictions first, then all reveals (symbol order).
 */
import type { OnlineModel } from '../models/registry';
import type { Matrix } from '../models/types';
import type { Scaler } from '../split/scaler';
import { transform } from '../split/scaler';
import type { CancelSignal } from '../util/progress';
import { cancelPoint } from './cancel';
import { signalOf } from './fold-metrics';
import type { FoldSymbolPredictions, PartialFitEvent, WalkForwardPlan } from './types';

export interface RunOnlineOptions {
  plan: WalkForwardPlan;
  task: number;
  model: OnlineModel;
  scaler: Scaler;
  onPartialFit?: (e: PartialFitEvent) => void;
  signal?: CancelSignal;
}

/** Slots between cancel checks (cancel.ts yields to the event loop at most every 100 ms). */
const CHECK_EVERY = 64;

export async function runOnline(
  o: RunOnlineOptions,
): Promise<{ predictions: FoldSymbolPredictions[]; updates: number }> {
  const { plan, model, scaler, signal } = o;
  const t = plan.tasks[o.task];
  const k = t.fold;
  const h = plan.request.model.target_horizon;
  const members = t.symbols.map((s) => plan.symbols[s]);
  const fold = members[0].folds[k];
  const cols = members[0].dataset.X.cols;
  const K = model.task === 'regression' ? 1 : model.nClasses;

  const state = members.map((d) => {
    const [ta, tb] = d.rows[k].test;
    const [ba, bb] = d.testBars[k];
    const idx = Int32Array.from({ length: tb - ta }, (_, i) => ta + i);
    return {
      d,
      ta,
      tb,
      bb,
      X: transform(d.dataset.X, scaler, idx), // scaled test rows
      values: new Float64Array((tb - ta) * K),
      p: ta, // next row to predict
      q: ba, // next bar to close
      r: ta, // next row whose label may be revealed
    };
  });
  const row: Matrix = { rows: 1, cols, columns: Array.from({ length: cols }, () => new Float64Array(1)) };
  const yOne = new Float64Array(1);
  const load = (X: Matrix, i: number) => {
    for (let j = 0; j < cols; j++) row.columns[j][0] = X.columns[j][i];
  };
  let updates = 0;
  const checkpoint = cancelPoint(signal);

  for (let g = fold.testStart; g < fold.testEnd; g++) {
    if ((g - fold.testStart) % CHECK_EVERY === CHECK_EVERY - 1) await checkpoint();
    for (const s of state) {
      if (s.p < s.tb && s.d.slot[s.d.dataset.barIndex[s.p]] === g) {
        load(s.X, s.p - s.ta);
        const out = model.predict(row).values;
        for (let c = 0; c < K; c++) s.values[(s.p - s.ta) * K + c] = out[c];
        s.p++;
      }
    }
    for (const s of state) {
      if (!(s.q < s.bb && s.d.slot[s.q] === g)) continue;
      const bar = s.q++;
      const bi = s.d.dataset.barIndex;
      while (s.r < s.tb && bi[s.r] + h < bar) s.r++; // cannot happen on a valid plan; keeps the pointer honest
      if (s.r < s.tb && bi[s.r] + h === bar) {
        o.onPartialFit?.({ symbol: s.d.symbol, fold: k, row: s.r, rowBarIndex: bi[s.r], atBarIndex: bar });
        load(s.X, s.r - s.ta);
        yOne[0] = s.d.dataset.y[s.r];
        model.partialFit(row, yOne);
        updates++;
        s.r++;
      }
    }
  }
  const predictions = state.map((s) => {
    const n = s.tb - s.ta;
    const sig = new Float64Array(n);
    for (let i = 0; i < n; i++) sig[i] = signalOf(s.values, K, i);
    return {
      symbol: s.d.symbol,
      barIndex: s.d.dataset.barIndex.slice(s.ta, s.tb),
      signal: sig,
      values: s.values,
      nClasses: K,
      y: s.d.dataset.y.slice(s.ta, s.tb),
    };
  });
  return { predictions, updates };
}
