/**
 * DeLong, DeLong & Clarke-Pearson (1988) test of two correlated AUCs on the same rows, with
 * the midrank algorithm of Sun & Xu (2014), O(n log n):
 *   V10_i = (rank of x_i among all - rank among positives) / n_neg   (structural components)
 *   V01_j = 1 - (rank of y_j among all - rank among negatives) / n_pos
 *   AUC = mean V10; Var(AUC_a - AUC_b) = (S10_aa + S10_bb - 2 S10_ab) / n_pos + (same for S01) / n_neg
 * with S the sample covariances (ddof 1). z = difference / sd, two-sided p-value. The test
 * assumes independent rows; overlapping labels make it optimistic (said in the report).
 */
import { twoSidedP } from './normal';

/** Midranks (1-based, ties averaged). */
export function midranks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i] - x[j]);
  const r = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = rank;
    i = j + 1;
  }
  return r;
}

function components(score: ArrayLike<number>, y: ArrayLike<number>) {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < score.length; i++) (y[i] > 0.5 ? pos : neg).push(score[i]);
  const m = pos.length;
  const n = neg.length;
  const all = midranks([...pos, ...neg]);
  const rp = midranks(pos);
  const rn = midranks(neg);
  const v10 = Float64Array.from({ length: m }, (_, i) => (all[i] - rp[i]) / n);
  const v01 = Float64Array.from({ length: n }, (_, j) => 1 - (all[m + j] - rn[j]) / m);
  let auc = 0;
  for (const v of v10) auc += v;
  return { auc: auc / m, v10, v01, m, n };
}

function cov(x: Float64Array, y: Float64Array): number {
  const k = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < k; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= k;
  my /= k;
  let s = 0;
  for (let i = 0; i < k; i++) s += (x[i] - mx) * (y[i] - my);
  return s / (k - 1);
}

export interface DeLongResult {
  auc_a: number;
  auc_b: number;
  diff: number;
  se: number;
  z: number;
  p_value: number;
}

export function delongTest(
  scoreA: ArrayLike<number>,
  scoreB: ArrayLike<number>,
  y: ArrayLike<number>,
): DeLongResult {
  const A = components(scoreA, y);
  const B = components(scoreB, y);
  if (A.m < 2 || A.n < 2) return { auc_a: NaN, auc_b: NaN, diff: NaN, se: NaN, z: NaN, p_value: NaN };
  const v =
    (cov(A.v10, A.v10) + cov(B.v10, B.v10) - 2 * cov(A.v10, B.v10)) / A.m +
    (cov(A.v01, A.v01) + cov(B.v01, B.v01) - 2 * cov(A.v01, B.v01)) / A.n;
  const diff = A.auc - B.auc;
  const se = v > 0 ? Math.sqrt(v) : NaN;
  const z = diff / se;
  return { auc_a: A.auc, auc_b: B.auc, diff, se, z, p_value: twoSidedP(z) };
}
