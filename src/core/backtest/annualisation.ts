/**
 * Time constants and the bar size -> bars-per-year rule used to annualise every metric.
 * Markets here trade 24/7, so a year is 365 days of bars: 8,760 hourly bars, 365 daily bars.
 */

export const MS_PER_DAY = 86_400_000;
export const DAYS_PER_YEAR = 365;
export const MS_PER_YEAR = DAYS_PER_YEAR * MS_PER_DAY;

/** Bars in a 365-day year for a bar size in ms (3,600,000 -> 8,760). */
export function barsPerYear(barMs: number): number {
  if (!(barMs > 0)) throw new RangeError(`bar size must be > 0 ms, got ${barMs}`);
  return MS_PER_YEAR / barMs;
}

/** The bar size of a series: the median gap between consecutive times (robust to a few gaps); NaN below 2 bars. */
export function inferBarMs(time: Float64Array): number {
  const n = time.length - 1;
  if (n < 1) return NaN;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = time[i + 1] - time[i];
  d.sort();
  return n % 2 ? d[(n - 1) / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
}
