/**
 * simulate records each fill's bar and quantity and derives the price, fee, slippage and decision
 * bar (and the curves) from them: checked bit for bit against a replay of the same loop that logs
 * every value execute() computed into a full FillRecorder, on the real BTC sample.
 */
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { FillRecorder, tradesFromFills } from './fills';
import { CASH, QTY, STATE_SIZE, execute, fillCosts, simulate } from './simulate';
import type { FillMode, PriceSeries } from './types';

const btc = loadSampleBars('BTC/USDT');
const n = btc.time.length;

/** simulate's loop as it was written before the derived log: every fill logged as computed. */
function replay(
  bars: PriceSeries,
  target: Float64Array,
  o: {
    start: number;
    end: number;
    fill: FillMode;
    closeAtEnd: boolean;
    feesBps: number;
    slippageBps: number;
  },
) {
  const { start, end } = o;
  const { open, close } = bars;
  const k = fillCosts(o.feesBps, o.slippageBps);
  const st = new Float64Array(STATE_SIZE);
  st[CASH] = 10_000;
  const log = new FillRecorder();
  const equity = new Float64Array(end - start);
  const last = end - 1;
  let held = 0;
  for (let t = start; t < end; t++) {
    if (o.fill === 'next_open') {
      if (t > start) {
        const d = target[t - 1];
        const w = d === d ? d : 0;
        if (w !== held) {
          execute(st, log, k, t, t - 1, open[t], w);
          held = w;
        }
      }
      if (t === last && o.closeAtEnd && st[QTY] !== 0) execute(st, log, k, last, last, close[last], 0);
    } else {
      const d = target[t];
      const w = t === last && o.closeAtEnd ? 0 : d === d ? d : 0;
      if (w !== held) {
        execute(st, log, k, t, t, close[t], w);
        held = w;
      }
    }
    equity[t - start] = st[CASH] + st[QTY] * close[t];
  }
  return { fills: log.finish(), equity };
}

/** long/short fractional targets with NaN gaps: flips, resizes and flat stretches */
function mixedTarget(): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (i < 48 || i % 997 < 5) t[i] = NaN;
    else {
      const r = btc.close[i] / btc.close[i - 24] - 1;
      t[i] = r > 0.02 ? 1 : r > 0 ? 0.5 : r < -0.03 ? -0.7 : 0;
    }
  }
  return t;
}

const fold = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 720));

describe('simulate: the derived fill log', () => {
  const cases: [string, Float64Array, FillMode, boolean, number, number][] = [];
  for (const fill of ['next_open', 'close'] as const)
    for (const closeAtEnd of [true, false]) {
      cases.push([`mixed, ${fill}, closeAtEnd ${closeAtEnd}`, mixedTarget(), fill, closeAtEnd, 100, n - 7]);
      cases.push([`all bars, ${fill}, closeAtEnd ${closeAtEnd}`, mixedTarget(), fill, closeAtEnd, 0, n]);
    }

  it.each(cases)(
    '%s: columns, trades and equity as execute() logged them',
    (_, target, fill, closeAtEnd, start, end) => {
      const o = { start, end, fill, closeAtEnd, feesBps: 7, slippageBps: 3 };
      const r = simulate({ bars: btc, target, foldIndex: fold, ...o });
      const ref = replay(btc, target, o);
      const f = r.fills;
      expect(f.count).toBe(ref.fills.count);
      expect(f.count).toBeGreaterThan(1000);
      expect(Array.from(f.bar)).toEqual(Array.from(ref.fills.bar));
      expect(Array.from(f.decisionBar)).toEqual(Array.from(ref.fills.decisionBar));
      expect(Array.from(f.quantity)).toEqual(Array.from(ref.fills.quantity));
      expect(Array.from(f.price)).toEqual(Array.from(ref.fills.price));
      expect(Array.from(f.fee)).toEqual(Array.from(ref.fills.fee));
      expect(Array.from(f.slippage)).toEqual(Array.from(ref.fills.slippage));
      expect(r.trades).toEqual(
        tradesFromFills({ fills: ref.fills, bars: btc, foldIndex: fold, lastBar: end - 1 }),
      );
      expect(Array.from(r.equity)).toEqual(Array.from(ref.equity));
    },
  );

  it('keeps each column once read, and the log of an earlier run after later runs', () => {
    const target = mixedTarget();
    const a = simulate({ bars: btc, target, feesBps: 5, slippageBps: 5 });
    const price = Array.from(a.fills.price);
    const quantity = Array.from(a.fills.quantity);
    const ref = replay(btc, target, {
      start: 0,
      end: n,
      fill: 'next_open',
      closeAtEnd: true,
      feesBps: 5,
      slippageBps: 5,
    });
    const b = simulate({ bars: btc, target: target.map((x) => -x), feesBps: 5, slippageBps: 5 });
    expect(b.fills.count).toBeGreaterThan(1000);
    expect(Array.from(a.fills.price)).toEqual(price);
    expect(a.fills.price).toBe(a.fills.price);
    expect(Array.from(a.fills.quantity)).toEqual(quantity);
    expect(Array.from(a.equity)).toEqual(Array.from(ref.equity));
  });
});
