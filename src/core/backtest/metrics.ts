/**
 * All backtest metrics of one equity curve + trade list, in one JSON-safe object (every
 * number finite or null). Definitions: README.md in this folder. Per-fold metrics are the same
 * function on a sub-range (metricsForRange).
 */
import { barsPerYear, inferBarMs } from './annualisation';
import { drawdownStats } from './drawdown';
import { barReturns, cagr, sharpe, sharpeDaily, sortino } from './returns';
import { tradeStats, type TradeStats } from './trade-stats';
import type { CostTotals, SimulationResult, Trade } from './types';

export interface MetricsInput {
  /** bar times of the curve */
  time: Float64Array;
  /** equity at market at each bar's close */
  equity: Float64Array;
  /** exposure per bar (any non-zero value counts as exposed) */
  position: Float64Array;
  /** equity before the first bar */
  initialEquity: number;
  trades: readonly Trade[];
  totals: CostTotals;
  /** buy-and-hold equity over the same bars, starting from initialEquity (buyAndHoldEquity) */
  buyAndHold?: Float64Array;
  /** bar size in ms; default: inferred from time (median gap) */
  barMs?: number;
}

export interface BacktestMetrics extends TradeStats {
  bars: number;
  startTime: number | null;
  endTime: number | null;
  barMs: number | null;
  barsPerYear: number | null;
  /** (last time - first time + one bar) / 365 days */
  years: number | null;
  initialEquity: number;
  finalEquity: number;
  /** finalEquity - initialEquity (currency) */
  totalReturn: number;
  totalReturnPct: number;
  cagrPct: number | null;
  /** mean / std of per-bar returns x sqrt(barsPerYear) */
  sharpePerBar: number;
  /** mean / std of daily (UTC) returns x sqrt(365) */
  sharpeDaily: number;
  /** per-bar, annualised like sharpePerBar; null when there is no losing bar and a positive mean */
  sortino: number | null;
  /** CAGR / |max drawdown|; null when there is no drawdown */
  calmar: number | null;
  maxDrawdownPct: number;
  maxDrawdownBars: number;
  maxDrawdownMs: number;
  maxDrawdownRecovered: boolean;
  longestDrawdownBars: number;
  /** bars with a non-zero position / bars x 100 */
  exposurePct: number;
  /** traded notional / initial equity */
  turnover: number;
  totalFees: number;
  totalSlippage: number;
  totalCosts: number;
  fills: number;
  /** buy-and-hold return over the same bars, %; null when not given */
  buyAndHoldReturnPct: number | null;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function computeMetrics(input: MetricsInput): BacktestMetrics {
  const { time, equity, position, initialEquity, totals } = input;
  const n = equity.length;
  const barMs = input.barMs ?? inferBarMs(time);
  const bpy = barMs > 0 ? barsPerYear(barMs) : NaN;
  const finalEquity = n > 0 ? equity[n - 1] : initialEquity;
  const spanMs = n > 0 ? time[n - 1] - time[0] + barMs : NaN;
  const returns = barReturns(equity, initialEquity);
  const dd = drawdownStats(equity, time, initialEquity, barMs);
  const growth = cagr(initialEquity, finalEquity, spanMs);
  let exposed = 0;
  for (let i = 0; i < n; i++) if (position[i] !== 0) exposed++;
  const bh = input.buyAndHold;
  const cal = dd.maxDrawdownPct < 0 ? growth / Math.abs(dd.maxDrawdownPct / 100) : NaN;
  return {
    bars: n,
    startTime: n > 0 ? time[0] : null,
    endTime: n > 0 ? time[n - 1] : null,
    barMs: finite(barMs),
    barsPerYear: finite(bpy),
    years: finite(spanMs / (365 * 86_400_000)),
    initialEquity,
    finalEquity,
    totalReturn: finalEquity - initialEquity,
    totalReturnPct: (finalEquity / initialEquity - 1) * 100,
    cagrPct: finite(growth * 100),
    sharpePerBar: Number.isFinite(bpy) ? sharpe(returns, bpy) : 0,
    sharpeDaily: sharpeDaily(time, equity, initialEquity),
    sortino: Number.isFinite(bpy) ? finite(sortino(returns, bpy)) : 0,
    calmar: finite(cal),
    maxDrawdownPct: dd.maxDrawdownPct,
    maxDrawdownBars: dd.durationBars,
    maxDrawdownMs: finite(dd.durationMs) ?? 0,
    maxDrawdownRecovered: dd.troughIndex < 0 || dd.recoveryIndex >= 0,
    longestDrawdownBars: dd.longestDrawdownBars,
    exposurePct: n > 0 ? (exposed / n) * 100 : 0,
    turnover: totals.tradedNotional / initialEquity,
    totalFees: totals.fees,
    totalSlippage: totals.slippage,
    totalCosts: totals.fees + totals.slippage,
    fills: totals.fills,
    buyAndHoldReturnPct: bh && bh.length > 0 ? (bh[bh.length - 1] / initialEquity - 1) * 100 : null,
    ...tradeStats(input.trades),
  };
}

export interface MetricsOfResultOptions {
  /** buy-and-hold equity over [result.start, result.end) (buyAndHoldEquity) */
  buyAndHold?: Float64Array;
  barMs?: number;
}

/** Metrics of a whole simulation. */
export function metricsOfResult(
  result: SimulationResult,
  opts: MetricsOfResultOptions = {},
): BacktestMetrics {
  return computeMetrics({
    time: result.time,
    equity: result.equity,
    position: result.position,
    initialEquity: result.initialCapital,
    trades: result.trades,
    totals: result.totals,
    buyAndHold: opts.buyAndHold,
    barMs: opts.barMs,
  });
}

export interface RangeOptions extends MetricsOfResultOptions {
  /** first bar (absolute index, >= result.start) */
  from: number;
  /** one past the last bar (absolute index, <= result.end) */
  to: number;
}

/**
 * Metrics of the bars [from, to) of a simulation, e.g. one fold's test window: the equity
 * before `from` is the initial equity, trades are those entered in the range, costs those of
 * fills in the range, buy-and-hold rescaled to start from the same equity.
 */
export function metricsForRange(result: SimulationResult, opts: RangeOptions): BacktestMetrics {
  const a = opts.from - result.start;
  const b = opts.to - result.start;
  if (!(a >= 0 && b <= result.equity.length && a < b))
    throw new RangeError(`bad range [${opts.from}, ${opts.to})`);
  const initialEquity = a === 0 ? result.initialCapital : result.equity[a - 1];
  const f = result.fills;
  const totals: CostTotals = { fees: 0, slippage: 0, tradedNotional: 0, fills: 0 };
  for (let i = 0; i < f.count; i++) {
    if (f.bar[i] < opts.from || f.bar[i] >= opts.to) continue;
    totals.fees += f.fee[i];
    totals.slippage += f.slippage[i];
    totals.tradedNotional += Math.abs(f.quantity[i]) * f.price[i];
    totals.fills++;
  }
  let bh: Float64Array | undefined;
  if (opts.buyAndHold) {
    const base = a === 0 ? result.initialCapital : opts.buyAndHold[a - 1];
    bh = opts.buyAndHold.slice(a, b).map((v) => (v / base) * initialEquity);
  }
  return computeMetrics({
    time: result.time.subarray(a, b),
    equity: result.equity.subarray(a, b),
    position: result.position.subarray(a, b),
    initialEquity,
    trades: result.trades.filter((t) => t.entryBar >= opts.from && t.entryBar < opts.to),
    totals,
    buyAndHold: bh,
    barMs: opts.barMs ?? inferBarMs(result.time),
  });
}
