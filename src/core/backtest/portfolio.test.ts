import { describe, expect, it } from 'vitest';
import { combineSleeves, sleeveOf, unionTimes, type Sleeve } from './portfolio';
import { simulate } from './simulate';

const H = 3_600_000;
const t = (...h: number[]) => Float64Array.from(h, (x) => x * H);

describe('combineSleeves (equal weight, sleeves never rebalanced)', () => {
  it('sums sleeves on the union of timestamps, forward-filling and using the initial capital before a first bar', () => {
    const a: Sleeve = {
      symbol: 'A',
      time: t(0, 1, 2, 3),
      equity: Float64Array.from([50, 55, 60, 40]),
      initialEquity: 50,
      position: Float64Array.from([0, 1, 1, 0]),
      buyAndHold: Float64Array.from([51, 52, 53, 54]),
    };
    const b: Sleeve = {
      symbol: 'B',
      time: t(2, 3, 5),
      equity: Float64Array.from([45, 70, 80]),
      initialEquity: 50,
      position: Float64Array.from([-1, 0, 0.5]),
      buyAndHold: Float64Array.from([49, 48, 47]),
    };
    const p = combineSleeves([a, b]);
    expect(p.initialCapital).toBe(100);
    expect(Array.from(p.time)).toEqual(Array.from(t(0, 1, 2, 3, 5)));
    expect(Array.from(p.equity)).toEqual([100, 105, 105, 110, 120]);
    expect(Array.from(p.buyAndHold!)).toEqual([101, 102, 102, 102, 101]);
    expect(p.position[1]).toBeCloseTo(55 / 105, 15);
    expect(p.position[2]).toBeCloseTo((60 - 45) / 105, 15);
    expect(p.position[4]).toBeCloseTo((80 * 0.5) / 120, 15);
    expect(p.symbols).toEqual(['A', 'B']);
  });

  it('requires equal initial capital per sleeve', () => {
    const s = (c: number): Sleeve => ({
      symbol: 'S',
      time: t(0),
      equity: Float64Array.from([c]),
      initialEquity: c,
      position: new Float64Array(1),
    });
    expect(() => combineSleeves([s(50), s(60)])).toThrow(RangeError);
    expect(() => combineSleeves([])).toThrow(RangeError);
  });

  it('merges trades and costs of simulated sleeves', () => {
    const bars = (symbol: string, shift: number) => ({
      symbol,
      time: t(0 + shift, 1 + shift, 2 + shift, 3 + shift),
      open: Float64Array.from([10, 11, 12, 13]),
      close: Float64Array.from([11, 12, 13, 14]),
    });
    const target = Float64Array.from([1, 1, 0, 0]);
    const ra = simulate({ bars: bars('A', 0), target, feesBps: 5, initialCapital: 500 });
    const rb = simulate({ bars: bars('B', 1), target, feesBps: 5, initialCapital: 500 });
    const p = combineSleeves([sleeveOf(rb), sleeveOf(ra)]);
    expect(p.trades.map((x) => x.symbol)).toEqual(['A', 'B']);
    expect(p.totals.fees).toBeCloseTo(ra.totals.fees + rb.totals.fees, 12);
    expect(p.equity[p.equity.length - 1]).toBeCloseTo(ra.equity[3] + rb.equity[3], 9);
    expect(p.buyAndHold).toBeUndefined();
  });

  it('unionTimes dedupes and sorts', () => {
    expect(Array.from(unionTimes([t(1, 3), t(0, 1, 2), t()]))).toEqual(Array.from(t(0, 1, 2, 3)));
  });
});
