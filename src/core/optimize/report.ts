/**
 * The optimizer run as files: report.json (GA settings, signal definitions, per-fold weights,
 * in-sample and out-of-sample results, deflated Sharpe, per-generation history, definitions),
 * equity_curve.csv and trades.csv of the out-of-sample run (the backtest's CSV writers), the
 * artifact summary for lists, and the view the Optimize panel draws.
 */
import type { BacktestMetrics } from '../backtest/metrics';
import { equityCurveCsv, tradesCsv } from '../backtest/csv';
import { formatBarMs } from '../split/windows';
import { timestampId } from '../util/ids';
import { jsonSafe } from '../util/json';
import { DEFLATED_SHARPE_DEFINITION } from './deflated-sharpe';
import { BAND_BOUNDS, BUY_BOUNDS, WEIGHT_BOUNDS, type GenerationStats } from './ga';
import type { Constraints, Objective } from './objective';
import type { SignalSet } from './signals';
import type { HeadlineSummary, WalkForwardResult } from './walk-forward';

export const OPTIMIZE_FILES = ['report.json', 'equity_curve.csv', 'trades.csv'] as const;

export function optimizeRunId(ms: number): string {
  return `optimize_${timestampId(ms)}`;
}

/** The seed's result names for the headline metrics. */
export interface SeedResults {
  total_return_pct: number;
  cagr_pct: number | null;
  sharpe_ratio: number;
  sharpe_daily: number;
  sortino: number | null;
  calmar: number | null;
  max_drawdown_pct: number;
  win_rate: number | null;
  total_trades: number;
  exposure_pct: number;
  total_costs: number;
  buy_and_hold_return_pct: number | null;
  final_equity: number;
  bars: number;
  start_time: string | null;
  end_time: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function seedResults(m: BacktestMetrics): SeedResults {
  return {
    total_return_pct: m.totalReturnPct,
    cagr_pct: m.cagrPct,
    sharpe_ratio: m.sharpePerBar,
    sharpe_daily: m.sharpeDaily,
    sortino: m.sortino,
    calmar: m.calmar,
    max_drawdown_pct: m.maxDrawdownPct,
    win_rate: m.winRate,
    total_trades: m.totalTrades,
    exposure_pct: m.exposurePct,
    total_costs: m.totalCosts,
    buy_and_hold_return_pct: m.buyAndHoldReturnPct,
    final_equity: m.finalEquity,
    bars: m.bars,
    start_time: iso(m.startTime),
    end_time: iso(m.endTime),
  };
}

/** Headline means with the seed's names. */
export interface SeedMeans {
  total_return_pct: number | null;
  cagr_pct: number | null;
  sharpe_ratio: number | null;
  sortino: number | null;
  calmar: number | null;
  max_drawdown_pct: number | null;
  win_rate: number | null;
  total_trades: number | null;
  exposure_pct: number | null;
  buy_and_hold_return_pct: number | null;
}

function seedMeans(h: HeadlineSummary): SeedMeans {
  return {
    total_return_pct: h.totalReturnPct,
    cagr_pct: h.cagrPct,
    sharpe_ratio: h.sharpePerBar,
    sortino: h.sortino,
    calmar: h.calmar,
    max_drawdown_pct: h.maxDrawdownPct,
    win_rate: h.winRate,
    total_trades: h.totalTrades,
    exposure_pct: h.exposurePct,
    buy_and_hold_return_pct: h.buyAndHoldReturnPct,
  };
}

export interface OptimizeRunMeta {
  runId: string;
  createdAt: number;
  appVersion: string;
  dataset: { id: string; revision?: string | null; commit?: string | null; hubUrl?: string | null };
  symbol: string;
  trainWindow: string | number;
  testWindow: string | number;
  step?: string | number;
  maxFolds?: number;
}

export interface HistoryRow {
  generation: number;
  best: number;
  median: number;
  feasible: number;
  best_violation: number;
  evaluated: number;
}

export interface FoldReport {
  fold: number;
  train: { start_bar: number; end_bar: number; start_time: string; last_time: string };
  test: { start_bar: number; end_bar: number; start_time: string; last_time: string };
  seed: number;
  weights: Record<string, number>;
  buy_threshold: number;
  sell_threshold: number;
  feasible: boolean;
  violation: number;
  objective: number;
  candidates_evaluated: number;
  feasible_candidates: number;
  in_sample: SeedResults;
  out_of_sample: SeedResults;
  deflated_sharpe: {
    dsr: number | null;
    psr: number | null;
    sharpe_per_bar: number;
    sr0_per_bar: number;
    trials: number;
    trial_sharpe_variance: number;
    returns: number;
    skew: number;
    kurtosis: number;
  };
  history: HistoryRow[];
}

export interface OptimizeReportJson {
  kind: 'optimize';
  run_id: string;
  created_at: string;
  app_version: string;
  dataset: OptimizeRunMeta['dataset'];
  symbol: string;
  timeframe: string;
  settings: {
    signal_names: string[];
    objective: Objective;
    constraints: Constraints;
    population: number;
    generations: number;
    seed: number;
    optimize_thresholds: boolean;
    buy_threshold: number | null;
    sell_threshold: number | null;
    long_short: boolean;
    fees_bps: number;
    slippage_bps: number;
    fill: string;
    train_window: string | number;
    test_window: string | number;
    step: string | number | null;
    max_folds: number | null;
    train_bars: number;
    test_bars: number;
    step_bars: number;
    norm_window: number;
    ga: Record<string, number>;
    gene_bounds: Record<string, [number, number]>;
  };
  signals: Record<string, string>;
  folds: FoldReport[];
  summary: {
    folds: number;
    planned_folds: number;
    candidates_evaluated: number;
    all_folds_feasible: boolean;
    infeasible_folds: number[];
    in_sample_mean: SeedMeans;
    out_of_sample_mean: SeedMeans;
    out_of_sample: SeedResults;
    out_of_sample_psr: number | null;
    mean_in_sample_dsr: number | null;
    latest_weights: Record<string, number>;
    latest_buy_threshold: number;
    latest_sell_threshold: number;
  };
  definitions: Record<string, string>;
  timings: { elapsed_s: number };
}

const history = (h: GenerationStats[]): HistoryRow[] =>
  h.map((g) => ({
    generation: g.generation,
    best: g.best,
    median: g.median,
    feasible: g.feasible,
    best_violation: g.bestViolation,
    evaluated: g.evaluated,
  }));

const DEFINITIONS: Record<string, string> = {
  deflated_sharpe: DEFLATED_SHARPE_DEFINITION,
  score:
    'score[t] = sum_j w_j signal_j[t] / sum_j |w_j| (in [-1, 1]); long when score >= buy_threshold, flat (short with long_short) when <= sell_threshold, otherwise keep the position; flat where a signal is undefined',
  genes:
    'one weight per signal in [-1, 1]; with optimize_thresholds also buy in [-0.5, 0.5] and a band in [0, 0.5], sell = buy - band',
  ga: 'generation 0 uniform random; then elite copies, tournament selection, BLX-alpha blend crossover, Gaussian mutation (sigma = mutation_scale x gene range), clipped to bounds; one seeded mulberry32 stream',
  objective:
    'sharpe = sharpe_ratio (per bar, annualised); sortino; calmar = CAGR / |max drawdown|; total_return = total_return_pct. Unbounded values (no losing bar, no drawdown) count as 1e9',
  constraints:
    'max_drawdown: max drawdown (fraction) >= limit; min_win_rate: win rate >= limit (no trades misses fully); min_trades: closed trades >= limit. Violation = sum of misses each divided by its limit; infeasible candidates rank below every feasible one, by violation',
  walk_forward:
    "each fold's GA sees only its training bars; the chosen weights then trade the fold's test bars unchanged. in_sample = the training bars; out_of_sample = the test bars, all test windows simulated as one run (positions carry across contiguous windows), per fold via the same metrics on the window",
  execution:
    'the backtest engine: a decision at the close of bar t fills at the open of t+1 (fill nextOpen) or at that close; all-in; fees_bps on each fill notional, slippage_bps moves each fill price against the trade; an open position is sold at the last close with costs',
  sharpe_ratio: 'mean / std (ddof 0) of per-bar returns x sqrt(bars per year), risk-free 0',
  max_drawdown_pct: 'min over bars of (equity / running peak - 1) x 100, equity at market every bar',
  win_rate: 'closed trades with pnl > 0 / closed trades (fraction)',
  history:
    'per generation: best = objective of the top-ranked candidate, median = median objective of the population, feasible = feasible candidates in it',
};

/** report.json as an object (JSON-safe: no NaN, no typed arrays). */
export function optimizeReport(
  r: WalkForwardResult,
  signals: SignalSet,
  meta: OptimizeRunMeta,
): OptimizeReportJson {
  const s = r.settings;
  const isoT = (ms: number) => new Date(ms).toISOString();
  const folds: FoldReport[] = r.folds.map((f) => ({
    fold: f.index,
    train: {
      start_bar: f.trainStart,
      end_bar: f.trainEnd,
      start_time: isoT(f.times.trainStart),
      last_time: isoT(f.times.trainLast),
    },
    test: {
      start_bar: f.testStart,
      end_bar: f.testEnd,
      start_time: isoT(f.times.testStart),
      last_time: isoT(f.times.testLast),
    },
    seed: f.seed,
    weights: f.best.weights,
    buy_threshold: f.best.buyThreshold,
    sell_threshold: f.best.sellThreshold,
    feasible: f.feasible,
    violation: f.best.violation,
    objective: f.best.objective,
    candidates_evaluated: f.evaluated,
    feasible_candidates: f.feasibleEvaluated,
    in_sample: seedResults(f.inSample),
    out_of_sample: seedResults(f.outOfSample),
    deflated_sharpe: {
      dsr: f.deflatedSharpe.dsr,
      psr: f.deflatedSharpe.psr,
      sharpe_per_bar: f.deflatedSharpe.sharpe,
      sr0_per_bar: f.deflatedSharpe.benchmark,
      trials: f.deflatedSharpe.trials,
      trial_sharpe_variance: f.deflatedSharpe.trialVariance,
      returns: f.deflatedSharpe.count,
      skew: f.deflatedSharpe.skew,
      kurtosis: f.deflatedSharpe.kurtosis,
    },
    history: history(f.history),
  }));
  const report: OptimizeReportJson = {
    kind: 'optimize',
    run_id: meta.runId,
    created_at: new Date(meta.createdAt).toISOString(),
    app_version: meta.appVersion,
    dataset: meta.dataset,
    symbol: meta.symbol,
    timeframe: formatBarMs(r.barMs),
    settings: {
      signal_names: s.signalNames,
      objective: s.objective,
      constraints: s.constraints,
      population: s.population,
      generations: s.generations,
      seed: s.seed,
      optimize_thresholds: s.optimizeThresholds,
      buy_threshold: s.optimizeThresholds ? null : s.buyThreshold,
      sell_threshold: s.optimizeThresholds ? null : s.sellThreshold,
      long_short: s.longShort,
      fees_bps: s.feesBps,
      slippage_bps: s.slippageBps,
      fill: s.fill,
      train_window: meta.trainWindow,
      test_window: meta.testWindow,
      step: meta.step ?? null,
      max_folds: meta.maxFolds ?? null,
      train_bars: r.trainBars,
      test_bars: r.testBars,
      step_bars: r.step,
      norm_window: signals.normWindow,
      ga: { ...s.ga },
      gene_bounds: { weight: WEIGHT_BOUNDS, buy_threshold: BUY_BOUNDS, band: BAND_BOUNDS },
    },
    signals: Object.fromEntries(s.signalNames.map((n) => [n, signals.definitions[n] ?? ''])),
    folds,
    summary: {
      folds: r.folds.length,
      planned_folds: r.plannedFolds,
      candidates_evaluated: r.candidatesEvaluated,
      all_folds_feasible: r.folds.every((f) => f.feasible),
      infeasible_folds: r.folds.filter((f) => !f.feasible).map((f) => f.index),
      in_sample_mean: seedMeans(r.inSampleMean),
      out_of_sample_mean: seedMeans(r.outOfSampleMean),
      out_of_sample: seedResults(r.outOfSample),
      out_of_sample_psr: r.outOfSamplePsr,
      mean_in_sample_dsr: r.meanInSampleDsr,
      latest_weights: r.latest.weights,
      latest_buy_threshold: r.latest.buyThreshold,
      latest_sell_threshold: r.latest.sellThreshold,
    },
    definitions: DEFINITIONS,
    timings: { elapsed_s: r.elapsedMs / 1000 },
  };
  return jsonSafe(report) as unknown as OptimizeReportJson;
}

/** All files of the run (report.json pretty-printed; CSVs in the backtest's exact format). */
export function optimizeArtifactFiles(
  r: WalkForwardResult,
  report: OptimizeReportJson,
): Record<string, string> {
  const sim = r.simulation;
  return {
    'report.json': JSON.stringify(report, null, 2),
    'equity_curve.csv': equityCurveCsv({
      time: sim.time,
      equity: sim.equity,
      initialEquity: sim.initialCapital,
      position: sim.position,
      buyAndHold: r.buyAndHold,
    }),
    'trades.csv': tradesCsv(sim.trades),
  };
}

/** The headline numbers and config for artifact lists (ArtifactRecord.summary). */
export function optimizeSummary(report: OptimizeReportJson): Record<string, unknown> {
  const o = report.summary.out_of_sample;
  return {
    results: {
      total_return_pct: o.total_return_pct,
      sharpe_ratio: o.sharpe_ratio,
      win_rate: o.win_rate,
      max_drawdown_pct: o.max_drawdown_pct,
      total_trades: o.total_trades,
    },
    symbols: [report.symbol],
    dataset: report.dataset.id,
    objective: report.settings.objective,
    folds: report.summary.folds,
    candidates_evaluated: report.summary.candidates_evaluated,
    in_sample_sharpe: report.summary.in_sample_mean.sharpe_ratio,
    out_of_sample_sharpe: o.sharpe_ratio,
    mean_in_sample_dsr: report.summary.mean_in_sample_dsr,
    weights: report.summary.latest_weights,
  };
}

/** What the Optimize panel draws: the report and the out-of-sample curve against buy-and-hold. */
export interface OptimizeView {
  run_id: string;
  report: OptimizeReportJson;
  curve: { time: Float64Array; equity: Float64Array; buyAndHold: Float64Array };
}

export function optimizeView(r: WalkForwardResult, report: OptimizeReportJson): OptimizeView {
  return {
    run_id: report.run_id,
    report,
    curve: {
      time: r.simulation.time.slice(),
      equity: r.simulation.equity.slice(),
      buyAndHold: r.buyAndHold.slice(),
    },
  };
}
