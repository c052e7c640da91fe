import { describe, expect, it } from 'vitest';
import { barsPerYear, inferBarMs } from './annualisation';
import { buyAndHoldEquity } from './benchmark';
import { drawdownSeries, drawdownStats } from './drawdown';
import { computeMetrics, metricsForRange, type MetricsInput } from './metrics';
import { simulate } from './simulate';
import { tradeStats } from './trade-stats';
import type { Trade } from './types';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const hours = (n: number) => Float64Array.from({ length: n }, (_, i) => T0 + i * H);
const noCosts = { fees: 0, slippage: 0, tradedNotional: 0, fills: 0 };
const input = (equity: number[], extra: Partial<MetricsInput> = {}): MetricsInput => ({
  time: hours(equity.length),
  equity: Float64Array.from(equity),
  position: new Float64Array(equity.length),
  initialEquity: 100,
  trades: [],
  totals: noCosts,
  ...extra,
});
const trade = (pnl: number, returnPct: number, barsHeld = 1): Trade => ({
  symbol: 'X',
  side: 'long',
  entryBar: 0,
  exitBar: barsHeld,
  entryTime: T0,
  exitTime: T0 + barsHeld * H,
  entryPrice: 1,
  exitPrice: 1,
  quantity: 1,
  fees: 0,
  slippage: 0,
  pnl,
  returnPct,
  barsHeld,
  fold: 0,
  open: false,
});
const jsonRoundTrip = (v: unknown) => JSON.parse(JSON.stringify(v));

describe('annualisation', () => {
  it('8,760 hourly bars a year; bar size from the median gap', () => {
    expect(barsPerYear(H)).toBe(8760);
    expect(barsPerYear(86_400_000)).toBe(365);
    expect(inferBarMs(Float64Array.from([0, H, 2 * H, 10 * H, 11 * H]))).toBe(H);
    expect(inferBarMs(Float64Array.from([0]))).toBeNaN();
  });
});

describe('computeMetrics: golden values on hand-made curves', () => {
  it('a three-bar curve 100 -> 110 -> 99 -> 121', () => {
    const m = computeMetrics(input([110, 99, 121]));
    expect(m.totalReturn).toBeCloseTo(21, 12);
    expect(m.totalReturnPct).toBeCloseTo(21, 12);
    // numpy: r.mean() / r.std() * sqrt(8760) and the downside version
    expect(m.sharpePerBar).toBeCloseTo(52.198925642757914, 10);
    expect(m.sortino).toBeCloseTo(120.082276320945, 9);
    expect(m.sharpeDaily).toBe(0); // one UTC day, one daily return
    expect(m.maxDrawdownPct).toBeCloseTo(-10, 12);
    expect(m.maxDrawdownBars).toBe(2);
    expect(m.maxDrawdownMs).toBe(2 * H);
    expect(m.maxDrawdownRecovered).toBe(true);
    expect(m.barsPerYear).toBe(8760);
    expect(m.years).toBeCloseTo(3 / 8760, 15);
    expect(jsonRoundTrip(m)).toEqual(m);
  });

  it('a flat curve: every ratio 0 (not NaN), no drawdown, Calmar null', () => {
    const m = computeMetrics(input([100, 100, 100, 100]));
    expect(m).toMatchObject({
      totalReturnPct: 0,
      cagrPct: 0,
      sharpePerBar: 0,
      sharpeDaily: 0,
      sortino: 0,
      calmar: null,
      maxDrawdownPct: 0,
      maxDrawdownBars: 0,
      maxDrawdownRecovered: true,
      exposurePct: 0,
      totalTrades: 0,
      winRate: null,
      profitFactor: null,
      expectancy: null,
      avgTradeReturnPct: null,
    });
    expect(jsonRoundTrip(m)).toEqual(m);
  });

  it('a single bar: Sharpe 0, Sortino null (no losing bar), CAGR null only when it overflows', () => {
    const m = computeMetrics(input([105], { barMs: H }));
    expect(m).toMatchObject({ bars: 1, sharpePerBar: 0, sharpeDaily: 0, sortino: null });
    expect(m.cagrPct! / ((Math.pow(1.05, 8760) - 1) * 100)).toBeCloseTo(1, 12); // extrapolated, finite
    expect(computeMetrics(input([120], { barMs: H })).cagrPct).toBeNull(); // 1.2^8760 overflows
    expect(m.totalReturnPct).toBeCloseTo(5, 12);
    const noSize = computeMetrics(input([105]));
    expect(noSize).toMatchObject({
      barMs: null,
      barsPerYear: null,
      years: null,
      sharpePerBar: 0,
      cagrPct: null,
    });
    expect(jsonRoundTrip(noSize)).toEqual(noSize);
  });

  it('an empty curve is all zeros and nulls', () => {
    const m = computeMetrics(input([]));
    expect(m).toMatchObject({
      bars: 0,
      finalEquity: 100,
      totalReturnPct: 0,
      sharpePerBar: 0,
      startTime: null,
    });
    expect(jsonRoundTrip(m)).toEqual(m);
  });

  it('CAGR: doubling over exactly 365 days of hourly bars is 100%; Calmar = CAGR / |max DD|', () => {
    const eq = Array.from({ length: 8760 }, (_, i) => 100 * Math.pow(2, (i + 1) / 8760));
    eq[100] = eq[99] * 0.9; // one dip of 10%
    const m = computeMetrics(input(eq));
    expect(m.years).toBeCloseTo(1, 15);
    expect(m.cagrPct).toBeCloseTo(100, 9);
    expect(m.maxDrawdownPct).toBeCloseTo(-10, 9);
    expect(m.calmar).toBeCloseTo(1 / 0.1, 9);
  });

  it('daily Sharpe resamples to the last equity of each UTC day, annualised with 365', () => {
    const dayEnd = [101, 99, 102];
    const eq = Array.from({ length: 72 }, (_, i) =>
      (i + 1) % 24 === 0 ? dayEnd[(i + 1) / 24 - 1] : 100 + (i % 5),
    );
    const m = computeMetrics(input(eq));
    expect(m.sharpeDaily).toBeCloseTo(6.344680009135134, 10); // numpy on [101, 99, 102] from 100
  });

  it('drawdown from the initial capital, not recovered', () => {
    const m = computeMetrics(input([95, 90, 97]));
    expect(m.maxDrawdownPct).toBeCloseTo(-10, 12);
    expect(m).toMatchObject({ maxDrawdownBars: 3, maxDrawdownMs: 3 * H, maxDrawdownRecovered: false });
    expect(m.longestDrawdownBars).toBe(3);
    const s = drawdownStats(Float64Array.from([95, 90, 97]), hours(3), 100, H);
    expect(s).toMatchObject({ peakIndex: -1, troughIndex: 1, recoveryIndex: -1 });
    expect(Array.from(drawdownSeries(Float64Array.from([95, 110, 99]), 100))).toEqual([
      95 / 100 - 1,
      0,
      99 / 110 - 1,
    ]);
  });

  it('the longest drawdown may differ from the deepest one', () => {
    const s = drawdownStats(Float64Array.from([100, 99, 99, 99, 101, 80, 102]), hours(7), 100, H);
    expect(s.maxDrawdownPct).toBeCloseTo((80 / 101 - 1) * 100, 12);
    expect(s.durationBars).toBe(2);
    expect(s.longestDrawdownBars).toBe(4);
  });

  it('exposure, turnover, costs and buy-and-hold', () => {
    const m = computeMetrics(
      input([100, 100, 100, 100], {
        position: Float64Array.from([0, 1, 0.5, 0]),
        totals: { fees: 3, slippage: 2, tradedNotional: 250, fills: 4 },
        buyAndHold: Float64Array.from([101, 103, 99, 120]),
      }),
    );
    expect(m).toMatchObject({
      exposurePct: 50,
      turnover: 2.5,
      totalFees: 3,
      totalSlippage: 2,
      totalCosts: 5,
      fills: 4,
    });
    expect(m.buyAndHoldReturnPct).toBeCloseTo(20, 12);
    const bars = { open: Float64Array.from([50, 60, 70]), close: Float64Array.from([55, 66, 77]) };
    expect(Array.from(buyAndHoldEquity({ bars, start: 1, end: 3, initialCapital: 1000 }))).toEqual([
      1100,
      (1000 * 77) / 60,
    ]);
  });
});

describe('tradeStats', () => {
  it('zero trades: counts 0, ratios null', () => {
    expect(tradeStats([])).toEqual({
      totalTrades: 0,
      openTrades: 0,
      winningTrades: 0,
      losingTrades: 0,
      winRate: null,
      avgTradeReturnPct: null,
      grossProfit: 0,
      grossLoss: 0,
      profitFactor: null,
      expectancy: null,
      avgBarsHeld: null,
    });
  });
  it('all losing trades: win rate 0, profit factor 0', () => {
    expect(tradeStats([trade(-10, -1, 2), trade(-30, -3, 4)])).toMatchObject({
      totalTrades: 2,
      winRate: 0,
      profitFactor: 0,
      expectancy: -20,
      avgTradeReturnPct: -2,
      grossLoss: 40,
      avgBarsHeld: 3,
    });
  });
  it('no losing trade: profit factor null (would be Infinity)', () => {
    const s = tradeStats([trade(5, 0.5), trade(0, 0)]);
    expect(s).toMatchObject({ winRate: 0.5, profitFactor: null, winningTrades: 1, losingTrades: 0 });
  });
  it('mixed trades; open trades are counted apart', () => {
    const open = { ...trade(1000, 10), open: true };
    const s = tradeStats([trade(50, 5), trade(-20, -2), trade(30, 3), trade(-10, -1), open]);
    expect(s.profitFactor).toBeCloseTo(80 / 30, 15);
    expect(s).toMatchObject({
      totalTrades: 4,
      openTrades: 1,
      winRate: 0.5,
      expectancy: 12.5,
      avgTradeReturnPct: 1.25,
    });
  });
});

describe('metricsForRange', () => {
  it('one fold: starts from the equity before it, keeps its trades and its costs', () => {
    const bars = {
      symbol: 'X',
      time: hours(8),
      open: Float64Array.from([10, 11, 12, 13, 14, 15, 16, 17]),
      close: Float64Array.from([11, 12, 13, 14, 15, 16, 17, 18]),
    };
    const target = Float64Array.from([1, 0, 0, 0, 1, 1, 0, 0]);
    const r = simulate({ bars, target, feesBps: 10 });
    const bh = buyAndHoldEquity({ bars, start: 0, end: 8, initialCapital: r.initialCapital });
    const m = metricsForRange(r, { from: 4, to: 8, buyAndHold: bh });
    expect(m.initialEquity).toBe(r.equity[3]);
    expect(m.finalEquity).toBe(r.equity[7]);
    expect(m.totalTrades).toBe(1);
    expect(m.fills).toBe(2);
    expect(m.totalFees).toBeCloseTo(r.fills.fee[2] + r.fills.fee[3], 12);
    expect(m.buyAndHoldReturnPct).toBeCloseTo((18 / 14 - 1) * 100, 10);
    expect(() => metricsForRange(r, { from: 4, to: 4 })).toThrow(RangeError);
  });
});
