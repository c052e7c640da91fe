/**
 * Bars: the columnar candle series every later stage works on, one per symbol.
 * Times are epoch milliseconds, UTC, strictly increasing after validation.
 */
export interface Bars {
  symbol: string;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export const BAR_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
export type BarColumn = (typeof BAR_COLUMNS)[number];

/** A copy of rows [start, end) of a series (typed-array slices, so the result owns its memory). */
export function sliceBars(bars: Bars, start: number, end: number): Bars {
  return {
    symbol: bars.symbol,
    time: bars.time.slice(start, end),
    open: bars.open.slice(start, end),
    high: bars.high.slice(start, end),
    low: bars.low.slice(start, end),
    close: bars.close.slice(start, end),
    volume: bars.volume.slice(start, end),
  };
}

export function barCount(bars: Bars): number {
  return bars.time.length;
}
