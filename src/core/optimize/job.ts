/**
 * The optimizer job, as the worker runs it: request (the seed's names) -> signals, built once ->
 * walk-forward GA -> report.json, equity_curve.csv, trades.csv, the artifact summary and the
 * panel's view. Storage is the caller's (the worker saves the artifact).
 */
import type { Bars } from '../data/bars';
import type { FillMode } from '../backtest/types';
import type { CancelSignal, ProgressFn } from '../util/progress';
import type { Constraints, Objective } from './objective';
import {
  optimizeArtifactFiles,
  optimizeReport,
  optimizeRunId,
  optimizeSummary,
  optimizeView,
  type OptimizeRunMeta,
  type OptimizeView,
} from './report';
import { buildSignals, firstValidRow, SIGNAL_NAMES, type BuiltinSignalName } from './signals';
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
}

export interface OptimizeJobResult {
  view: OptimizeView;
  files: Record<string, string>;
  summary: Record<string, unknown>;
  createdAt: number;
}

function checkRequest(req: OptimizeRequest): void {
  if (!req.signal_names?.length) throw new Error('Choose at least one signal.');
  for (const n of req.signal_names) {
    if (!SIGNAL_NAMES.includes(n)) throw new Error(`Unknown signal "${n}".`);
  }
}

export async function runOptimizeJob(o: OptimizeJobOptions): Promise<OptimizeJobResult> {
  const req = o.request;
  checkRequest(req);
  o.onProgress?.({ stage: 'signals', fraction: 0, message: `signals for ${req.symbol}` });
  const signals = buildSignals({ bars: o.bars, names: req.signal_names });
  const result = await walkForwardOptimize({
    signalNames: req.signal_names,
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
