/**
 * runFold: one unit of work of a walk-forward plan, pure and independent of the other folds
 * (so folds can run in parallel in a worker pool): fit the scaler on the fold's training rows
 * only, fit a fresh model (registry.fitModel), predict the test rows, optionally learning
 * online (see online.ts), and report the out-of-sample model metrics, gain importance and
 * timings. The result is structured-cloneable (typed arrays and plain objects).
 */
import { MODEL_INFO } from '../models/catalog';
import { disposeModel, fitModel, isOnlineModel, type RowContext } from '../models/registry';
import { LSTM_DEFAULTS } from '../models/tf/neural/options';
import { purgeValidationTail } from '../models/trees/params';
import type { Matrix, Model } from '../models/types';
import { fitScaler, transform } from '../split/scaler';
import { throwIfCancelled, type CancelSignal, type ProgressFn } from '../util/progress';
import { foldModelMetrics, signalOf } from './fold-metrics';
import { runOnline } from './online';
import type {
  FoldResult,
  FoldSymbolPredictions,
  PartialFitEvent,
  SymbolData,
  WalkForwardPlan,
} from './types';
import { InternalError } from '../errors';

export interface RunFoldOptions {
  plan: WalkForwardPlan;
  /** index into plan.tasks */
  task: number;
  /** instrumentation: called just before every model.partialFit */
  onPartialFit?: (e: PartialFitEvent) => void;
  /** the model's fit progress (trees / epochs) */
  onProgress?: ProgressFn;
  signal?: CancelSignal;
}

/** Rows [a, b) of every member, stacked (column-major). */
function stackRows(members: SymbolData[], ranges: [number, number][]): Matrix {
  const cols = members[0].dataset.X.cols;
  const rows = ranges.reduce((n, [a, b]) => n + b - a, 0);
  const columns = Array.from({ length: cols }, () => new Float64Array(rows));
  let at = 0;
  members.forEach((d, m) => {
    const [a, b] = ranges[m];
    for (let j = 0; j < cols; j++) columns[j].set(d.dataset.X.columns[j].subarray(a, b), at);
    at += b - a;
  });
  return { rows, cols, columns };
}

function stackVector<T extends Float64Array | Int32Array>(parts: T[], make: (n: number) => T): T {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** True when no later task of the plan covers any of this task's symbols. */
function isLastTask(plan: WalkForwardPlan, task: number): boolean {
  const own = plan.tasks[task].symbols;
  return !plan.tasks.some((t) => t.task > task && t.symbols.some((s) => own.includes(s)));
}

/**
 * The fitting half of a fold: the scaler fitted on the fold's training rows only and a fresh
 * model fitted on them. runFold predicts the test window with it; the live loop
 * (src/core/live) fits its scheduled retrains with it.
 */
export async function fitFold(
  o: Omit<RunFoldOptions, 'onPartialFit' | 'plan'> & {
    plan: Pick<WalkForwardPlan, 'request' | 'symbols' | 'tasks'>;
  },
) {
  const { plan, signal } = o;
  const req = plan.request;
  const t = plan.tasks[o.task];
  if (!t) throw new InternalError(`no task ${o.task} in the plan (${plan.tasks.length} tasks)`);
  throwIfCancelled(signal);
  const members = t.symbols.map((s) => plan.symbols[s]);
  const k = t.fold;
  const ds0 = members[0].dataset;
  const kind = req.model.kind;
  const task = req.model.task;
  const nClasses = task === 'regression' ? 1 : ds0.label.nClasses;

  // training rows of every member, scaler fitted on them only
  const trainRanges = members.map((d) => d.rows[k].train);
  const raw = stackRows(members, trainRanges);
  const scaler = fitScaler(raw, undefined, ds0.featureNames);
  const X = transform(raw, scaler);
  const y = stackVector(
    members.map((d, m) => d.dataset.y.subarray(trainRanges[m][0], trainRanges[m][1])),
    (n) => new Float64Array(n),
  );
  const context: RowContext = {
    groups: stackVector(
      members.map((d, m) => new Int32Array(trainRanges[m][1] - trainRanges[m][0]).fill(t.symbols[m])),
      (n) => new Int32Array(n),
    ),
    time: stackVector(
      members.map((d, m) => d.dataset.time.subarray(trainRanges[m][0], trainRanges[m][1])),
      (n) => new Float64Array(n),
    ),
    barMs: req.bar_ms,
  };
  const { model, report } = await fitModel({
    kind,
    task,
    X,
    y,
    nClasses,
    params: purgeValidationTail(
      kind,
      { seed: req.model.seed, ...req.model.params },
      req.model.target_horizon,
    ),
    context,
    onProgress: o.onProgress,
    signal,
  });
  return { model, report, scaler, trainRows: raw.rows, members, fold: k, nClasses };
}

export async function runFold(o: RunFoldOptions): Promise<FoldResult> {
  const { plan, signal } = o;
  const req = plan.request;
  const kind = req.model.kind;
  const warnings: string[] = [];
  const fitted = await fitFold(o);
  const { model, report, scaler, members, nClasses } = fitted;
  const k = fitted.fold;
  throwIfCancelled(signal);

  const t1 = performance.now();
  let onlineUpdates = 0;
  const online = req.online && isOnlineModel(model);
  if (req.online && !online)
    warnings.push(
      `${MODEL_INFO[kind].label} (${kind}) cannot learn online (only sgdc and sgdr can); ran offline.`,
    );
  let predictions: FoldSymbolPredictions[];
  try {
    if (online) {
      const r = await runOnline({ plan, task: o.task, model, scaler, onPartialFit: o.onPartialFit, signal });
      predictions = r.predictions;
      onlineUpdates = r.updates;
    } else {
      predictions = members.map((d) => predictOffline(d, k, model, scaler, req.bar_ms, req.model.params));
    }
  } catch (e) {
    disposeModel(model);
    throw e;
  }
  const predictSeconds = (performance.now() - t1) / 1000;

  const yAll = stackVector(
    predictions.map((p) => p.y),
    (n) => new Float64Array(n),
  );
  const vAll = stackVector(
    predictions.map((p) => p.values),
    (n) => new Float64Array(n),
  );
  const perSymbol =
    members.length > 1
      ? Object.fromEntries(predictions.map((p) => [p.symbol, foldModelMetrics(p.y, p.values, nClasses)]))
      : undefined;
  const gain = model.featureImportance?.();
  const updated = req.save_updates && isLastTask(plan, o.task) ? model.serialize() : undefined;
  disposeModel(model);
  return {
    task: o.task,
    fold: k,
    symbols: members.map((d) => d.symbol),
    predictions,
    train_rows: fitted.trainRows,
    test_rows: yAll.length,
    purged_rows: members.reduce((n, d) => n + d.rows[k].purged, 0),
    model_metrics: foldModelMetrics(yAll, vAll, nClasses),
    ...(perSymbol ? { model_metrics_per_symbol: perSymbol } : {}),
    importance: gain ? Array.from(gain) : null,
    fit_seconds: report.fitSeconds,
    predict_seconds: predictSeconds,
    iterations: report.iterations,
    backend: report.backend,
    online,
    online_updates: onlineUpdates,
    scaler,
    ...(updated ? { updated_model: updated } : {}),
    warnings,
  };
}

/** Predict a member's test rows in one batch (lstm: with the preceding rows as sequence history). */
function predictOffline(
  d: SymbolData,
  k: number,
  model: Model,
  scaler: ReturnType<typeof fitScaler>,
  barMs: number,
  params: Record<string, unknown>,
): FoldSymbolPredictions {
  const ds = d.dataset;
  const [ta, tb] = d.rows[k].test;
  const history =
    model.kind === 'lstm' ? Number(params.sequence_length ?? LSTM_DEFAULTS.sequenceLength) - 1 : 0;
  const from = Math.max(0, ta - history); // features only (no labels) of the rows before the window
  const idx = Int32Array.from({ length: tb - from }, (_, i) => from + i);
  const Xs = transform(ds.X, scaler, idx);
  const pred = model.predict(Xs, {
    groups: new Int32Array(idx.length),
    time: ds.time.subarray(from, tb),
    barMs,
  });
  const K = pred.nClasses;
  const n = tb - ta;
  const values = pred.values.slice((ta - from) * K, (tb - from) * K);
  const signal = new Float64Array(n);
  for (let i = 0; i < n; i++) signal[i] = signalOf(values, K, i);
  return {
    symbol: d.symbol,
    barIndex: ds.barIndex.slice(ta, tb),
    signal,
    values,
    nClasses: K,
    y: ds.y.slice(ta, tb),
  };
}
