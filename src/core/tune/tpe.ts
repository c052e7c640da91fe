/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011), as Optuna's TPESampler runs it by
 * default (univariate):
 *  - the first `startup` trials (10) are random;
 *  - finished trials are ranked (complete ones by score, then pruned ones by score) and split into
 *    the best n_below = min(ceil(0.1 n), 25) ("below", l) and the rest ("above", g);
 *  - per parameter, in space order (so a condition's parent is known), each group's values form a
 *    Parzen estimator: one truncated normal per observation plus a prior (mean mid-range, sigma
 *    the range), weights 1 (below 25 observations; beyond that the older ones ramp down), each
 *    sigma the larger distance to its sorted neighbours, clipped to [range / min(100, 1 + n), range]
 *    ("magic clip"); numeric values live in log space for log parameters, integers in
 *    [low - 0.5, high + 0.5];
 *  - categorical parameters: each group's counts plus a prior weight spread over the choices;
 *  - 24 candidates are drawn from l and the one maximising log l(x) - log g(x) is kept.
 * Only trials where a parameter was active take part in its estimators.
 */
import { normCdf } from '../optimize/deflated-sharpe';
import type { Rng } from '../util/rng';
import { fromInternal, numericBounds, sampleOne, sampleRandom, toInternal } from './random';
import type { FinishedTrial, Sampler } from './sampler';
import { isActive, type Choice, type ParamSpec, type SearchSpace, type TrialParams } from './space';

export interface TpeOptions {
  /** random trials before the model is used (Optuna: 10) */
  startup?: number;
  /** candidates drawn from l per parameter (Optuna: 24) */
  candidates?: number;
  /** weight of the prior component (Optuna: 1) */
  priorWeight?: number;
}

/** Optuna's default_gamma: how many of n finished trials form the "below" group. */
export const nBelow = (n: number) => Math.min(Math.ceil(0.1 * n), 25);

/** Optuna's default_weights: flat below 25 observations, older ones ramped down beyond. */
export function observationWeights(n: number): number[] {
  if (n === 0) return [];
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = Array.from({ length: n - 25 }, (_, i) =>
    n - 25 === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (n - 26),
  );
  return [...ramp, ...new Array<number>(25).fill(1)];
}

interface Mixture {
  mus: number[];
  sigmas: number[];
  weights: number[];
  lo: number;
  hi: number;
}

export function parzen(obs: number[], lo: number, hi: number, priorWeight: number): Mixture {
  const range = hi - lo;
  const mus = [...obs, (lo + hi) / 2];
  const w = [...observationWeights(obs.length), priorWeight];
  const order = mus.map((_, i) => i).sort((a, b) => mus[a] - mus[b]);
  const sorted = order.map((i) => mus[i]);
  const withEnds = [lo, ...sorted, hi];
  const sigmas = new Array<number>(mus.length);
  order.forEach((i, r) => {
    sigmas[i] = Math.max(withEnds[r + 1] - withEnds[r], withEnds[r + 2] - withEnds[r + 1]);
  });
  const minS = range / Math.min(100, 1 + mus.length);
  for (let i = 0; i < sigmas.length; i++) sigmas[i] = Math.min(range, Math.max(minS, sigmas[i]));
  sigmas[mus.length - 1] = range; // the prior
  const total = w.reduce((a, b) => a + b, 0);
  return { mus, sigmas, weights: w.map((x) => x / total), lo, hi };
}

function pick(weights: number[], rng: Rng): number {
  let u = rng.next();
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

export function sampleMixture(m: Mixture, rng: Rng): number {
  const i = pick(m.weights, rng);
  for (let tries = 0; tries < 100; tries++) {
    const x = m.mus[i] + m.sigmas[i] * rng.normal();
    if (x >= m.lo && x <= m.hi) return x;
  }
  return Math.min(m.hi, Math.max(m.lo, m.mus[i]));
}

export function logPdf(m: Mixture, x: number): number {
  let p = 0;
  for (let i = 0; i < m.mus.length; i++) {
    const s = m.sigmas[i];
    const z = normCdf((m.hi - m.mus[i]) / s) - normCdf((m.lo - m.mus[i]) / s);
    const d = (x - m.mus[i]) / s;
    p += (m.weights[i] * Math.exp(-0.5 * d * d)) / (s * Math.sqrt(2 * Math.PI) * Math.max(z, 1e-12));
  }
  return Math.log(Math.max(p, 1e-300));
}

function categoricalProbs(choices: Choice[], obs: Choice[], priorWeight: number): number[] {
  const w = observationWeights(obs.length);
  const p = new Array<number>(choices.length).fill(priorWeight / choices.length);
  obs.forEach((v, i) => {
    const c = choices.indexOf(v);
    if (c >= 0) p[c] += w[i];
  });
  const total = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / total);
}

function sampleParam(
  p: ParamSpec,
  below: Choice[],
  above: Choice[],
  rng: Rng,
  o: Required<TpeOptions>,
): Choice {
  if (p.type === 'categorical') {
    const l = categoricalProbs(p.choices, below, o.priorWeight);
    const g = categoricalProbs(p.choices, above, o.priorWeight);
    let best = 0;
    let bestScore = -Infinity;
    for (let k = 0; k < o.candidates; k++) {
      const c = pick(l, rng);
      const s = Math.log(l[c]) - Math.log(g[c]);
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    return p.choices[best];
  }
  const [lo, hi] = numericBounds(p);
  if (hi <= lo) return sampleOne(p, rng);
  const l = parzen(
    below.map((v) => toInternal(p, Number(v))),
    lo,
    hi,
    o.priorWeight,
  );
  const g = parzen(
    above.map((v) => toInternal(p, Number(v))),
    lo,
    hi,
    o.priorWeight,
  );
  let best = l.mus[0];
  let bestScore = -Infinity;
  for (let k = 0; k < o.candidates; k++) {
    const x = sampleMixture(l, rng);
    const s = logPdf(l, x) - logPdf(g, x);
    if (s > bestScore) [best, bestScore] = [x, s];
  }
  return fromInternal(p, best);
}

/** Complete trials by score, then pruned ones by score (both best first). */
export function rankTrials(history: readonly FinishedTrial[]): FinishedTrial[] {
  return [...history].sort((a, b) => {
    if (a.state !== b.state) return a.state === 'complete' ? -1 : 1;
    return b.score - a.score || a.number - b.number;
  });
}

export function tpeSampler(options: TpeOptions = {}): Sampler {
  const o: Required<TpeOptions> = { startup: 10, candidates: 24, priorWeight: 1, ...options };
  return {
    sample(space: SearchSpace, history: readonly FinishedTrial[], rng: Rng): TrialParams {
      if (history.length < o.startup) return sampleRandom(space, rng);
      const ranked = rankTrials(history);
      const k = nBelow(ranked.length);
      // estimators see observations in trial order (the weights ramp by age)
      const byNumber = (t: FinishedTrial[]) => [...t].sort((a, b) => a.number - b.number);
      const below = byNumber(ranked.slice(0, k));
      const above = byNumber(ranked.slice(k));
      const out: TrialParams = {};
      for (const [name, p] of Object.entries(space)) {
        if (!isActive(p, out)) continue;
        const values = (ts: FinishedTrial[]) => ts.filter((t) => name in t.params).map((t) => t.params[name]);
        out[name] = sampleParam(p, values(below), values(above), rng, o);
      }
      return out;
    },
  };
}
