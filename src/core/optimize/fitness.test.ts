// The GA's fast fitness loop is the backtest: on the real BTC sample, for fixed weight vectors,
// every number it returns equals classificationTargets + simulate + metricsOfResult bit for bit
// (the brief asks for 1e-9; the loop repeats simulate's operations in order, so they are identical),
// long-only and long/short, next-open and close fills, with costs, on sub-ranges.
import { describe, expect, it } from 'vitest';
import { classificationTargets } from '../backtest/signals';
import { metricsOfResult } from '../backtest/metrics';
import { simulate } from '../backtest/simulate';
import type { FillMode } from '../backtest/types';
import { loadSampleBars } from '../test-utils/sample';
import { candidateTargets, combineSignals, createEvaluator, emptyFitness } from './fitness';
import { buildSignals } from './signals';

const bars = loadSampleBars('BTC/USDT');
const set = buildSignals({ bars });
const n = bars.close.length;

function same(a: number | null, b: number, what: string) {
  if (a === null) {
    expect(Number.isFinite(b), `${what}: reference null, fast ${b}`).toBe(false);
    return;
  }
  expect(b, what).toBe(a);
}

interface Case {
  weights: number[];
  buy: number;
  sell: number;
  longShort: boolean;
  fill: FillMode;
  start: number;
  end: number;
}

const cases: Case[] = [
  { weights: [0.4, 0.3, 0.2, 0.1], buy: 0, sell: 0, longShort: false, fill: 'next_open', start: 700, end: n },
  {
    weights: [-0.5, 1, 0.25, -0.1],
    buy: 0.1,
    sell: -0.05,
    longShort: true,
    fill: 'next_open',
    start: 1000,
    end: 20_000,
  },
  {
    weights: [1, -0.2, 0.7, 0.3],
    buy: 0.05,
    sell: -0.2,
    longShort: false,
    fill: 'close',
    start: 5000,
    end: 14_000,
  },
  {
    weights: [0.1, 0.9, -0.6, 0.8],
    buy: -0.1,
    sell: -0.1,
    longShort: true,
    fill: 'close',
    start: 600,
    end: n,
  },
];

describe('fast fitness loop = backtest simulate (real BTC/USDT)', () => {
  it.each(cases)(
    'weights $weights, buy $buy sell $sell, longShort $longShort, fill $fill, [$start, $end)',
    (c) => {
      const fees = { feesBps: 10, slippageBps: 5 };
      const ev = createEvaluator({
        bars,
        signals: set.columns,
        start: c.start,
        end: c.end,
        longShort: c.longShort,
        fill: c.fill,
        ...fees,
      });
      const fast = ev.evaluate(c.weights, c.buy, c.sell, emptyFitness());

      // reference: the score as a probability-like series, NaN before start (state starts flat)
      const score = combineSignals(set.columns, c.weights, new Float64Array(n).fill(NaN), c.start, c.end);
      const target = classificationTargets({
        prob: score,
        buyThreshold: c.buy,
        sellThreshold: c.sell,
        longShort: c.longShort,
      });
      const sim = simulate({ bars, target, start: c.start, end: c.end, fill: c.fill, ...fees });
      const m = metricsOfResult(sim);

      expect(m.totalTrades).toBeGreaterThan(20); // the case exercises trading
      expect(fast.trades).toBe(m.totalTrades);
      expect(fast.winningTrades).toBe(m.winningTrades);
      expect(fast.fills).toBe(m.fills);
      same(m.finalEquity, fast.finalEquity, 'finalEquity');
      same(m.totalReturnPct, fast.totalReturnPct, 'totalReturnPct');
      same(m.sharpePerBar, fast.sharpe, 'sharpe');
      same(m.sortino, fast.sortino, 'sortino');
      same(m.calmar, fast.calmar, 'calmar');
      same(m.maxDrawdownPct, fast.maxDrawdownPct, 'maxDrawdownPct');
      same(m.winRate, fast.winRate, 'winRate');
      for (let i = 0; i < sim.equity.length; i += 997) same(sim.equity[i], ev.equity[i], `equity[${i}]`);
      // candidateTargets (used for reporting) is the same rule
      const ct = candidateTargets({
        signals: set.columns,
        weights: c.weights,
        buyThreshold: c.buy,
        sellThreshold: c.sell,
        longShort: c.longShort,
        start: c.start,
        end: c.end,
      });
      for (let t = c.start; t < c.end; t++)
        if (ct[t] !== target[t]) throw new Error(`target differs at ${t}`);
    },
  );

  it('an evaluator reused for many candidates gives the same numbers as a fresh one', () => {
    const ev = createEvaluator({ bars, signals: set.columns, start: 700, end: n, feesBps: 10 });
    const out = emptyFitness();
    ev.evaluate([1, 0, 0, 0], 0, 0, out);
    ev.evaluate([0, 1, 1, 0], 0.1, -0.1, out);
    const again = { ...ev.evaluate(cases[0].weights, 0, 0, out) };
    const fresh = createEvaluator({ bars, signals: set.columns, start: 700, end: n, feesBps: 10 }).evaluate(
      cases[0].weights,
      0,
      0,
      emptyFitness(),
    );
    expect(again).toEqual(fresh);
  });

  it('all-zero weights mean no opinion: flat, no trades', () => {
    const ev = createEvaluator({ bars, signals: set.columns, start: 700, end: n, feesBps: 10 });
    const m = ev.evaluate([0, 0, 0, 0], 0, 0, emptyFitness());
    expect(m.trades).toBe(0);
    expect(m.totalReturnPct).toBe(0);
    expect(m.maxDrawdownPct).toBe(0);
  });
});

describe('combineSignals', () => {
  // the score of 1 to 6 of the sample's signals equals a signal-by-signal accumulation bit for bit
  // (the 2-4 signal cases run one fused pass), NaN where any signal is NaN
  it('equals the signal-by-signal sum for every selection size, on a sub-range', () => {
    const weights = [0.7, -0.3, 0.25, 1.5, -0.9, 0.05];
    const start = 3; // inside the warm-up, where signals are NaN
    const end = n - 37;
    for (let k = 1; k <= Math.min(6, set.columns.length); k++) {
      const cols = set.columns.slice(0, k);
      const norm = weights.slice(0, k).reduce((s, w) => s + Math.abs(w), 0);
      const want = new Float64Array(n).fill(-7);
      for (let t = start; t < end; t++) want[t] = (weights[0] / norm) * cols[0][t];
      for (let j = 1; j < k; j++)
        for (let t = start; t < end; t++) want[t] += (weights[j] / norm) * cols[j][t];
      const got = combineSignals(cols, weights, new Float64Array(n).fill(-7), start, end);
      expect(Array.from(got), `${k} signals`).toEqual(Array.from(want));
      expect(got.some((v) => Number.isNaN(v))).toBe(true);
    }
  });
});
