// The genetic algorithm on the real BTC sample: it finds a planted optimum (a test-only signal
// that is the future return itself, mixed with noise), respects constraints in the returned
// best (checked with the backtest's own simulate), is deterministic for a seed, and reports
// infeasible populations as such.
import { describe, expect, it } from 'vitest';
import { sliceBars } from '../data/bars';
import { metricsOfResult } from '../backtest/metrics';
import { simulate } from '../backtest/simulate';
import { loadSampleBars } from '../test-utils/sample';
import { createRng } from '../util/rng';
import { candidateTargets } from './fitness';
import { optimizeStrategyWeights, type OptimizeOptions } from './ga';
import { buildSignals, selectSignals, type SignalSet } from './signals';

const btc = loadSampleBars('BTC/USDT');
const FEES = { feesBps: 10, slippageBps: 5 };

/**
 * TEST-ONLY: a signal that knows the future. With next-open fills a decision at the close of t
 * is held from open[t+1] to open[t+2], so the signal is that return, tanh-scaled.
 */
function plantedProblem(): { bars: ReturnType<typeof sliceBars>; set: SignalSet } {
  const bars = sliceBars(btc, 10_000, 16_000);
  const n = bars.close.length;
  const future = new Float64Array(n).fill(NaN);
  for (let t = 0; t + 2 < n; t++) future[t] = Math.tanh((bars.open[t + 2] / bars.open[t + 1] - 1) / 0.005);
  const rng = createRng(99);
  const noise = () => Float64Array.from({ length: n }, () => Math.tanh(rng.normal()));
  const real = buildSignals({ bars, names: ['rsi', 'macd'] });
  return {
    bars,
    set: {
      names: ['noise_a', 'rsi', 'future', 'noise_b', 'macd'],
      columns: [noise(), real.columns[0], future, noise(), real.columns[1]],
      rows: n,
      firstValid: [0, real.firstValid[0], 0, 0, real.firstValid[1]],
      definitions: {},
      normWindow: real.normWindow,
    },
  };
}

describe('optimizeStrategyWeights', () => {
  it('puts most of the weight on a planted future-return signal', async () => {
    const { bars, set } = plantedProblem();
    const res = await optimizeStrategyWeights({
      signalNames: set.names,
      signals: set,
      bars,
      objective: 'sharpe',
      population: 30,
      generations: 20,
      seed: 3,
      ...FEES,
    });
    const w = res.best.weights;
    const others = set.names.filter((n) => n !== 'future').map((n) => Math.abs(w[n]));
    expect(w.future).toBeGreaterThan(0.5); // normalised: |weights| sum to 1
    expect(Math.max(...others)).toBeLessThan(w.future / 2);
    expect(res.best.metrics.sharpe).toBeGreaterThan(10); // foresight pays, even after costs
    // elitism: the best never gets worse
    for (let g = 1; g < res.history.length; g++)
      expect(res.history[g].best).toBeGreaterThanOrEqual(res.history[g - 1].best);
    expect(res.evaluated).toBe(30 + 19 * 28);
    expect(res.trialSharpes).toHaveLength(res.evaluated);
  });

  describe('constraints, on the real signals', () => {
    const bars = sliceBars(btc, 0, 12_000);
    const set = buildSignals({ bars });
    const base: OptimizeOptions = {
      signalNames: ['rsi', 'macd', 'ema_cross', 'volume'],
      signals: set,
      bars,
      objective: 'total_return',
      population: 24,
      generations: 8,
      seed: 11,
      optimizeThresholds: true,
      ...FEES,
    };
    const recheck = (best: Awaited<ReturnType<typeof optimizeStrategyWeights>>) => {
      const target = candidateTargets({
        signals: selectSignals(set, base.signalNames),
        weights: best.best.rawWeights,
        buyThreshold: best.best.buyThreshold,
        sellThreshold: best.best.sellThreshold,
        start: best.start,
        end: best.end,
      });
      return metricsOfResult(simulate({ bars, target, start: best.start, end: best.end, ...FEES }));
    };

    it('the returned best meets max_drawdown and min_trades (checked with simulate), and they bind', async () => {
      const free = await optimizeStrategyWeights(base);
      const freeM = recheck(free);
      const limit = -0.1;
      expect(freeM.maxDrawdownPct / 100).toBeLessThan(limit); // unconstrained, the best draws down more
      const res = await optimizeStrategyWeights({
        ...base,
        constraints: { max_drawdown: limit, min_trades: 30 },
      });
      expect(res.feasible).toBe(true);
      expect(res.best.violation).toBe(0);
      const m = recheck(res);
      expect(m.maxDrawdownPct / 100).toBeGreaterThanOrEqual(limit);
      expect(m.totalTrades).toBeGreaterThanOrEqual(30);
      expect(res.best.metrics.maxDrawdownPct).toBe(m.maxDrawdownPct);
      expect(res.history.at(-1)!.feasible).toBeGreaterThan(0);
    });

    it('the returned best meets min_win_rate and min_trades (checked with simulate)', async () => {
      const res = await optimizeStrategyWeights({
        ...base,
        objective: 'sharpe',
        constraints: { min_win_rate: 0.5, min_trades: 20 },
      });
      const m = recheck(res);
      expect(res.feasible).toBe(true);
      expect(m.winRate!).toBeGreaterThanOrEqual(0.5);
      expect(m.totalTrades).toBeGreaterThanOrEqual(20);
      expect(res.best.metrics.winRate).toBe(m.winRate);
    });

    it('reports an infeasible population as such, with the least-violating candidate', async () => {
      const res = await optimizeStrategyWeights({
        ...base,
        constraints: { min_win_rate: 0.99, min_trades: 200 },
      });
      expect(res.feasible).toBe(false);
      expect(res.feasibleEvaluated).toBe(0);
      expect(res.history.every((h) => h.feasible === 0)).toBe(true);
      expect(res.best.violation).toBeGreaterThan(0);
      expect(res.best.feasible).toBe(false);
      // ranked by how far they miss: the best's violation is the lowest seen, and never rises
      const v = res.history.map((h) => h.bestViolation);
      for (let g = 1; g < v.length; g++) expect(v[g]).toBeLessThanOrEqual(v[g - 1]);
      expect(res.best.violation).toBe(v.at(-1));
    });

    it('same seed, same result; another seed, another result', async () => {
      const a = await optimizeStrategyWeights({ ...base, generations: 4 });
      const b = await optimizeStrategyWeights({ ...base, generations: 4 });
      const c = await optimizeStrategyWeights({ ...base, generations: 4, seed: 12 });
      const strip = (r: typeof a) => ({ ...r, elapsedMs: 0 });
      expect(strip(b)).toEqual(strip(a));
      expect(c.best.weightVector).not.toEqual(a.best.weightVector);
    });

    it('rejects bad settings', async () => {
      await expect(optimizeStrategyWeights({ ...base, signalNames: [] })).rejects.toThrow(
        /at least one signal/,
      );
      await expect(optimizeStrategyWeights({ ...base, signalNames: ['rsi', 'nope'] })).rejects.toThrow(
        /nope/,
      );
      await expect(optimizeStrategyWeights({ ...base, constraints: { max_drawdown: 0.2 } })).rejects.toThrow(
        /max_drawdown/,
      );
      await expect(optimizeStrategyWeights({ ...base, population: 2 })).rejects.toThrow(/population/);
      await expect(optimizeStrategyWeights({ ...base, objective: 'profit' as never })).rejects.toThrow(
        /objective/,
      );
    });

    it('stops when cancelled', async () => {
      let gens = 0;
      const signal = { cancelled: false };
      const run = optimizeStrategyWeights({
        ...base,
        signal,
        onGeneration: () => {
          gens++;
          if (gens === 2) signal.cancelled = true;
        },
      });
      await expect(run).rejects.toThrow(/cancel/i);
      expect(gens).toBe(2);
    });
  });
});
