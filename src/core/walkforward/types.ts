/**
 * The walk-forward backtest's contract: the request (the seed's `backtest.run` fields in
 * snake_case plus our extras), the fold plan (JSON-friendly, shown before running), the
 * per-fold result (structured-cloneable, so folds can run in a pool of workers) and the
 * assembled result (metrics under the seed's names). Types only; no code.
 */
import type { Fold } from '../backtest/folds';
import type { BacktestMetrics } from '../backtest/metrics';
import type { PortfolioCurve } from '../backtest/portfolio';
export type { FillMode } from '../backtest/types';
import type { Accounting, FillMode, SimulationResult } from '../backtest/types';
import type { Bars } from '../data/bars';
import type { FeatureSpec, WarmupMode } from '../features/registry';
import type { LabelKind } from '../labels/labels';
import type { ModelKind, SerializedModel, Task } from '../models/types';
import type { Dataset } from '../split/dataset';
import type { Scaler } from '../split/scaler';
import type { DatasetRef, UpdatedModelMetricsJson } from '../train/metrics-json';

/** '365d', '30d', '12h', '4w', '90m', a bar count as text ('8760') or a number of bars. */
export type WindowSpec = string | number;

/**
 * The model to retrain in every fold. The caller resolves it from a saved model's metrics.json
 * (or 'latest'): metrics.model.kind / task / params, config.seed / label_kind /
 * label_threshold / target_horizon, features.set / features.warmup.
 */
export interface WalkForwardModelConfig {
  /** the saved model's id (updated models are named after it); null when configured by hand */
  model_id: string | null;
  kind: ModelKind;
  task: Task;
  /** hyperparameters, scikit-learn names (as in TrainRequest.params) */
  params?: Record<string, unknown>;
  /** default 42 */
  seed?: number;
  /** classification labels: 'binary' (default) or 'ternary' */
  label_kind?: Exclude<LabelKind, 'regression'>;
  /** ternary HOLD band (default DEFAULT_TERNARY_THRESHOLD) */
  label_threshold?: number;
  target_horizon: number;
  /** default DEFAULT_FEATURE_SET (the seed's 19 features) */
  feature_set?: readonly FeatureSpec[];
  /** the model's warm-up mode; the request's `warmup` wins when given */
  warmup?: WarmupMode;
}

export interface WalkForwardRequest {
  model: WalkForwardModelConfig;
  /** dataset id, for the record (hub id, 'sample/...', a file name) */
  dataset?: string;
  /** symbols in order; the bars passed alongside must be in the same order */
  symbols: string[];
  timeframe?: string;
  train_window: WindowSpec;
  test_window: WindowSpec;
  /** default 5 */
  fees_bps?: number;
  /** default 5 */
  slippage_bps?: number;
  /** learn online during each test window (sgdc, sgdr only; others warn and run offline) */
  online?: boolean;
  /** return the final updated model(s) to be saved as <model_id>_updated_<timestamp> */
  save_updates?: boolean;
  /** classification: long when P(up / BUY) >= this (strict: >); default 0.6 */
  buy_threshold?: number;
  /** classification: exit (or short) when P(up / BUY) <= this (strict: <); default 0.4 */
  sell_threshold?: number;
  /** the seed's comparisons (> and <) instead of >= and <=; default false */
  strict_thresholds?: boolean;
  /** distance between fold starts; default = test_window */
  step?: WindowSpec;
  /** train every fold from the first usable bar; default false (sliding window) */
  expanding?: boolean;
  /** extra gap between training and test (bars or a duration); default 0 */
  embargo?: WindowSpec;
  /** default 'next_open' */
  fill?: FillMode;
  /** 'fills' (default): per-fill accounting; 'seed': the seed's vectorised arithmetic (fill 'close' only) */
  accounting?: Accounting;
  /** short on sell signals (classification) / below -hurdle (regression); default false */
  long_short?: boolean;
  /** one model per fold trained on every symbol's rows; default false (a model per symbol) */
  pooled?: boolean;
  /** regression: long when the predicted simple return > hurdle; default the round-trip cost */
  hurdle?: number | null;
  /** default 10,000 (split equally across symbols) */
  initial_capital?: number;
  /** feature warm-up: 'strict' (default) or 'seed' */
  warmup?: WarmupMode;
  /** run at most this many folds per symbol (the first ones); default all */
  max_folds?: number;
  /**
   * neural kinds: each fold starts from the previous fold's weights and fine-tunes on its own
   * window (default true); other kinds ignore it and fit every fold afresh
   */
  warm_start?: boolean;
  /** epochs of a warm-started fold; default a fifth of the model's epochs (at least 1) */
  fine_tune_epochs?: number;
  /** online learning of a neural kind: revealed labels per fine-tuning step; default 32 */
  online_batch?: number;
}

/** The request with every default filled in and windows converted to bars. */
export interface ResolvedWalkForwardRequest extends WalkForwardRequest {
  model: WalkForwardModelConfig & {
    seed: number;
    label_kind: Exclude<LabelKind, 'regression'>;
    params: Record<string, unknown>;
  };
  fees_bps: number;
  slippage_bps: number;
  online: boolean;
  save_updates: boolean;
  buy_threshold: number;
  sell_threshold: number;
  strict_thresholds: boolean;
  expanding: boolean;
  fill: FillMode;
  accounting: Accounting;
  long_short: boolean;
  pooled: boolean;
  /** regression: the hurdle in use; null for classification */
  hurdle: number | null;
  initial_capital: number;
  warmup: WarmupMode;
  /** windows in bars of the time grid (see README: bar size and gaps) */
  bar_ms: number;
  train_bars: number;
  test_bars: number;
  step_bars: number;
  embargo_bars: number;
}

// ---------------------------------------------------------------- the plan

/** One symbol's part of one fold, JSON-friendly (for the plan table and report.json). */
export interface FoldPlanEntry {
  fold: number;
  symbol: string;
  /** times (ISO 8601 UTC) of the first / last bar slot of each window on the time grid */
  train_start: string;
  train_end: string;
  test_start: string;
  test_end: string;
  /** rows actually used (bars with every feature and a label) */
  train_rows: number;
  /** training-window rows dropped because their label window reaches the test window */
  purged_rows: number;
  /** rows dropped as embargo */
  embargoed_rows: number;
  test_rows: number;
  /** bar indices into this symbol's Bars: [start, end) */
  train_bars: [number, number];
  test_bars: [number, number];
}

export interface SymbolPlanSummary {
  symbol: string;
  bars: number;
  first_time: string | null;
  last_time: string | null;
  /** labelled rows with every feature */
  rows: number;
  excluded_warmup_rows: number;
  /** bars missing from the regular time grid (gaps), and the largest gap in bars */
  missing_bars: number;
  max_gap_bars: number;
  folds: FoldPlanEntry[];
}

/** The fold plan as shown before running and written into report.json. */
export interface WalkForwardPlanSummary {
  bar_ms: number;
  /** e.g. '1h' */
  bar_size: string;
  train_bars: number;
  test_bars: number;
  step_bars: number;
  embargo_bars: number;
  horizon: number;
  expanding: boolean;
  pooled: boolean;
  warmup: WarmupMode;
  /** folds per symbol (pooled: folds) */
  fold_count: number;
  /** units of work (per-symbol mode: symbols x folds; pooled: folds) */
  task_count: number;
  symbols: SymbolPlanSummary[];
  /** plain-language description of windows, purge, embargo and gaps */
  description: string;
  warnings: string[];
}

/** One unit of work: one fold of one symbol, or one pooled fold of all symbols. */
export interface FoldTask {
  /** index in plan.tasks (fold-major: fold 0 of every symbol first) */
  task: number;
  fold: number;
  /** indices into plan.symbols */
  symbols: number[];
}

/** Everything per symbol that the folds need (structured-cloneable: typed arrays and plain objects). */
export interface SymbolData {
  symbol: string;
  bars: Bars;
  /** this symbol's dataset (one symbol, rows in time order) */
  dataset: Dataset;
  /** slot of each bar on the common time grid: round((time - origin) / bar_ms) */
  slot: Int32Array;
  /** folds in grid slots (planFolds output); per-symbol mode: this symbol's, pooled: the shared ones */
  folds: Fold[];
  /** per fold: dataset row ranges [a, b) of training rows (after purge and embargo) and test rows */
  rows: { train: [number, number]; test: [number, number]; purged: number; embargoed: number }[];
  /** per fold: bar range [a, b) of the test window */
  testBars: [number, number][];
}

export interface WalkForwardPlan {
  request: ResolvedWalkForwardRequest;
  summary: WalkForwardPlanSummary;
  /** grid origin (ms): the earliest bar time over all symbols */
  origin: number;
  symbols: SymbolData[];
  tasks: FoldTask[];
}

// ---------------------------------------------------------------- one fold

/** Instrumentation: one online update, fired just before model.partialFit. */
export interface PartialFitEvent {
  symbol: string;
  fold: number;
  /** dataset row of the revealed label (within this symbol's dataset) */
  row: number;
  /** the bar of that row (its label needs bars rowBarIndex+1 .. rowBarIndex+h) */
  rowBarIndex: number;
  /** the bar at whose close the update happens (>= rowBarIndex + h) */
  atBarIndex: number;
}

/** Out-of-sample model quality on a fold's test rows (compact; null where undefined). */
export interface FoldModelMetrics {
  rows: number;
  /** classification */
  accuracy?: number | null;
  auc?: number | null;
  log_loss?: number | null;
  /** regression (labels are forward log returns) */
  mae?: number | null;
  rmse?: number | null;
  ic?: number | null;
  directional_accuracy?: number | null;
}

export interface FoldSymbolPredictions {
  symbol: string;
  /** bar indices (into this symbol's Bars) of the predicted test rows, increasing */
  barIndex: Int32Array;
  /**
   * the trading signal per predicted row: P(up) (binary) or P(BUY) (ternary) for
   * classification, the predicted simple forward return expm1(log return) for regression
   */
  signal: Float64Array;
  /** the model's raw output per predicted row: row-major probabilities (rows x nClasses), or the log return */
  values: Float64Array;
  nClasses: number;
  /** the label per predicted row (class index or forward log return), for the out-of-sample metrics */
  y: Float64Array;
}

export interface FoldResult {
  task: number;
  fold: number;
  symbols: string[];
  predictions: FoldSymbolPredictions[];
  train_rows: number;
  test_rows: number;
  purged_rows: number;
  model_metrics: FoldModelMetrics;
  /** per symbol when the task has several (pooled) */
  model_metrics_per_symbol?: Record<string, FoldModelMetrics>;
  /** gain importance per feature (normalised to sum 1), in dataset feature order; null if none */
  importance: number[] | null;
  fit_seconds: number;
  predict_seconds: number;
  iterations: number;
  backend: string;
  online: boolean;
  /** partialFit calls made */
  online_updates: number;
  /** the last scaler (fitted on this fold's training rows): saved with an updated model */
  scaler: Scaler;
  /** the final (updated) model, when save_updates */
  updated_model?: SerializedModel;
  /** present (true) when the fold started from the previous fold's weights */
  warm_started?: boolean;
  warnings: string[];
}

// ---------------------------------------------------------------- the assembled run

/** The seed's result names (portfolio or one symbol). Fractions and units as documented in README. */
export interface SeedResults {
  total_return: number;
  total_return_pct: number;
  final_equity: number;
  initial_capital: number;
  /** per-bar returns, mean / std x sqrt(bars per year) */
  sharpe_ratio: number;
  /** daily (UTC) returns, mean / std x sqrt(365) */
  sharpe_daily: number;
  sortino: number | null;
  calmar: number | null;
  cagr_pct: number | null;
  max_drawdown_pct: number;
  /** bars from the peak before the deepest trough to recovery (or the end) */
  max_drawdown_duration: number;
  max_drawdown_duration_hours: number;
  /** fraction of closed trades with pnl > 0; null with no trades */
  win_rate: number | null;
  total_trades: number;
  avg_trade_return_pct: number | null;
  profit_factor: number | null;
  /** mean pnl per trade, currency */
  expectancy: number | null;
  exposure_pct: number;
  turnover: number;
  total_fees: number;
  total_slippage: number;
  total_costs: number;
  buy_and_hold_return_pct: number | null;
  bars: number;
  start_time: string | null;
  end_time: string | null;
}

export interface FoldReport {
  task: number;
  fold: number;
  symbols: string[];
  test_start: string;
  test_end: string;
  train_rows: number;
  purged_rows: number;
  test_rows: number;
  model_metrics: FoldModelMetrics;
  model_metrics_per_symbol?: Record<string, FoldModelMetrics>;
  /** trading results of this fold's test window, per symbol (metricsForRange) */
  backtest: Record<string, SeedResults>;
  online_updates: number;
}

export interface SymbolResult {
  symbol: string;
  results: SeedResults;
  /** the full metrics object of src/core/backtest */
  metrics: BacktestMetrics;
  /** the simulation over the symbol's whole test span (equity, position, fills, trades) */
  simulation: SimulationResult;
  buy_and_hold: Float64Array;
  /** signal per bar of the symbol's Bars (NaN outside test rows) and the target position */
  signal: Float64Array;
  target: Float64Array;
  /** fold per bar (-1 outside test windows) */
  fold_index: Int32Array;
  /** the label of every predicted bar (class index, or forward log return), NaN elsewhere */
  label: Float64Array;
  model_metrics: FoldModelMetrics;
  /** closes over the symbol's test span, thinned to a few thousand points, for the run's chart */
  prices: { time: Float64Array; close: Float64Array };
}

export interface UpdatedModel {
  /** <model_id>_updated_<timestamp>, suffixed _<symbol slug> with per-symbol models and several symbols */
  model_id: string;
  parent_id: string | null;
  /** the symbol whose model it is, null for a pooled model */
  symbol: string | null;
  serialized: SerializedModel;
  /** the model's own metrics.json */
  metrics: UpdatedModelMetricsJson;
}

export interface FeatureImportanceReport {
  features: string[];
  /** mean gain over folds per feature (null when the model has no gain importance) */
  mean: Record<string, number> | null;
  per_fold: { task: number; fold: number; symbols: string[]; gain: Record<string, number> | null }[];
}

export interface WalkForwardTimings {
  plan_s: number;
  folds_s: number;
  fit_s: number;
  assemble_s: number;
  total_s: number;
  per_fold: { task: number; fold: number; fit_s: number; predict_s: number }[];
}

export interface WalkForwardResult {
  run_id: string;
  created_at: string;
  request: ResolvedWalkForwardRequest;
  plan: WalkForwardPlanSummary;
  /** the portfolio's results under the seed's names (equal weight; one symbol: that symbol's) */
  results: SeedResults;
  portfolio: { metrics: BacktestMetrics; curve: PortfolioCurve };
  per_symbol: SymbolResult[];
  folds: FoldReport[];
  /** out-of-sample model quality over every test row of the run */
  model_metrics: FoldModelMetrics;
  feature_importance: FeatureImportanceReport;
  updated_models: UpdatedModel[];
  dataset: DatasetRef | null;
  app_version: string;
  backend: string;
  timings: WalkForwardTimings;
  warnings: string[];
}

/** The artifact files of artifacts/<run_id>/ (a job adds its job.log beside them). */
export type BacktestArtifacts = {
  'report.json': string;
  'equity_curve.csv': string;
  'trades.csv': string;
  'feature_importance.json': string;
  /** symbol, timestamp, close over each symbol's test span (thinned), for the trade chart */
  'prices.csv': string;
  /** symbol, timestamp, prediction, label of every out-of-sample prediction, for comparisons */
  'predictions.csv': string;
};
