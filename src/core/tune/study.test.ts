// A study's guarantees on real and synthetic bars: it never touches the evaluation period, ASHA
// prunes by its rule, a study resumed from stored trials ends as an uninterrupted one, and on a
// random walk the tuned configuration earns nothing out of sample while PBO flags the selection.
import { beforeAll, describe, expect, it } from 'vitest';
import { sliceBars, type Bars } from '../data/bars';
import { inProcessExecutor } from '../jobs/in-process';
import { loadSampleBars } from '../test-utils/sample';
import { createRng } from '../util/rng';
import { isPromotable } from './asha';
import { studyStats } from './report';
import { resolveTuneRequest, type TuneRequest } from './request';
import { bestTrial, evaluateTrial, runTrials, setupStudy } from './study';
import type { TrialResult } from './trial';

export const SMALL_SPACE = {
  n_estimators: { type: 'int', low: 4, high: 16, log: true },
  max_depth: { type: 'int', low: 1, high: 3 },
  learning_rate: { type: 'float', low: 0.05, high: 0.5, log: true },
} as const;

function request(over: Partial<TuneRequest> = {}): TuneRequest {
  return {
    symbols: ['BTC/USDT'],
    model: 'gbc',
    space: structuredClone(SMALL_SPACE) as unknown as TuneRequest['space'],
    trials: 9,
    batch_size: 3,
    seed: 5,
    train_window: '1500',
    test_window: '300',
    max_folds: 9,
    ...over,
  };
}

const strip = (ts: TrialResult[]) => ts.map(({ seconds: _s, ...t }) => t);

let bars: Bars;
beforeAll(() => {
  bars = sliceBars(loadSampleBars('BTC/USDT'), 0, 5000);
});

describe('a study', () => {
  it('never reads a bar of the evaluation period: garbage there gives the same trials and choice', async () => {
    const setup = setupStudy(resolveTuneRequest(request()), [bars]);
    expect(setup.periods.tuning_folds).toBe(5); // round(0.6 x 9) folds tune
    expect(setup.periods.evaluation_folds).toBe(4);
    const cut = setup.evalStartMs;
    const g = createRng(99);
    const garbage: Bars = {
      ...bars,
      open: bars.open.slice(),
      high: bars.high.slice(),
      low: bars.low.slice(),
      close: bars.close.slice(),
      volume: bars.volume.slice(),
    };
    for (let i = 0; i < bars.time.length; i++) {
      if (bars.time[i] < cut) continue;
      const p = 1 + 1e5 * g.next();
      garbage.open[i] = p;
      garbage.close[i] = p * (0.5 + g.next());
      garbage.high[i] = Math.max(p, garbage.close[i]) * 2;
      garbage.low[i] = Math.min(p, garbage.close[i]) / 2;
      garbage.volume[i] = 1e9 * g.next();
    }
    const other = setupStudy(resolveTuneRequest(request()), [garbage]);
    expect(other.periods).toEqual(setup.periods);
    const a = await runTrials({ setup, executor: inProcessExecutor() });
    const b = await runTrials({ setup: other, executor: inProcessExecutor() });
    expect(strip(b)).toEqual(strip(a));
    expect(bestTrial(b)?.params).toEqual(bestTrial(a)?.params);
    // while the evaluation does read those bars
    const evA = await evaluateTrial(setup, bestTrial(a)!.params, inProcessExecutor());
    const evB = await evaluateTrial(other, bestTrial(a)!.params, inProcessExecutor());
    expect(evB.results.total_return_pct).not.toBe(evA.results.total_return_pct);
    expect(Date.parse(evA.folds[0].test_start)).toBeGreaterThanOrEqual(cut);
  }, 60_000);

  it('prunes with ASHA exactly where the rule says, and resumes from stored trials to the same end', async () => {
    const setup = setupStudy(resolveTuneRequest(request({ trials: 12, sampler: 'random' })), [bars]);
    expect(setup.rungs).toEqual([2, 3]);
    const all = await runTrials({ setup, executor: inProcessExecutor() });
    expect(all.some((t) => t.state === 'pruned')).toBe(true);
    for (const t of all) {
      const batch0 = t.number - (t.number % 3);
      const earlier = all.filter((u) => u.number < batch0);
      t.rung_scores.forEach((s, r) => {
        const competitors = earlier.filter((u) => u.rung_scores.length > r).map((u) => u.rung_scores[r]);
        const last = r === t.rung_scores.length - 1;
        expect(isPromotable(s, competitors)).toBe(!(last && t.state === 'pruned'));
      });
      expect(t.folds).toBe(t.state === 'pruned' ? setup.rungs[t.rung_scores.length - 1] : 5);
    }
    // interrupted after 4 trials (mid-batch): the rest runs from what was stored
    const resumed = await runTrials({ setup, executor: inProcessExecutor(), stored: all.slice(0, 4) });
    expect(strip(resumed)).toEqual(strip(all));
  }, 60_000);

  it('on a random walk, the tuned strategy earns nothing out of sample and PBO is high', async () => {
    const g = createRng(2024);
    const n = 6000;
    const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2022, 0, 1) + i * 3_600_000);
    const close = new Float64Array(n);
    let p = 100;
    for (let i = 0; i < n; i++) close[i] = p *= Math.exp(0.01 * g.normal());
    const open = Float64Array.from(close, (_, i) => (i ? close[i - 1] : 100));
    const walk: Bars = {
      symbol: 'WALK',
      time,
      open,
      close,
      high: Float64Array.from(close, (c, i) => Math.max(c, open[i]) * 1.002),
      low: Float64Array.from(close, (c, i) => Math.min(c, open[i]) * 0.998),
      volume: Float64Array.from(close, () => 1000 + 100 * g.next()),
    };
    const setup = setupStudy(
      resolveTuneRequest(
        request({
          symbols: ['WALK'],
          trials: 12,
          batch_size: 4,
          sampler: 'random',
          pruner: 'none',
          objective: 'sharpe',
          max_folds: 12,
          fees_bps: 0,
          slippage_bps: 0,
          buy_threshold: 0.52,
          sell_threshold: 0.48,
        }),
      ),
      [walk],
    );
    const trials = await runTrials({ setup, executor: inProcessExecutor() });
    const best = bestTrial(trials)!;
    const ev = await evaluateTrial(setup, best.params, inProcessExecutor());
    const stats = studyStats(trials, best);
    const evalBars = ev.portfolio.curve.equity.length;
    // per-bar Sharpe within 3 standard errors of zero; selection among noise shows as PBO and a low DSR
    expect(Math.abs(ev.portfolio.metrics.sharpePerBar / Math.sqrt(8760))).toBeLessThan(
      3 / Math.sqrt(evalBars),
    );
    expect(stats.pbo!.pbo).toBeGreaterThan(0.4);
    expect(stats.deflated_sharpe!.dsr).toBeLessThan(0.5);
  }, 60_000);
});
