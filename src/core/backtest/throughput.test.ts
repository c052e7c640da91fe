/**
 * Simulation throughput on the real sample (in its own file, so its timing runs in a fresh
 * worker process rather than after the heavier real-sample tests). Prints bars per second.
 */
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { simulate } from './simulate';
import type { PriceSeries } from './types';

const btc = loadSampleBars('BTC/USDT');
const n = btc.time.length;

/** Long when close[t] > close[t-24], decided at the close of t (a fill every ~10 bars). */
function momentum(bars: PriceSeries): Float64Array {
  const t = new Float64Array(bars.close.length);
  for (let i = 24; i < t.length; i++) t[i] = bars.close[i] > bars.close[i - 24] ? 1 : 0;
  return t;
}

describe('throughput', () => {
  // retried: the machine is shared, and one slow run under load is not a regression
  it(
    'simulates over 10 million bars per second (real BTC sample repeated 10x, best of 20 runs)',
    { retry: 2 },
    () => {
      const reps = 10;
      const big: PriceSeries = {
        symbol: 'BTC/USDT',
        time: new Float64Array(n * reps),
        open: new Float64Array(n * reps),
        close: new Float64Array(n * reps),
      };
      const target = new Float64Array(n * reps);
      const one = momentum(btc);
      for (let k = 0; k < reps; k++) {
        for (let i = 0; i < n; i++) big.time[k * n + i] = btc.time[i] + k * n * 3_600_000;
        big.open.set(btc.open, k * n);
        big.close.set(btc.close, k * n);
        target.set(one, k * n);
      }
      let best = Infinity;
      let fills = 0;
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        const r = simulate({ bars: big, target, feesBps: 5, slippageBps: 5 });
        best = Math.min(best, performance.now() - t0);
        fills = r.fills.count;
      }
      const rate = (n * reps) / (best / 1000);
      console.log(
        `simulate: ${n * reps} bars, ${fills} fills in ${best.toFixed(1)} ms = ${(rate / 1e6).toFixed(1)} M bars/s (trades included)`,
      );
      expect(rate).toBeGreaterThan(10e6);
    },
  );
});
