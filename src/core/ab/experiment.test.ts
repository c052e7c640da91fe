// The with/without-ML experiment cannot see the future: replacing every bar after t with
// garbage (same timestamps, random prices and volumes) changes nothing at or before t: not the
// model's out-of-sample predictions, not any arm's equity. And its arms share their folds.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../data/bars';
import { createRng } from '../util/rng';
import { sampleSlice, smallGbcRequest } from '../walkforward/test-utils/fixtures';
import {
  armSeries,
  runMlSignalExperiment,
  type AbStrategySettings,
  type MlSignalExperiment,
} from './experiment';

const N = 5200;
const CUTS = [3600, 4400];
const strategy: AbStrategySettings = {
  train_window: '1000',
  test_window: '500',
  population: 8,
  generations: 3,
  seed: 5,
};

/** The bars with everything after bar t replaced by random values (timestamps kept). */
function garbageAfter(bars: Bars, t: number): Bars {
  const rng = createRng(t);
  const out = {
    ...bars,
    open: bars.open.slice(),
    high: bars.high.slice(),
    low: bars.low.slice(),
    close: bars.close.slice(),
    volume: bars.volume.slice(),
  };
  for (let i = t + 1; i < bars.time.length; i++) {
    const o = 1 + rng.next() * 1e5;
    const c = 1 + rng.next() * 1e5;
    out.open[i] = o;
    out.close[i] = c;
    out.high[i] = Math.max(o, c) * (1 + rng.next());
    out.low[i] = Math.min(o, c) * (1 - 0.5 * rng.next());
    out.volume[i] = rng.next() * 1e9;
  }
  return out;
}

/** [decision bar, side] of every fill decided at or before bar t. */
function decisions(sim: MlSignalExperiment['arms'][number]['result']['simulation'], t: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < sim.fills.count; i++)
    if (sim.fills.decisionBar[i] <= t) out.push([sim.fills.decisionBar[i], Math.sign(sim.fills.quantity[i])]);
  return out;
}

const run = (bars: Bars) =>
  runMlSignalExperiment({ bars, model: smallGbcRequest(), strategy, include_model_only: true });

describe('with/without-ML experiment', () => {
  let bars: Bars;
  let full: MlSignalExperiment;
  beforeAll(async () => {
    bars = sampleSlice('BTC/USDT', N);
    full = await run(bars);
  }, 120_000);

  it('runs A, B and C on the same folds, starting at the first out-of-sample prediction', () => {
    expect(full.arms.map((a) => a.name)).toEqual(['A', 'B', 'C']);
    expect(full.arms[1].signal_names).toContain('model');
    const folds = full.arms.map((a) => a.result.folds.map((f) => [f.trainStart, f.testStart, f.testEnd]));
    expect(folds[1]).toEqual(folds[0]);
    expect(folds[2]).toEqual(folds[0]);
    expect(folds[0].length).toBeGreaterThanOrEqual(3);
    expect(full.arms[0].result.folds[0].trainStart).toBeGreaterThanOrEqual(full.first_prediction);
    expect(Number.isFinite(full.model.per_symbol[0].signal[full.first_prediction])).toBe(true);
    expect(Number.isNaN(full.model.per_symbol[0].signal[full.first_prediction - 1])).toBe(true);
    const series = full.arms.map((a) => armSeries(a, 'BTC/USDT'));
    expect(series[0].time).toEqual(series[1].time);
  });

  it.each(CUTS)(
    'garbage after bar %i changes nothing at or before it',
    async (cut) => {
      const part = await run(garbageAfter(bars, cut));
      const upTo = (v: Float64Array) => Array.from(v.subarray(0, cut + 1));
      expect(upTo(part.model.per_symbol[0].signal)).toEqual(upTo(full.model.per_symbol[0].signal));
      expect(part.signals.names).toEqual(full.signals.names);
      part.signals.columns.forEach((c, j) => expect(upTo(c)).toEqual(upTo(full.signals.columns[j])));
      for (let k = 0; k < full.arms.length; k++) {
        const a = part.arms[k].result.simulation;
        const b = full.arms[k].result.simulation;
        expect(a.start).toBe(b.start);
        const n = cut + 1 - a.start;
        expect(n).toBeGreaterThan(100);
        expect(Array.from(a.equity.subarray(0, n))).toEqual(Array.from(b.equity.subarray(0, n)));
        // every decision taken at a close up to t: same bar, same side (its fill may land after t)
        expect(decisions(a, cut)).toEqual(decisions(b, cut));
      }
      // and the garbage did change what came after
      const after = (e: MlSignalExperiment) => e.arms[0].result.simulation.equity.at(-1);
      expect(after(part)).not.toBe(after(full));
    },
    120_000,
  );
});
