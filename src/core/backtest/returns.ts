/**
 * Return-based statistics as pure functions of an equity curve: per-bar returns, Sharpe
 * (per-bar annualised and daily), Sortino, CAGR. Standard deviations are population
 * (ddof 0, numpy's default, as in the seed). A zero deviation gives a ratio of 0, never NaN.
 */
import { MS_PER_DAY, MS_PER_YEAR } from './annualisation';

/** r[0] = equity[0] / initial - 1, r[i] = equity[i] / equity[i-1] - 1. */
export function barReturns(equity: Float64Array, initialEquity: number): Float64Array {
  const r = new Float64Array(equity.length);
  let prev = initialEquity;
  for (let i = 0; i < equity.length; i++) {
    r[i] = equity[i] / prev - 1;
    prev = equity[i];
  }
  return r;
}

function meanStd(r: Float64Array): { mean: number; std: number } {
  const n = r.length;
  if (n === 0) return { mean: 0, std: 0 };
  let s = 0;
  for (let i = 0; i < n; i++) s += r[i];
  const mean = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (r[i] - mean) * (r[i] - mean);
  return { mean, std: Math.sqrt(v / n) };
}

/** mean / std x sqrt(periodsPerYear); 0 when std is 0 (flat curve, single period). */
export function sharpe(returns: Float64Array, periodsPerYear: number): number {
  const { mean, std } = meanStd(returns);
  return std > 0 ? (mean / std) * Math.sqrt(periodsPerYear) : 0;
}

/**
 * mean / downside deviation x sqrt(periodsPerYear), downside deviation = sqrt(mean(min(r, 0)^2))
 * over all periods (target 0). No negative period: 0 when the mean is 0, Infinity when positive.
 */
export function sortino(returns: Float64Array, periodsPerYear: number): number {
  const n = returns.length;
  if (n === 0) return 0;
  let s = 0;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i];
    s += r;
    if (r < 0) d += r * r;
  }
  const mean = s / n;
  const dd = Math.sqrt(d / n);
  if (dd > 0) return (mean / dd) * Math.sqrt(periodsPerYear);
  return mean > 0 ? Infinity : 0;
}

/**
 * Equity at the end of each UTC day that has bars: the equity of the day's last bar (bars are
 * grouped by the UTC day of their timestamp). Days without bars are absent.
 */
export function dailyEquity(
  time: Float64Array,
  equity: Float64Array,
): { day: Float64Array; equity: Float64Array } {
  const days: number[] = [];
  const eq: number[] = [];
  for (let i = 0; i < time.length; i++) {
    const d = Math.floor(time[i] / MS_PER_DAY);
    if (days.length > 0 && days[days.length - 1] === d) eq[eq.length - 1] = equity[i];
    else {
      days.push(d);
      eq.push(equity[i]);
    }
  }
  return { day: Float64Array.from(days, (d) => d * MS_PER_DAY), equity: Float64Array.from(eq) };
}

/** Sharpe of daily returns (first day against the initial equity), annualised with sqrt(365). */
export function sharpeDaily(time: Float64Array, equity: Float64Array, initialEquity: number): number {
  const d = dailyEquity(time, equity);
  return sharpe(barReturns(d.equity, initialEquity), 365);
}

/**
 * Compound annual growth: (final / initial)^(1 / years) - 1, years = (last time - first time +
 * one bar) / 365 days. -1 when the equity is gone; NaN when the span is unknown.
 */
export function cagr(initialEquity: number, finalEquity: number, spanMs: number): number {
  if (!(spanMs > 0)) return NaN;
  if (finalEquity <= 0) return -1;
  return Math.pow(finalEquity / initialEquity, MS_PER_YEAR / spanMs) - 1;
}
