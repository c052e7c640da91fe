/**
 * runFold: one unit of work of a walk-forward plan, pure and independent of the other folds
 * (so folds can run in parallel in a worker pool): fit the scaler on the fold's training rows
 * only, fit a fresh model (registry.fitModel), predict the test rows, optionally learning
 * online (see online.ts), and report the out-of-sample model metrics, gain importance and
 * timings. The result is structured-cloneable (typed arrays and plain objects).
 *
 * Neural kinds stop early on the last NEURAL_VALIDATION_FRACTION of the training rows, with the
 * label horizon's h rows dropped before them, and sequence models read the rows before every
 * window as history (features only). With a warm start (warmStartOn) the folds of one symbol
 * form a chain, runFoldChain: fold k starts from fold k-1's weights and fine-tunes for
 * fine_tune_epochs, so those folds run in order while chains stay independent.
 */
import { MODEL_INFO } from '../models/catalog';
import { disposeModel, fitModel, isOnlineModel, sequenceHistory, type RowContext } from '../models/registry';
import { purgeValidationTail } from '../models/trees/params';
import type { Matrix, Model } from '../models/types';
import { fitScaler, transform } from '../split/scaler';
import { throwIfCancelled, type CancelSignal, type ProgressFn } from '../util/progress';
import { foldModelMetrics, signalOf } from './fold-metrics';
import { giveBackColumns, reusesTrainingX, takeColumns } from './fold-scratch';
import { runOnline } from './online';
import { runOnlineNeural } from './online-neural';
import { NeuralModel } from '../models/tf';
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
  /** neural kinds: start from this model's weights (the previous fold's) and fine-tune */
  init?: Model;
  /** instrumentation: called before every fit with the bars of the rows it learns from */
  onFit?: (e: FoldFitEvent) => void;
}

/** Instrumentation: one fit of a fold, with the bar indices of the labelled rows it uses. */
export interface FoldFitEvent {
  fold: number;
  warm: boolean;
  /** per member symbol: bar indices of the rows trained on and of the validation rows */
  rows: { symbol: string; train: Int32Array; validation: Int32Array }[];
}

/** Share of a neural fold's training rows kept back (at its end) to stop early on. */
export const NEURAL_VALIDATION_FRACTION = 0.1;

/**
 * Validation checks per epoch of a warm-started fold: fine-tuning from the previous fold's
 * weights, on a window that shares most of its rows with that fold's, mostly helps within a
 * fraction of an epoch or not at all (tf/README.md, warm walk-forward), so the fold checks its
 * validation loss after every quarter epoch and gives up, keeping the best weights so far (the
 * starting ones if nothing beat them), after warmPatience quarters without a better one. Its
 * `iterations` then count quarter epochs. Folds from scratch check once an epoch.
 */
export const WARM_CHECKS_PER_EPOCH = 4;

/** Whether a request's folds warm-start: `warm_start` (default on) for neural kinds only. */
export function warmStartOn(req: Pick<WalkForwardPlan['request'], 'model' | 'warm_start'>): boolean {
  return MODEL_INFO[req.model.kind].family === 'neural' && req.warm_start !== false;
}

/**
 * The plan's tasks as chains that warm-start one from the next: the folds of one symbol (or of
 * the pooled group) in fold order. Chains are independent of each other.
 */
export function foldChains(plan: Pick<WalkForwardPlan, 'tasks'>): number[][] {
  const byKey = new Map<string, number[]>();
  for (const t of plan.tasks) {
    const key = t.symbols.join(',');
    const chain = byKey.get(key) ?? [];
    chain.push(t.task);
    byKey.set(key, chain);
  }
  return [...byKey.values()].map((c) => c.sort((a, b) => plan.tasks[a].fold - plan.tasks[b].fold));
}

/**
 * Rows [a, b) of every member, stacked (column-major). One member's rows are views of its
 * columns, not copies: every caller only reads them (the scaler's fit and transform, which
 * writes new columns), and a fold saves two copies of its training matrix that way.
 */
function stackRows(members: SymbolData[], ranges: [number, number][]): Matrix {
  const cols = members[0].dataset.X.cols;
  if (members.length === 1) {
    const [a, b] = ranges[0];
    return { rows: b - a, cols, columns: members[0].dataset.X.columns.map((c) => c.subarray(a, b)) };
  }
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

/**
 * Rows [a, b) of every member with up to `history` rows before each as sequence history:
 * features of all of them, labels of [a, b) only (`context.targets` marks those rows). One
 * member's labels are a view of its dataset's (read only, as its rows are). The context is
 * built on first read: only sequence models and ensembles read it.
 */
function stackBlock(
  members: SymbolData[],
  symbols: number[],
  ranges: [number, number][],
  history: number,
  barMs: number,
): { X: Matrix; y: Float64Array; context: RowContext } {
  const from = ranges.map(([a]) => Math.max(0, a - history));
  const X = stackRows(
    members,
    ranges.map(([, b], m) => [from[m], b]),
  );
  const yParts = members.map((d, m) => d.dataset.y.subarray(ranges[m][0], ranges[m][1]));
  const y = yParts.length === 1 ? yParts[0] : stackVector(yParts, (n) => new Float64Array(n));
  let built: Required<RowContext> | undefined;
  const build = (): Required<RowContext> => {
    if (built) return built;
    const targets: number[] = [];
    let at = 0;
    members.forEach((_, m) => {
      const [a, b] = ranges[m];
      for (let r = a; r < b; r++) targets.push(at + r - from[m]);
      at += b - from[m];
    });
    built = {
      groups: stackVector(
        members.map((_, m) => new Int32Array(ranges[m][1] - from[m]).fill(symbols[m])),
        (n) => new Int32Array(n),
      ),
      time: stackVector(
        members.map((d, m) => d.dataset.time.subarray(from[m], ranges[m][1])),
        (n) => new Float64Array(n),
      ),
      barMs,
      targets: Int32Array.from(targets),
    };
    return built;
  };
  const context: RowContext = {
    get groups() {
      return build().groups;
    },
    get time() {
      return build().time;
    },
    barMs,
  };
  if (history > 0)
    Object.defineProperty(context, 'targets', { enumerable: true, get: () => build().targets });
  return { X, y, context };
}

/** Epochs of a warm-started fold: `fine_tune_epochs`, by default a fifth of the model's (at least 1). */
function fineTuneEpochs(req: WalkForwardPlan['request'], params: Record<string, unknown>): number {
  if (req.fine_tune_epochs !== undefined) return req.fine_tune_epochs;
  const epochs = Number(params.epochs ?? MODEL_INFO[req.model.kind].defaults.epochs);
  return Math.max(1, Math.ceil(epochs / 5));
}

function isNeuralModel(m: Model): boolean {
  return m instanceof NeuralModel;
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
  const params: Record<string, unknown> = { seed: req.model.seed, ...req.model.params };
  const neural = MODEL_INFO[kind].family === 'neural';
  const warm = neural && o.init !== undefined;
  if (warm) params.epochs = fineTuneEpochs(req, params);
  // neural kinds stop early on the tail of the training rows, h rows after the rows they fit
  const h = req.model.target_horizon;
  const split = members.map((d, m) => {
    const [a, b] = trainRanges[m];
    const v = neural ? Math.floor((b - a) * NEURAL_VALIDATION_FRACTION) : 0;
    return v >= 1 && b - v - h - a >= v
      ? { fit: [a, b - v - h] as [number, number], valid: [b - v, b] as [number, number] }
      : { fit: [a, b] as [number, number], valid: null };
  });
  const history = sequenceHistory(kind, req.model.params);
  /** `reuse`: scale into this thread's spare columns (fold-scratch.ts), handed back after the fit */
  const block = (ranges: [number, number][], on: number[], reuse = false) => {
    const b = stackBlock(
      on.map((m) => members[m]),
      on.map((m) => t.symbols[m]),
      ranges,
      history,
      req.bar_ms,
    );
    const into = reuse ? takeColumns(b.X.cols, b.X.rows) : undefined;
    return { ...b, X: transform(b.X, scaler, undefined, into), into };
  };
  const fitBlock = block(
    split.map((p) => p.fit),
    members.map((_, m) => m),
    reusesTrainingX(kind),
  );
  const withValid = members.map((_, m) => m).filter((m) => split[m].valid);
  const validBlock =
    withValid.length > 0
      ? block(
          withValid.map((m) => split[m].valid!),
          withValid,
        )
      : undefined;
  o.onFit?.({
    fold: k,
    warm,
    rows: members.map((d, m) => {
      const v = split[m].valid;
      const bars = (r: [number, number] | null) =>
        r ? d.dataset.barIndex.slice(r[0], r[1]) : new Int32Array(0);
      return { symbol: d.symbol, train: bars(split[m].fit), validation: bars(v) };
    }),
  });
  const { model, report } = await fitModel({
    kind,
    task,
    X: fitBlock.X,
    y: fitBlock.y,
    nClasses,
    params: purgeValidationTail(kind, params, h),
    context: fitBlock.context,
    validation: validBlock && { X: validBlock.X, y: validBlock.y, context: validBlock.context },
    init: o.init,
    ...(warm ? { checksPerEpoch: WARM_CHECKS_PER_EPOCH } : {}),
    onProgress: o.onProgress,
    signal,
  }).finally(() => {
    if (fitBlock.into) giveBackColumns(fitBlock.into);
  });
  return { model, report, scaler, trainRows: raw.rows, members, fold: k, nClasses };
}

export async function runFold(o: RunFoldOptions): Promise<FoldResult> {
  const { result, model } = await foldWithModel(o);
  disposeModel(model);
  return result;
}

/**
 * A chain of folds (see foldChains) in fold order, each fold after the first starting from
 * the previous fold's fitted weights and fine-tuning on the rows of its own training window (nothing else).
 */
export async function runFoldChain(
  o: Omit<RunFoldOptions, 'task' | 'init'> & { chain: number },
): Promise<FoldResult[]> {
  const chain = foldChains(o.plan)[o.chain];
  if (!chain) throw new InternalError(`no chain ${o.chain} in the plan`);
  const out: FoldResult[] = [];
  let prev: Model | undefined;
  try {
    for (const task of chain) {
      const { result, model } = await foldWithModel({ ...o, task, init: prev });
      if (prev) disposeModel(prev);
      prev = model;
      out.push(result);
    }
  } finally {
    if (prev) disposeModel(prev);
  }
  return out;
}

async function foldWithModel(o: RunFoldOptions): Promise<{ result: FoldResult; model: Model }> {
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
  const neural = isNeuralModel(model);
  const neuralOnline = req.online && neural && members.length === 1;
  const online = (req.online && isOnlineModel(model)) || neuralOnline;
  if (req.online && !online)
    warnings.push(
      neural
        ? `${MODEL_INFO[kind].label} (${kind}) fine-tunes online one symbol at a time; this pooled fold ran offline.`
        : `${MODEL_INFO[kind].label} (${kind}) cannot learn online (only sgdc and sgdr learn row by row, the neural nets in batches); ran offline.`,
    );
  let predictions: FoldSymbolPredictions[];
  try {
    if (neuralOnline) {
      const r = await runOnlineNeural({
        plan,
        task: o.task,
        model: model as unknown as NeuralModel,
        scaler,
        onPartialFit: o.onPartialFit,
        signal,
      });
      predictions = r.predictions;
      onlineUpdates = r.updates;
    } else if (online && isOnlineModel(model)) {
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
  const result: FoldResult = {
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
    ...(o.init ? { warm_started: true } : {}),
    warnings,
  };
  return { result, model };
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
  const history = sequenceHistory(model.kind, params);
  const from = Math.max(0, ta - history); // features only (no labels) of the rows before the window
  const rows = tb - from;
  const Xs = transform(
    { rows, cols: ds.X.cols, columns: ds.X.columns.map((c) => c.subarray(from, tb)) },
    scaler,
  );
  const pred = model.predict(Xs, {
    groups: new Int32Array(rows),
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
