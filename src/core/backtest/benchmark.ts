/**
 * Buy-and-hold over the same bars as a backtest: the initial capital bought at the open of the
 * first bar, valued at each close, no costs. Equity[i] = capital x close[t] / open[start].
 */
import type { PriceSeries } from './types';

export interface BuyAndHoldOptions {
  bars: Pick<PriceSeries, 'open' | 'close'>;
  start: number;
  end: number;
  initialCapital: number;
}

export function buyAndHoldEquity(opts: BuyAndHoldOptions): Float64Array {
  const { open, close } = opts.bars;
  const ref = open[opts.start];
  const out = new Float64Array(opts.end - opts.start);
  for (let t = opts.start; t < opts.end; t++) out[t - opts.start] = (opts.initialCapital * close[t]) / ref;
  return out;
}
