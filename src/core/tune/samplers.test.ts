import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { createRng } from '../util/rng';
import { isPromotable, rungsFor } from './asha';
import { randomSampler } from './random';
import type { FinishedTrial, Sampler } from './sampler';
import { checkSpace, defaultSpace, applyParams, type SearchSpace, type TrialParams } from './space';
import { nBelow, observationWeights, tpeSampler } from './tpe';

/** Minimise-style test functions written as scores (higher is better, optimum 0). */
const SPHERE: SearchSpace = {
  x: { type: 'float', low: -5, high: 5 },
  y: { type: 'float', low: -5, high: 5 },
  z: { type: 'float', low: -5, high: 5 },
};
const sphere = (p: TrialParams) =>
  -((Number(p.x) - 1) ** 2 + (Number(p.y) + 2) ** 2 + (Number(p.z) - 0.5) ** 2);

const MIXED: SearchSpace = {
  kind: { type: 'categorical', choices: ['a', 'b', 'c', 'd'] },
  lr: { type: 'float', low: 1e-5, high: 1, log: true },
  depth: { type: 'int', low: 1, high: 12 },
  extra: { type: 'float', low: 0, high: 1, when: { param: 'kind', in: ['b'] } },
};
const mixed = (p: TrialParams) =>
  -(
    (Math.log10(Number(p.lr)) + 2) ** 2 +
    (Number(p.depth) - 7) ** 2 / 4 +
    (p.kind === 'b' ? (Number(p.extra) - 0.3) ** 2 : 2)
  );

function minimise(
  sampler: Sampler,
  space: SearchSpace,
  f: (p: TrialParams) => number,
  seed: number,
  budget: number,
) {
  const history: FinishedTrial[] = [];
  let best = -Infinity;
  for (let n = 0; n < budget; n++) {
    const params = sampler.sample(space, history, createRng(seed * 7919 + n));
    const score = f(params);
    best = Math.max(best, score);
    history.push({ number: n, params, score, state: 'complete' });
  }
  return best;
}

describe('samplers', () => {
  it.each([
    ['a shifted 3-d sphere', SPHERE, sphere],
    ['a mixed space (log float, int, categorical, conditional)', MIXED, mixed],
  ])('TPE finds the optimum of %s faster than random search (same budget, 12 seeds)', (_n, space, f) => {
    const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
    const tpe = seeds.map((s) => minimise(tpeSampler(), space, f, s, 60));
    const rnd = seeds.map((s) => minimise(randomSampler, space, f, s, 60));
    const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    // regret (distance below the optimum 0): TPE's is well under random's, and wins on most seeds
    expect(-mean(tpe)).toBeLessThan(-mean(rnd) * 0.6);
    expect(tpe.filter((v, i) => v > rnd[i]).length).toBeGreaterThanOrEqual(8);
  });

  it('samples within bounds, conditionally, and the same for the same stream', () => {
    const history: FinishedTrial[] = [];
    for (let n = 0; n < 40; n++) {
      const p = tpeSampler().sample(MIXED, history, createRng(n));
      expect(p).toEqual(tpeSampler().sample(MIXED, history, createRng(n)));
      expect(Number.isInteger(p.depth)).toBe(true);
      expect(Number(p.depth)).toBeGreaterThanOrEqual(1);
      expect(Number(p.depth)).toBeLessThanOrEqual(12);
      expect(Number(p.lr)).toBeGreaterThanOrEqual(1e-5);
      expect(Number(p.lr)).toBeLessThanOrEqual(1);
      expect('extra' in p).toBe(p.kind === 'b');
      history.push({ number: n, params: p, score: mixed(p), state: 'complete' });
    }
  });

  it("follows Optuna's split and weights", () => {
    expect([1, 10, 11, 100, 250, 400].map(nBelow)).toEqual([1, 1, 2, 10, 25, 25]);
    expect(observationWeights(3)).toEqual([1, 1, 1]);
    const w = observationWeights(30);
    expect(w).toHaveLength(30);
    expect(w[0]).toBeCloseTo(1 / 30);
    expect(w[4]).toBeCloseTo(1);
    expect(w.slice(5)).toEqual(new Array(25).fill(1));
  });
});

describe('ASHA', () => {
  it('puts rungs at 1/3 and 2/3 of the folds', () => {
    expect(rungsFor(12)).toEqual([4, 8]);
    expect(rungsFor(3)).toEqual([1, 2]);
    expect(rungsFor(2)).toEqual([1]);
    expect(rungsFor(1)).toEqual([]);
  });
  it('promotes the top 1/eta at a rung (and the best so far among the first few)', () => {
    expect(isPromotable(0.1, [])).toBe(true);
    expect(isPromotable(0.4, [0.5])).toBe(false);
    expect(isPromotable(0.6, [0.5])).toBe(true);
    // 6 scores with itself: k = floor(6/3) - 1 = 1, so the 2nd best or better continues
    expect(isPromotable(4, [1, 2, 3, 5, 0])).toBe(true);
    expect(isPromotable(3.5, [1, 2, 4, 5, 0])).toBe(false);
    expect(isPromotable(3.5, [1, 2, 4, 5, 0], 2)).toBe(true); // eta 2: k = 2, the 3rd best
  });
});

describe('search spaces', () => {
  it('every kind has a valid default space', () => {
    for (const k of ['gbc', 'gbr', 'rfc', 'sgdc', 'sgdr', 'mlp', 'lstm'] as const)
      expect(() => checkSpace(defaultSpace(k), k)).not.toThrow();
  });
  it('names the field of a mistake', () => {
    const bad = (s: SearchSpace, k: 'gbc' | 'sgdc' = 'gbc') => {
      try {
        checkSpace(s, k);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        return (e as InputError).field;
      }
      return 'no error';
    };
    expect(bad({ max_depth: { type: 'int', low: 5, high: 2 } })).toBe('space.max_depth');
    expect(bad({ learning_rate: { type: 'float', low: 0, high: 1, log: true } })).toBe('space.learning_rate');
    expect(bad({ nonsense: { type: 'int', low: 1, high: 2 } })).toBe('space.nonsense');
    expect(
      bad(
        { eta0: { type: 'float', low: 0.1, high: 1, when: { param: 'learning_rate', in: ['constant'] } } },
        'sgdc',
      ),
    ).toBe('space.eta0');
    expect(
      bad({
        buy_threshold: { type: 'float', low: 0.5, high: 0.7 },
        sell_threshold: { type: 'float', low: 0.3, high: 0.55 },
      }),
    ).toBe('space.sell_threshold');
    expect(bad({})).toBe('space');
  });
  it('maps layers and units to the network and request dimensions to the request', () => {
    expect(applyParams('mlp', { layers: 2, units: 16, dropout: 0.1 })).toEqual({
      params: { dropout: 0.1, hidden_units: [16, 16] },
      request: {},
    });
    expect(applyParams('lstm', { units: 8, target_horizon: 6 }).params).toEqual({ lstm_units: [8] });
    expect(applyParams('gbc', { max_depth: 3, buy_threshold: 0.6 })).toEqual({
      params: { max_depth: 3 },
      request: { buy_threshold: 0.6 },
    });
  });
});
