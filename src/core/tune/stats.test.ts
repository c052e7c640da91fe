// PBO and the deflated Sharpe ratio of a study, against an independent computation written here
// (bit-mask enumeration of the CSCV splits; moments, the normal CDF by erf series and its
// inverse by bisection) on a fixed trial matrix.
import { describe, expect, it } from 'vitest';
import { returnMoments } from '../optimize/deflated-sharpe';
import { createRng } from '../util/rng';
import { pboCscv } from './pbo';
import { studyStats } from './report';
import type { TrialResult } from './trial';

function refPbo(m: number[][]): number {
  const n = m.length;
  const s = m[0].length; // one fold per group here (even fold count <= 12)
  let below = 0;
  let total = 0;
  for (let mask = 0; mask < 1 << s; mask++) {
    let bits = 0;
    for (let g = 0; g < s; g++) if (mask & (1 << g)) bits++;
    if (bits !== s / 2) continue;
    const avg = (row: number[], inside: boolean) => {
      const v = row.filter((_, g) => Boolean(mask & (1 << g)) === inside);
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    const ins = m.map((r) => avg(r, true));
    const outs = m.map((r) => avg(r, false));
    const best = ins.indexOf(Math.max(...ins));
    const rank =
      1 +
      outs.filter((v, i) => i !== best && v < outs[best]).length +
      outs.filter((v, i) => i !== best && v === outs[best]).length / 2;
    const w = rank / (n + 1);
    if (Math.log(w / (1 - w)) <= 0) below++;
    total++;
  }
  return below / total;
}

function erfPhi(x: number): number {
  // Phi(x) = 1/2 + 1/sqrt(2 pi) sum_k (-1)^k x^(2k+1) / (2^k k! (2k+1)), fine for |x| < 8
  let sum = 0;
  let term = x;
  for (let k = 0; k < 200; k++) {
    sum += term / (2 * k + 1);
    term *= (-x * x) / (2 * (k + 1));
  }
  return 0.5 + sum / Math.sqrt(2 * Math.PI);
}
function invPhi(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (erfPhi(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const rng = createRng(11);
const T = 10;
const FOLDS = 8;
const RETURNS = Array.from({ length: T }, (_, i) =>
  Array.from({ length: 400 }, () => 0.0004 * (i - 4) + 0.01 * rng.normal()),
);
const MATRIX = Array.from({ length: T }, (_, i) =>
  Array.from({ length: FOLDS }, (_, f) => Math.sin(i * 1.7 + f * 0.9) + 0.1 * i),
);

function trial(i: number): TrialResult {
  return {
    number: i,
    params: {},
    state: i === 9 ? 'pruned' : 'complete',
    score: MATRIX[i].reduce((a, b) => a + b, 0),
    value: 0,
    folds: FOLDS,
    rung_scores: [],
    fold_scores: MATRIX[i],
    moments: returnMoments(RETURNS[i]),
    results: { sharpe_ratio: 0, total_return_pct: 0, max_drawdown_pct: 0, total_trades: 0 },
    seconds: 0,
  };
}

describe('study statistics on a fixed trial matrix', () => {
  it('PBO by CSCV matches a brute-force enumeration', () => {
    const r = pboCscv(MATRIX)!;
    expect(r.combinations).toBe(70);
    expect(r.pbo).toBeCloseTo(refPbo(MATRIX), 12);
    // a trial that is best in every fold never overfits; pure noise overfits about half the time
    expect(
      pboCscv([
        [1, 1, 1, 1],
        [0, 0, 0, 0],
        [0.5, 0.5, 0.5, 0.5],
      ])!.pbo,
    ).toBe(0);
  });

  it('the deflated Sharpe ratio of the best complete trial matches the formula, for every trial tried', () => {
    const trials = Array.from({ length: T }, (_, i) => trial(i));
    const best = trials[8];
    const s = studyStats(trials, best).deflated_sharpe!;
    // independent moments and formula
    const r = RETURNS[8];
    const n = r.length;
    const mean = r.reduce((a, b) => a + b, 0) / n;
    const c = (k: number) => r.reduce((a, x) => a + (x - mean) ** k, 0) / n;
    const sr = mean / Math.sqrt(c(2));
    const g3 = c(3) / c(2) ** 1.5;
    const g4 = c(4) / c(2) ** 2;
    const srs = RETURNS.slice(0, 9).map((x) => {
      const m = x.reduce((a, b) => a + b, 0) / x.length;
      return m / Math.sqrt(x.reduce((a, v) => a + (v - m) ** 2, 0) / x.length);
    });
    const ms = srs.reduce((a, b) => a + b, 0) / srs.length;
    const v = srs.reduce((a, x) => a + (x - ms) ** 2, 0) / (srs.length - 1);
    const g = 0.5772156649015329;
    const sr0 = Math.sqrt(v) * ((1 - g) * invPhi(1 - 1 / T) + g * invPhi(1 - 1 / (T * Math.E)));
    const dsr = erfPhi(((sr - sr0) * Math.sqrt(n - 1)) / Math.sqrt(1 - g3 * sr + ((g4 - 1) / 4) * sr * sr));
    expect(s.trials).toBe(10); // the pruned trial counts as tried
    expect(s.trial_variance).toBeCloseTo(v, 12);
    expect(s.benchmark).toBeCloseTo(sr0, 7);
    expect(s.dsr).toBeCloseTo(dsr, 6);
    expect(studyStats(trials, best).pbo!.pbo).toBeCloseTo(refPbo(MATRIX.slice(0, 9)), 12);
  });
});
