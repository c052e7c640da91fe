/**
 * The honest use of the optimizer: walk-forward. The data is cut into folds with the backtest's
 * planFolds (windows parsed by src/core/split/windows.ts); on each fold the GA sees only the
 * training bars, and the weights it picks are then run, unchanged, on the fold's test bars.
 * Reported side by side: in-sample (the training bars the weights were chosen on) and
 * out-of-sample (test bars) metrics, per fold and over all test windows simulated as one run;
 * the candidates evaluated; the deflated Sharpe ratio of each fold's in-sample pick.
 *
 * Signals need no label, so no training row is purged (horizon 0): a decision at the close of
 * the last training bar is never executed (with next-open fills) and a position still open is
 * sold at that close, so no training evaluation touches a test bar. All reported metrics come
 * from the backtest's own simulate + computeMetrics, not from the GA's fast loop.
 */
import { buyAndHoldEquity } from '../backtest/benchmark';
import { foldIndexPerBar, planFolds, type Fold } from '../backtest/folds';
import { metricsForRange, metricsOfResult, type BacktestMetrics } from '../backtest/metrics';
import { barReturns } from '../backtest/returns';
import { simulate } from '../backtest/simulate';
import type { SimulationResult } from '../backtest/types';
import { inferBarMs, parseWindow } from '../split/windows';
import type { ProgressFn } from '../util/progress';
import { candidateTargets } from './fitness';
import {
  deflatedSharpe,
  returnMoments,
  probabilisticSharpe,
  variance,
  type DeflatedSharpe,
} from './deflated-sharpe';
import {
  optimizeStrategyWeights,
  type Candidate,
  type GenerationStats,
  type OptimizeOptions,
  type OptimizeResult,
} from './ga';
import { firstValidRow, selectSignals } from './signals';
import { DataError } from '../errors';

export interface WalkForwardOptions extends Omit<OptimizeOptions, 'start' | 'end' | 'onGeneration'> {
  /** training window per fold: '365d', '8760', ... */
  trainWindow: string | number;
  /** test window per fold */
  testWindow: string | number;
  /** bars between fold starts (default: the test window, so test windows tile) */
  step?: string | number;
  /** keep only the most recent folds (default: all) */
  maxFolds?: number;
  /**
   * folds start no earlier than this bar even where the signals are defined before it: runs
   * that must share folds with a run on more signals pass that run's first row
   */
  minFirstRow?: number;
  onGeneration?: (fold: number, g: GenerationStats) => void;
  onProgress?: ProgressFn;
}

export interface FoldOutcome {
  index: number;
  trainStart: number;
  trainEnd: number;
  testStart: number;
  testEnd: number;
  times: { trainStart: number; trainLast: number; testStart: number; testLast: number };
  best: Candidate;
  feasible: boolean;
  evaluated: number;
  feasibleEvaluated: number;
  history: GenerationStats[];
  inSample: BacktestMetrics;
  /** this fold's test window, from the stitched out-of-sample run (metricsForRange) */
  outOfSample: BacktestMetrics;
  deflatedSharpe: DeflatedSharpe;
  seed: number;
}

/** Headline metrics compared in and out of sample. */
export const HEADLINE_METRICS = [
  'totalReturnPct',
  'cagrPct',
  'sharpePerBar',
  'sortino',
  'calmar',
  'maxDrawdownPct',
  'winRate',
  'totalTrades',
  'exposurePct',
  'buyAndHoldReturnPct',
] as const;
export type HeadlineMetric = (typeof HEADLINE_METRICS)[number];
export type HeadlineSummary = Record<HeadlineMetric, number | null>;

export interface WalkForwardResult {
  folds: FoldOutcome[];
  trainBars: number;
  testBars: number;
  step: number;
  barMs: number;
  firstRow: number;
  /** folds planned before maxFolds kept the latest */
  plannedFolds: number;
  /** mean over folds of the in-sample headline metrics (nulls skipped) */
  inSampleMean: HeadlineSummary;
  /** mean over folds of the out-of-sample headline metrics */
  outOfSampleMean: HeadlineSummary;
  /** all test windows simulated as one run (positions carry across contiguous windows) */
  outOfSample: BacktestMetrics;
  /** PSR(0) of the stitched out-of-sample per-bar returns (no selection happened on them) */
  outOfSamplePsr: number;
  /** mean of the folds' in-sample deflated Sharpe ratios */
  meanInSampleDsr: number | null;
  candidatesEvaluated: number;
  simulation: SimulationResult;
  /** buy-and-hold over the stitched span, from the same capital */
  buyAndHold: Float64Array;
  /** the latest fold's weights: what the optimiser would trade next */
  latest: Candidate;
  settings: OptimizeResult['settings'];
  elapsedMs: number;
}

function meanOf(rows: BacktestMetrics[]): HeadlineSummary {
  const out = {} as HeadlineSummary;
  for (const key of HEADLINE_METRICS) {
    let s = 0;
    let c = 0;
    for (const r of rows) {
      const v = r[key];
      if (typeof v === 'number' && Number.isFinite(v)) {
        s += v;
        c++;
      }
    }
    out[key] = c > 0 ? s / c : null;
  }
  return out;
}

/** Mixes the run's seed with the fold index so that folds draw different streams. */
export function foldSeed(seed: number, fold: number): number {
  return (seed ^ Math.imul(fold + 1, 0x9e3779b1)) >>> 0;
}

/** Plans the folds a walk-forward optimisation will use (for the UI's preview and the run). */
export function planOptimizeFolds(opts: {
  time: Float64Array;
  firstRow: number;
  trainWindow: string | number;
  testWindow: string | number;
  step?: string | number;
  maxFolds?: number;
}): { folds: Fold[]; planned: number; trainBars: number; testBars: number; step: number; barMs: number } {
  const barMs = inferBarMs(opts.time);
  const trainBars = parseWindow(opts.trainWindow, barMs, 'train_window');
  const testBars = parseWindow(opts.testWindow, barMs, 'test_window');
  const step = opts.step === undefined ? testBars : parseWindow(opts.step, barMs, 'step');
  const all = planFolds({
    firstRow: opts.firstRow,
    endRow: opts.time.length,
    trainBars,
    testBars,
    step,
    horizon: 0,
    time: opts.time,
  });
  const max = opts.maxFolds ?? 0;
  if (!(Number.isInteger(max) && max >= 0))
    throw new RangeError(`maxFolds must be a non-negative integer, got ${max}`);
  const folds = max > 0 ? all.slice(-max) : all;
  return { folds, planned: all.length, trainBars, testBars, step, barMs };
}

/** Walk-forward optimisation of one symbol. */
export async function walkForwardOptimize(opts: WalkForwardOptions): Promise<WalkForwardResult> {
  const t0 = performance.now();
  const { bars } = opts;
  const names = [...opts.signalNames];
  const columns = selectSignals(opts.signals, names);
  const firstRow = Math.max(firstValidRow(opts.signals, names), opts.minFirstRow ?? 0);
  const plan = planOptimizeFolds({
    time: bars.time,
    firstRow,
    trainWindow: opts.trainWindow,
    testWindow: opts.testWindow,
    step: opts.step,
    maxFolds: opts.maxFolds,
  });
  const { folds } = plan;
  if (folds.length === 0) {
    throw new DataError(
      'too-few-rows',
      `No walk-forward fold fits: ${bars.time.length - firstRow} usable bars (signals defined from bar ${firstRow}) are fewer than one training window (${plan.trainBars} bars) plus one test window (${plan.testBars} bars). Shorten the windows.`,
    );
  }
  const seed = opts.seed ?? 42;
  const n = bars.time.length;
  const oosTargets = new Float64Array(n).fill(NaN);
  const picks: {
    fold: Fold;
    res: OptimizeResult;
    inSample: BacktestMetrics;
    dsr: DeflatedSharpe;
    seed: number;
  }[] = [];
  const total = folds.length;
  const generations = opts.generations ?? 30;
  for (let f = 0; f < total; f++) {
    const fold = folds[f];
    const s = foldSeed(seed, fold.index);
    const res = await optimizeStrategyWeights({
      ...opts,
      seed: s,
      start: fold.trainStart,
      end: fold.trainEnd,
      onGeneration: (g) => {
        opts.onGeneration?.(f, g);
        opts.onProgress?.({
          stage: 'optimize',
          fraction: (f + (g.generation + 1) / generations) / total,
          message: `fold ${f + 1}/${total} · generation ${g.generation + 1}/${generations}`,
          detail: {
            fold: f,
            folds: total,
            generation: g.generation,
            generations,
            best: g.best,
            median: g.median,
            feasible: g.feasible,
            evaluated: g.evaluated,
          },
        });
      },
    });
    const b = res.best;
    const common = {
      signals: columns,
      weights: b.rawWeights,
      buyThreshold: b.buyThreshold,
      sellThreshold: b.sellThreshold,
      longShort: opts.longShort,
    };
    // in-sample: the backtest engine on the training bars
    const isTargets = candidateTargets({ ...common, start: fold.trainStart, end: fold.trainEnd });
    const isSim = simulate({
      bars,
      target: isTargets,
      start: fold.trainStart,
      end: fold.trainEnd,
      feesBps: opts.feesBps,
      slippageBps: opts.slippageBps,
      initialCapital: opts.initialCapital,
      fill: opts.fill,
    });
    const isBh = buyAndHoldEquity({
      bars,
      start: fold.trainStart,
      end: fold.trainEnd,
      initialCapital: isSim.initialCapital,
    });
    const inSample = metricsOfResult(isSim, { buyAndHold: isBh });
    const dsr = deflatedSharpe({
      returns: barReturns(isSim.equity, isSim.initialCapital),
      trials: res.evaluated,
      trialVariance: variance(res.trialSharpes),
    });
    // out-of-sample: the same weights on the test bars (later folds overwrite overlaps)
    candidateTargets({ ...common, start: fold.testStart, end: fold.testEnd, into: oosTargets });
    picks.push({ fold, res, inSample, dsr, seed: s });
  }
  const oosStart = folds[0].testStart;
  const oosEnd = folds[folds.length - 1].testEnd;
  const simulation = simulate({
    bars,
    target: oosTargets,
    start: oosStart,
    end: oosEnd,
    feesBps: opts.feesBps,
    slippageBps: opts.slippageBps,
    initialCapital: opts.initialCapital,
    fill: opts.fill,
    foldIndex: foldIndexPerBar(folds, n),
  });
  const buyAndHold = buyAndHoldEquity({
    bars,
    start: oosStart,
    end: oosEnd,
    initialCapital: simulation.initialCapital,
  });
  const outOfSample = metricsOfResult(simulation, { buyAndHold });
  const outcomes: FoldOutcome[] = picks.map(({ fold, res, inSample, dsr, seed: s }) => ({
    index: fold.index,
    trainStart: fold.trainStart,
    trainEnd: fold.trainEnd,
    testStart: fold.testStart,
    testEnd: fold.testEnd,
    times: fold.times!,
    best: res.best,
    feasible: res.feasible,
    evaluated: res.evaluated,
    feasibleEvaluated: res.feasibleEvaluated,
    history: res.history,
    inSample,
    outOfSample: metricsForRange(simulation, { from: fold.testStart, to: fold.testEnd, buyAndHold }),
    deflatedSharpe: dsr,
    seed: s,
  }));
  const oosMoments = returnMoments(barReturns(simulation.equity, simulation.initialCapital));
  const dsrs = outcomes.map((o) => o.deflatedSharpe.dsr).filter((v) => Number.isFinite(v));
  return {
    folds: outcomes,
    trainBars: plan.trainBars,
    testBars: plan.testBars,
    step: plan.step,
    barMs: plan.barMs,
    firstRow,
    plannedFolds: plan.planned,
    inSampleMean: meanOf(outcomes.map((o) => o.inSample)),
    outOfSampleMean: meanOf(outcomes.map((o) => o.outOfSample)),
    outOfSample,
    outOfSamplePsr: probabilisticSharpe(oosMoments),
    meanInSampleDsr: dsrs.length ? dsrs.reduce((a, b) => a + b, 0) / dsrs.length : null,
    candidatesEvaluated: outcomes.reduce((a, o) => a + o.evaluated, 0),
    simulation,
    buyAndHold,
    latest: outcomes[outcomes.length - 1].best,
    settings: { ...picks[picks.length - 1].res.settings, seed },
    elapsedMs: performance.now() - t0,
  };
}
