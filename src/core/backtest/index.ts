/**
 * Public surface of src/core/backtest: fold plan, signals, simulation, portfolio, metrics, CSV.
 * Model-agnostic and framework-free; the per-fold training loop lives elsewhere and calls these.
 */
export { planFolds, foldIndexPerBar } from './folds';
export type { Fold, FoldPlanOptions, FoldTimes } from './folds';
export { classificationTargets, regressionTargets, roundTripCost } from './signals';
export type { ClassificationSignalOptions, RegressionSignalOptions } from './signals';
export { simulate } from './simulate';
export { DEFAULT_INITIAL_CAPITAL } from './run-options';
export { tradesFromFills } from './fills';
export { buyAndHoldEquity } from './benchmark';
export type { BuyAndHoldOptions } from './benchmark';
export { combineSleeves, sleeveOf, unionTimes } from './portfolio';
export type { PortfolioCurve, Sleeve } from './portfolio';
export { computeMetrics, metricsOfResult, metricsForRange } from './metrics';
export type { BacktestMetrics, MetricsInput, MetricsOfResultOptions, RangeOptions } from './metrics';
export { tradeStats } from './trade-stats';
export type { TradeStats } from './trade-stats';
export { barReturns, sharpe, sharpeDaily, sortino, cagr, dailyEquity } from './returns';
export { drawdownSeries, drawdownStats } from './drawdown';
export type { DrawdownStats } from './drawdown';
export { barsPerYear, inferBarMs, MS_PER_DAY, MS_PER_YEAR, DAYS_PER_YEAR } from './annualisation';
export {
  equityCurveCsv,
  tradesCsv,
  csvField,
  csvNumber,
  isoTime,
  EQUITY_CURVE_COLUMNS,
  TRADES_COLUMNS,
} from './csv';
export type { EquityCurveCsvOptions } from './csv';
export type * from './types';
