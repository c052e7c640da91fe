import { describe, expect, it } from 'vitest';
import { simulate } from './simulate';
import type { PriceSeries } from './types';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const bars: PriceSeries = {
  symbol: 'TEST/USDT',
  time: Float64Array.from({ length: 6 }, (_, i) => T0 + i * H),
  open: Float64Array.from([100, 101, 102, 104, 103, 105]),
  close: Float64Array.from([101, 102, 103, 105, 104, 106]),
};
const C0 = 10_000;
const tgt = (...v: number[]) => Float64Array.from(v);
const f = 10 / 1e4;
const s = 20 / 1e4;
const kBuy = (1 + s) * (1 + f);
const kSell = (1 - s) * (1 - f);

describe('simulate: fill timing', () => {
  it('nextOpen: decision at the close of t fills at the open of t+1', () => {
    const r = simulate({ bars, target: tgt(0, 1, 1, 0, 0, 0) });
    expect(r.fills.count).toBe(2);
    expect(Array.from(r.fills.bar)).toEqual([2, 4]);
    expect(Array.from(r.fills.decisionBar)).toEqual([1, 3]);
    expect(Array.from(r.fills.price)).toEqual([102, 103]);
    const q = C0 / 102;
    expect(r.equity[0]).toBe(C0);
    expect(r.equity[1]).toBe(C0);
    expect(r.equity[2]).toBeCloseTo(q * 103, 9);
    expect(r.equity[3]).toBeCloseTo(q * 105, 9);
    expect(r.equity[5]).toBeCloseTo((C0 * 103) / 102, 9);
    expect(Array.from(r.quantity.map((x) => (x === 0 ? 0 : 1)))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ side: 'long', entryBar: 2, exitBar: 4, barsHeld: 2 });
    expect(r.trades[0].entryPrice).toBeCloseTo(102, 12);
  });

  it('close: decision at the close of t fills at that close', () => {
    const r = simulate({ bars, target: tgt(0, 1, 1, 0, 0, 0), fill: 'close' });
    expect(Array.from(r.fills.bar)).toEqual([1, 3]);
    expect(Array.from(r.fills.price)).toEqual([102, 105]);
    expect(r.equity[1]).toBeCloseTo(C0, 9);
    expect(r.equity[2]).toBeCloseTo((C0 * 103) / 102, 9);
    expect(r.equity[5]).toBeCloseTo((C0 * 105) / 102, 9);
  });

  it('fees on notional and slippage on price, charged on every fill', () => {
    const r = simulate({ bars, target: tgt(0, 1, 1, 0, 0, 0), feesBps: 10, slippageBps: 20 });
    const q = C0 / (102 * kBuy); // all-in: q x 102 (1+s) (1+f) = C0
    expect(r.fills.quantity[0]).toBeCloseTo(q, 12);
    expect(r.fills.price[0]).toBeCloseTo(102 * (1 + s), 12);
    expect(r.fills.fee[0]).toBeCloseTo(q * 102 * (1 + s) * f, 9);
    expect(r.fills.slippage[0]).toBeCloseTo(q * 102 * s, 9);
    expect(r.cash[2]).toBeCloseTo(0, 9); // all in, nothing left and nothing borrowed
    expect(r.fills.price[1]).toBeCloseTo(103 * (1 - s), 12);
    expect(r.fills.fee[1]).toBeCloseTo(q * 103 * (1 - s) * f, 9);
    const final = C0 * (103 / 102) * (kSell / kBuy);
    expect(r.equity[5]).toBeCloseTo(final, 8);
    expect(r.trades[0].pnl).toBeCloseTo(final - C0, 8);
    expect(r.trades[0].fees).toBeCloseTo(r.fills.fee[0] + r.fills.fee[1], 9);
    expect(r.totals.fees + r.totals.slippage).toBeCloseTo(r.trades[0].fees + r.trades[0].slippage, 9);
    expect(r.trades[0].returnPct).toBeCloseTo(((final - C0) / C0) * 100, 9);
  });
});

describe('simulate: sizes, shorts, end of period', () => {
  it('a fractional target holds exactly that share of equity after costs', () => {
    const r = simulate({ bars, target: tgt(0, 0.5, 0.5, 0.5, 0.5, 0.5), feesBps: 10, slippageBps: 20 });
    const q = r.quantity[2];
    const cash = r.cash[2];
    expect((q * 102) / (cash + q * 102)).toBeCloseTo(0.5, 14);
    expect(r.position[2]).toBeCloseTo((q * 103) / r.equity[2], 14);
  });

  it('a flip closes one trade and opens the next in one fill; pnl adds up to the equity change', () => {
    const r = simulate({ bars, target: tgt(0, 1, -1, -1, 0, 0), feesBps: 10, slippageBps: 20 });
    // decisions at the closes of 1, 2 and 4 fill at the opens of 2, 3 and 5
    expect(r.fills.count).toBe(3);
    expect(r.trades.map((t) => [t.side, t.entryBar, t.exitBar])).toEqual([
      ['long', 2, 3],
      ['short', 3, 5],
    ]);
    expect(r.quantity[3]).toBeLessThan(0);
    expect((r.quantity[3] * 104) / (r.cash[3] + r.quantity[3] * 104)).toBeCloseTo(-1, 12);
    const pnl = r.trades.reduce((a, t) => a + t.pnl, 0);
    expect(pnl).toBeCloseTo(r.equity[5] - C0, 8);
    const costs = r.trades.reduce((a, t) => a + t.fees + t.slippage, 0);
    expect(costs).toBeCloseTo(r.totals.fees + r.totals.slippage, 9);
  });

  it('closes an open position at the last close, with costs, by default', () => {
    const r = simulate({ bars, target: tgt(0, 0, 0, 1, 1, 1), feesBps: 10, slippageBps: 20 });
    expect(r.equity[5]).toBeCloseTo(C0 * (106 / 103) * (kSell / kBuy), 8);
    expect(r.quantity[5]).toBe(0);
    expect(r.trades[0]).toMatchObject({ open: false, entryBar: 4, exitBar: 5, barsHeld: 1 });
  });

  it('closeAtEnd false: marked at the last close and reported as open', () => {
    const r = simulate({
      bars,
      target: tgt(0, 0, 0, 1, 1, 1),
      feesBps: 10,
      slippageBps: 20,
      closeAtEnd: false,
    });
    expect(r.equity[5]).toBeCloseTo((C0 * (106 / 103)) / kBuy, 8);
    expect(r.trades[0]).toMatchObject({ open: true, exitPrice: 106, exitBar: 5 });
    expect(r.trades[0].pnl).toBeCloseTo(r.equity[5] - C0, 8);
  });

  it('a decision on the last bar is not executed when the period closes there', () => {
    expect(simulate({ bars, target: tgt(0, 0, 0, 0, 0, 1) }).fills.count).toBe(0);
    expect(simulate({ bars, target: tgt(0, 0, 0, 0, 0, 1), fill: 'close' }).fills.count).toBe(0);
  });

  it('NaN targets are flat, the range restricts the period, trades carry their fold', () => {
    const fold = Int32Array.from([-1, -1, 0, 0, 1, 1]);
    const r = simulate({ bars, target: tgt(NaN, 1, 1, 1, NaN, 0), start: 2, end: 6, foldIndex: fold });
    expect(r.equity.length).toBe(4);
    expect(r.time[0]).toBe(bars.time[2]);
    // decision at bar 2 (fold 0) fills at the open of 3; NaN at bar 4 exits at the open of 5
    expect(Array.from(r.fills.bar)).toEqual([3, 5]);
    expect(r.trades[0]).toMatchObject({ fold: 0, entryBar: 3, exitBar: 5 });
  });

  it("accounting 'seed' follows the seed's arithmetic and needs fill 'close'", () => {
    expect(() => simulate({ bars, target: tgt(0, 1, 1, 0, 0, 0), accounting: 'seed' })).toThrow(RangeError);
    const r = simulate({
      bars,
      target: tgt(0, 1, 1, 0, 0, 0),
      accounting: 'seed',
      fill: 'close',
      feesBps: 10,
      slippageBps: 20,
    });
    const c = f + s;
    const e1 = C0 * (1 - c);
    const e2 = e1 * (1 + (103 / 102 - 1));
    const e3 = e2 * (1 + (105 / 103 - 1) - c);
    expect(r.equity[1]).toBeCloseTo(e1, 9);
    expect(r.equity[2]).toBeCloseTo(e2, 9);
    expect(r.equity[5]).toBeCloseTo(e3, 9);
    expect(r.trades[0].pnl).toBeCloseTo(e3 - C0, 8);
  });

  it('rejects a target of the wrong length and an empty range', () => {
    expect(() => simulate({ bars, target: tgt(0, 1) })).toThrow(RangeError);
    expect(() => simulate({ bars, target: tgt(0, 0, 0, 0, 0, 0), start: 3, end: 3 })).toThrow(RangeError);
  });
});
