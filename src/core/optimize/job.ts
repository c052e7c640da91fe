/**
 * The optimizer job, as the worker runs it: request (the seed's names) -> signals, built once ->
 * walk-forward GA -> report.json, equity_curve.csv, trades.csv, the artifact summary and the
 * panel's view. Storage is the caller's (the worker saves the artifact).
 */
import type { Bars } from '../data/bars';
import { InputError } from '../errors';
import { inferBarMs, parseWindow } from '../split/windows';
import type { FillMode } from '../backtest/types';
import type { CancelSignal, ProgressFn } from '../util/progress';
import { checkConstraints, OBJECTIVES, type Constraints, type Objective } from './objective';
import {
  optimizeArtifactFiles,
  optimizeReport,
  optimizeRunId,
  optimizeSummary,
  optimizeView,
  type OptimizeRunMeta,
  type OptimizeView,
} from './report';
import {
  buildSignals,
  firstValidRow,
  SIGNAL_NAMES,
  type BuiltinSignalName,
  type ModelSignalInput,
} from './signals';
import { planOptimizeFolds, walkForwardOptimize } from './walk-forward';

/** The Optimize panel's request (the seed's optimize_strategy_weights names where it had them). */
export interface OptimizeRequest {
  symbol: string;
  signal_names: BuiltinSignalName[];
  objective: Objective;
  constraints: Constraints;
  population: number;
  generations: number;
  seed: number;
  optimize_thresholds: boolean;
  buy_threshold?: number;
  sell_threshold?: number;
  long_short?: boolean;
  fees_bps: number;
  slippage_bps: number;
  fill?: FillMode;
  train_window: string;
  test_window: string;
  /** keep the latest N folds (0 or absent: all) */
  max_folds?: number;
}

export interface OptimizeJobOptions {
  request: OptimizeRequest;
  bars: Bars;
  dataset: OptimizeRunMeta['dataset'];
  appVersion: string;
  /** clock for the run id (default Date.now) */
  now?: () => number;
  onProgress?: ProgressFn;
  signal?: CancelSignal;
  /** a model's out-of-sample predictions on `bars`, blended as one more signal, 'model' */
  model?: ModelSignalInput;
}

export interface OptimizeJobResult {
  view: OptimizeView;
  files: Record<string, string>;
  summary: Record<string, unknown>;
  createdAt: number;
}

function checkWholeAtLeast(field: keyof OptimizeRequest, label: string, v: unknown, min: number): void {
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= min))
    throw new InputError(field, `${label} must be a whole number of at least ${min}; got ${String(v)}.`);
}

/**
 * The request, checked once before any work: every mistake is an InputError naming the
 * request field (constraints by their own names: max_drawdown, min_win_rate, min_trades).
 * Windows are read against the bar size of `time` (a duration must be a whole number of bars).
 */
function checkRequest(req: OptimizeRequest, time: Float64Array): void {
  if (!req.signal_names?.length) throw new InputError('signal_names', 'Choose at least one signal.');
  for (const n of req.signal_names) {
    if (!SIGNAL_NAMES.includes(n))
      throw new InputError('signal_names', `Unknown signal "${n}"; use ${SIGNAL_NAMES.join(', ')}.`);
  }
  if (new Set(req.signal_names).size !== req.signal_names.length)
    throw new InputError('signal_names', 'A signal is listed twice.');
  if (!OBJECTIVES.includes(req.objective))
    throw new InputError(
      'objective',
      `Unknown objective "${String(req.objective)}"; use ${OBJECTIVES.join(', ')}.`,
    );
  const constraints = req.constraints ?? {};
  for (const field of ['max_drawdown', 'min_win_rate', 'min_trades'] as const) {
    try {
      checkConstraints({ [field]: constraints[field] });
    } catch (e) {
      throw new InputError(field, `Constraint ${(e as Error).message}.`);
    }
  }
  checkWholeAtLeast('population', 'Population', req.population, 4);
  checkWholeAtLeast('generations', 'Generations', req.generations, 1);
  if (!Number.isInteger(req.seed))
    throw new InputError('seed', `Seed must be a whole number; got ${req.seed}.`);
  if (req.max_folds !== undefined) checkWholeAtLeast('max_folds', 'max_folds', req.max_folds, 0);
  for (const field of ['fees_bps', 'slippage_bps'] as const) {
    const v = req[field];
    if (!(typeof v === 'number' && v >= 0 && Number.isFinite(v)))
      throw new InputError(field, `${field} must be a number of basis points, 0 or more; got ${String(v)}.`);
  }
  if (!req.optimize_thresholds) {
    for (const field of ['buy_threshold', 'sell_threshold'] as const) {
      const v = req[field];
      if (v !== undefined && !(v >= -1 && v <= 1))
        throw new InputError(field, `${field} must be a score between -1 and 1; got ${v}.`);
    }
    const buy = req.buy_threshold ?? 0;
    const sell = req.sell_threshold ?? 0;
    if (!(buy >= sell))
      throw new InputError(
        'sell_threshold',
        `The sell threshold (${sell}) must be at most the buy threshold (${buy}).`,
      );
  }
  if (time.length < 2) return; // too few bars for any fold: the walk-forward says so
  const barMs = inferBarMs(time);
  for (const field of ['train_window', 'test_window'] as const) {
    try {
      parseWindow(req[field], barMs);
    } catch (e) {
      throw new InputError(field, `${field}: ${(e as Error).message}.`);
    }
  }
}

export async function runOptimizeJob(o: OptimizeJobOptions): Promise<OptimizeJobResult> {
  const req = o.request;
  checkRequest(req, o.bars.time);
  o.onProgress?.({ stage: 'signals', fraction: 0, message: `signals for ${req.symbol}` });
  const signals = buildSignals({ bars: o.bars, names: req.signal_names, model: o.model });
  const result = await walkForwardOptimize({
    // folds start where every blended signal, the model's included, has a value
    signalNames: o.model ? [...req.signal_names, 'model'] : req.signal_names,
    signals,
    bars: o.bars,
    objective: req.objective,
    constraints: req.constraints,
    population: req.population,
    generations: req.generations,
    seed: req.seed,
    optimizeThresholds: req.optimize_thresholds,
    buyThreshold: req.buy_threshold,
    sellThreshold: req.sell_threshold,
    longShort: req.long_short,
    feesBps: req.fees_bps,
    slippageBps: req.slippage_bps,
    fill: req.fill,
    trainWindow: req.train_window,
    testWindow: req.test_window,
    maxFolds: req.max_folds,
    onProgress: o.onProgress,
    signal: o.signal,
  });
  const createdAt = (o.now ?? Date.now)();
  const report = optimizeReport(result, signals, {
    runId: optimizeRunId(createdAt),
    createdAt,
    appVersion: o.appVersion,
    dataset: o.dataset,
    symbol: req.symbol,
    trainWindow: req.train_window,
    testWindow: req.test_window,
    maxFolds: req.max_folds,
  });
  return {
    view: optimizeView(result, report),
    files: optimizeArtifactFiles(result, report),
    summary: optimizeSummary(report),
    createdAt,
  };
}

/** How many folds a request would run (for the panel, before it starts). */
export function previewOptimizeFolds(o: {
  bars: Bars;
  signal_names: BuiltinSignalName[];
  train_window: string;
  test_window: string;
  max_folds?: number;
}): { folds: number; planned: number; trainBars: number; testBars: number; firstRow: number } {
  const signals = buildSignals({ bars: o.bars, names: o.signal_names });
  const firstRow = firstValidRow(signals, o.signal_names);
  const plan = planOptimizeFolds({
    time: o.bars.time,
    firstRow,
    trainWindow: o.train_window,
    testWindow: o.test_window,
    maxFolds: o.max_folds,
  });
  return {
    folds: plan.folds.length,
    planned: plan.planned,
    trainBars: plan.trainBars,
    testBars: plan.testBars,
    firstRow,
  };
}
