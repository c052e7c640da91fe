/**
 * Hansen's (2005) test for superior predictive ability: is the best of K strategies better than
 * a benchmark once the search over K is accounted for? Performance d_{k,t} = r_{k,t} - r_{0,t}
 * (per-bar return over the benchmark's, higher is better).
 *
 *   T_SPA = max(0, max_k sqrt(n) dbar_k / w_k),  w_k^2 = n Var*(dbar*_k) (bootstrap)
 *   T*_b  = max(0, max_k sqrt(n) (dbar*_{k,b} - g(dbar_k)) / w_k)
 *   g_c(x) = x 1{ sqrt(n) x / w_k >= -sqrt(2 log log n) }  (consistent p-value, SPA_c)
 *   g_l(x) = max(x, 0) (liberal, SPA_l),  g_u(x) = x (conservative: White's reality check)
 *   p = #{T*_b > T_SPA} / B
 * Resamples: the stationary bootstrap, the same indices for every strategy, block length the
 * median of the Politis-White lengths of the d_k. Resampled means come from cumulative sums
 * (`resampledMeans`), O(blocks x K) per resample.
 */
import { InputError } from '../errors';
import { medianBlockLength } from './block-length';
import { resampledMeans } from './blocks';

export interface SpaResult {
  statistic: number;
  p_consistent: number;
  p_lower: number;
  p_upper: number;
  /** index of the strategy with the largest studentised mean */
  best: number;
  block_length: number;
  resamples: number;
  n: number;
}

export function spaTest(
  strategies: Float64Array[],
  benchmark: Float64Array,
  o: { resamples?: number; seed?: number; blockLength?: number } = {},
): SpaResult {
  const K = strategies.length;
  const n = benchmark.length;
  const B = o.resamples ?? 1000;
  const d: Float64Array[] = [];
  const dbar = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const s = strategies[k];
    if (s.length !== n)
      throw new InputError('runs', `strategy ${k} has ${s.length} bars, the benchmark ${n}`);
    const dk = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      dk[t] = s[t] - benchmark[t];
      dbar[k] += dk[t];
    }
    dbar[k] /= n;
    d.push(dk);
  }
  const blockLength = o.blockLength ?? medianBlockLength(d);
  const means = resampledMeans(d, { resamples: B, blockLength, seed: o.seed ?? 42 });
  const sqn = Math.sqrt(n);
  const w = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    let v = 0;
    for (let r = 0; r < B; r++) v += (means[r * K + k] - dbar[k]) ** 2;
    w[k] = Math.sqrt((n * v) / B);
  }
  let statistic = 0;
  let best = 0;
  let bestZ = -Infinity;
  for (let k = 0; k < K; k++) {
    const z = w[k] > 0 ? (sqn * dbar[k]) / w[k] : 0;
    if (z > bestZ) {
      bestZ = z;
      best = k;
    }
    statistic = Math.max(statistic, z);
  }
  const thr = -Math.sqrt(2 * Math.log(Math.log(n)));
  const gc = Array.from(dbar, (x, k) => (w[k] > 0 && (sqn * x) / w[k] >= thr ? x : 0));
  const gl = Array.from(dbar, (x) => Math.max(x, 0));
  let cc = 0;
  let cl = 0;
  let cu = 0;
  for (let r = 0; r < B; r++) {
    let tc = 0;
    let tl = 0;
    let tu = 0;
    for (let k = 0; k < K; k++) {
      if (!(w[k] > 0)) continue;
      const m = means[r * K + k];
      tc = Math.max(tc, (sqn * (m - gc[k])) / w[k]);
      tl = Math.max(tl, (sqn * (m - gl[k])) / w[k]);
      tu = Math.max(tu, (sqn * (m - dbar[k])) / w[k]);
    }
    if (tc > statistic) cc++;
    if (tl > statistic) cl++;
    if (tu > statistic) cu++;
  }
  return {
    statistic,
    p_consistent: cc / B,
    p_lower: cl / B,
    p_upper: cu / B,
    best,
    block_length: blockLength,
    resamples: B,
    n,
  };
}
