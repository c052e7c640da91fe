/**
 * The live loop's scheduled retrain: a fold's scaler and model fitted on its training rows by
 * the walk-forward's own fitFold, on the bars the engine holds.
 *
 * Neural kinds warm-start as the walk-forward's fold chains do (walkforward/fold.ts foldChains,
 * runFoldChain): fold k starts from fold k-1's weights. An engine without a previous model (a
 * new session, or one whose last window had no training rows) first replays the chain of the
 * earlier folds whose bars it holds, skipping the folds the walk-forward's plan skips (no
 * training or no test rows), so its model is the one the backtest would have. With online
 * learning the walk-forward's chain carries each fold's model after its test window's
 * fine-tuning, so the caller replays that on each replayed fold (`afterFit`).
 */
import type { Fold } from '../backtest/folds';
import type { Bars } from '../data/bars';
import { DEFAULT_FEATURE_SET } from '../features/registry';
import { disposeModel } from '../models/registry';
import type { Model } from '../models/types';
import { buildDataset, type Dataset } from '../split/dataset';
import type { Scaler } from '../split/scaler';
import { fitFold, warmStartOn } from '../walkforward/fold';
import { foldRows, labelSpecOf } from '../walkforward/plan';
import type { ResolvedWalkForwardRequest, SymbolData } from '../walkforward/types';

export interface LiveRefitOptions {
  request: ResolvedWalkForwardRequest;
  /** the held bars up to and including the bar being decided */
  view: Bars;
  /** grid slot of each held bar */
  slots: Int32Array;
  barMs: number;
  fold: Fold;
  /** the plan's folds before `fold`, in order (replayed when a warm start has no model) */
  earlier: Fold[];
  /** the previous fold's model, for a warm start (left to the caller to dispose) */
  init: Model | null;
  /** called on each earlier fold's model of a replayed chain, before the next fold starts from it */
  afterFit?: (fold: Fold, fit: LiveFit) => Promise<void>;
}

export interface LiveFit {
  model: Model;
  scaler: Scaler;
}

/** The fold's model, or null when the fold has no training rows (its window is traded flat). */
export async function refitLive(o: LiveRefitOptions): Promise<LiveFit | null> {
  const r = o.request;
  const dataset = buildDataset({
    barsBySymbol: [o.view],
    featureSet: r.model.feature_set ?? DEFAULT_FEATURE_SET,
    label: labelSpecOf(r),
    warmup: r.warmup,
    barMs: o.barMs,
  });
  const warm = warmStartOn(r);
  let init = warm ? o.init : null;
  let own: Model | null = null; // a model of the replayed chain, disposed here
  try {
    if (warm && !init)
      for (const f of o.earlier) {
        const rows = foldRows({ dataset, slot: o.slots }, f, r.model.target_horizon, r.embargo_bars);
        if (rows.train[1] <= rows.train[0] || rows.test[1] <= rows.test[0]) continue;
        const fitted = await fitOn(o, dataset, f, init);
        if (own) disposeModel(own);
        own = init = fitted.model;
        await o.afterFit?.(f, { model: fitted.model, scaler: fitted.scaler });
      }
    const rows = foldRows({ dataset, slot: o.slots }, o.fold, r.model.target_horizon, r.embargo_bars);
    if (rows.train[1] <= rows.train[0]) return null;
    const fitted = await fitOn(o, dataset, o.fold, init);
    return { model: fitted.model, scaler: fitted.scaler };
  } finally {
    if (own) disposeModel(own);
  }
}

function fitOn(o: LiveRefitOptions, dataset: Dataset, fold: Fold, init: Model | null) {
  const r = o.request;
  const rows = foldRows({ dataset, slot: o.slots }, fold, r.model.target_horizon, r.embargo_bars);
  const t = o.view.time.length - 1;
  const sd: SymbolData = {
    symbol: o.view.symbol,
    bars: o.view,
    dataset,
    slot: o.slots,
    folds: [fold],
    rows: [rows],
    testBars: [[t, t + 1]],
  };
  return fitFold({
    plan: { request: r, symbols: [sd], tasks: [{ task: 0, fold: 0, symbols: [0] }] },
    task: 0,
    ...(init ? { init } : {}),
  });
}
