/**
 * The model confidence set of Hansen, Lunde & Nason (2011), T_max statistic: the runs that
 * cannot be told apart from the best at level alpha (the 1 - alpha MCS contains the best run
 * with probability >= 1 - alpha). Per-bar loss L_{k,t} (here minus the run's return, lower is
 * better); on the set M still in:
 *
 *   d_k = mean_t L_k - mean_{j in M} mean_t L_j,  d*_{k,b} the same on bootstrap resample b
 *   var_k = mean_b (d*_{k,b} - d_k)^2,  t_k = d_k / sqrt(var_k),  T_max = max_{k in M} t_k
 *   T*_b = max_{k in M} (d*_{k,b} - d_k) / sqrt(var_k),  p = #{T*_b >= T_max} / B
 *
 * If p < alpha the run with the largest t_k is eliminated and the test repeats on the rest. A
 * run's MCS p-value is the largest p met up to its elimination (the last run's is 1); the MCS is
 * the runs whose p-value is >= alpha. The same resamples serve every step: d*_{k,b} is linear in
 * the runs' resampled mean losses, computed once (`resampledMeans`). Stationary bootstrap with
 * the median Politis-White length of the d_k on all runs, seeded. Hand-written (no npm package;
 * Python's `arch.bootstrap.MCS` is the usual implementation, method "max").
 */
import { InputError } from '../errors';
import { medianBlockLength } from './block-length';
import { resampledMeans } from './blocks';

export interface McsResult {
  /** 'max': the T_max statistic */
  statistic: 'max';
  /** alpha: runs with a p-value >= alpha form the 1 - alpha MCS */
  size: number;
  /** per run (input order), its MCS p-value */
  p_values: number[];
  /** runs in the order they were eliminated (the last one left is not listed) */
  eliminated: number[];
  /** runs in the MCS, input order */
  included: number[];
  block_length: number;
  resamples: number;
  n: number;
}

export function modelConfidenceSet(
  losses: readonly Float64Array[],
  o: { size?: number; resamples?: number; seed?: number; blockLength?: number } = {},
): McsResult {
  const K = losses.length;
  const n = K ? losses[0].length : 0;
  for (const [k, l] of losses.entries())
    if (l.length !== n) throw new InputError('runs', `run ${k} has ${l.length} losses, run 0 ${n}`);
  const size = o.size ?? 0.1;
  const B = o.resamples ?? 1000;
  const mean = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let t = 0; t < n; t++) s += losses[k][t];
    mean[k] = s / n;
  }
  const blockLength =
    o.blockLength ??
    medianBlockLength(
      losses.map((l) =>
        Float64Array.from(l, (v, t) => {
          let avg = 0;
          for (let j = 0; j < K; j++) avg += losses[j][t];
          return v - avg / K;
        }),
      ),
    );
  const star = resampledMeans(losses, { resamples: B, blockLength, seed: o.seed ?? 42 });
  // centred resampled mean losses: the null distribution of each run's mean
  for (let r = 0; r < B; r++) for (let k = 0; k < K; k++) star[r * K + k] -= mean[k];
  const p_values = new Array<number>(K).fill(1);
  const eliminated: number[] = [];
  let alive = Array.from({ length: K }, (_, k) => k);
  let running = 0;
  const sd = new Float64Array(K);
  const centre = new Float64Array(B);
  while (alive.length > 1) {
    const m = alive.length;
    let avg = 0;
    for (const k of alive) avg += mean[k];
    avg /= m;
    for (let r = 0; r < B; r++) {
      let c = 0;
      for (const j of alive) c += star[r * K + j];
      centre[r] = c / m;
    }
    for (const k of alive) {
      let v = 0;
      for (let r = 0; r < B; r++) {
        const x = star[r * K + k] - centre[r];
        v += x * x;
      }
      sd[k] = Math.sqrt(v / B);
    }
    let worst = alive[0];
    let tmax = -Infinity;
    for (const k of alive) {
      const tk = sd[k] > 0 ? (mean[k] - avg) / sd[k] : 0;
      if (tk > tmax) {
        tmax = tk;
        worst = k;
      }
    }
    let hits = 0;
    for (let r = 0; r < B; r++) {
      let tb = -Infinity;
      for (const k of alive) {
        const x = sd[k] > 0 ? (star[r * K + k] - centre[r]) / sd[k] : 0;
        if (x > tb) tb = x;
      }
      if (tb >= tmax) hits++;
    }
    running = Math.max(running, hits / B);
    p_values[worst] = running;
    eliminated.push(worst);
    alive = alive.filter((k) => k !== worst);
  }
  return {
    statistic: 'max',
    size,
    p_values,
    eliminated,
    included: p_values.flatMap((p, k) => (p >= size ? [k] : [])),
    block_length: blockLength,
    resamples: B,
    n,
  };
}
