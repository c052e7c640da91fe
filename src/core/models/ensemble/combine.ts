/**
 * The combiners' arithmetic, plain typed-array code (deterministic, no TensorFlow.js):
 * - `mean`: the average of the members' probabilities (classification) or predictions.
 * - `weights`: non-negative weights summing to 1, fitted by exponentiated gradient (400 steps)
 *   on the out-of-fold predictions, minimising log loss (classification) or squared error.
 * - `stacking`: a meta-model on the members' out-of-fold predictions. Classification: a
 *   multinomial logistic regression (L2 1e-3, 600 full-batch gradient steps of size 1/L) on each member's
 *   log-odds of class c against class 0 (c = 1..C-1; binary: the logit), clipped to +-8 so a
 *   member that memorised (p = 0 or 1) stays finite. Regression: ridge (1e-6) least squares of
 *   the target on the members' predictions plus an intercept.
 */
import type { Predictions, Task } from '../types';

export type Combiner = 'mean' | 'weights' | 'stacking';
export const COMBINERS: readonly Combiner[] = ['mean', 'weights', 'stacking'];

/** The fitted combination: `weights` for mean/weights; `coef` (nOut x nIn, row-major) and `intercept` for stacking. */
export interface CombinerState {
  combiner: Combiner;
  weights: number[];
  coef: number[] | null;
  intercept: number[] | null;
}

const CLIP = 8;
const EPS = 1e-12;

/** The stacking features of one row: per member the log-odds against class 0 (or the prediction). */
export function metaFeatures(
  preds: Predictions[],
  task: Task,
): { X: Float64Array; nIn: number; rows: number } {
  const rows = preds[0].rows;
  const C = preds[0].nClasses;
  const per = task === 'regression' ? 1 : C - 1;
  const nIn = preds.length * per;
  const X = new Float64Array(rows * nIn);
  for (let r = 0; r < rows; r++)
    preds.forEach((p, m) => {
      for (let c = 0; c < per; c++) {
        let v: number;
        if (task === 'regression') v = p.values[r];
        else {
          const lo =
            Math.log(Math.max(p.values[r * C + c + 1], EPS)) - Math.log(Math.max(p.values[r * C], EPS));
          v = Math.max(-CLIP, Math.min(CLIP, lo));
        }
        X[r * nIn + m * per + c] = v;
      }
    });
  return { X, nIn, rows };
}

function softmaxRow(z: Float64Array, out: Float64Array, at: number, C: number): void {
  let mx = -Infinity;
  for (let c = 0; c < C; c++) mx = Math.max(mx, z[c]);
  let s = 0;
  for (let c = 0; c < C; c++) s += out[at + c] = Math.exp(z[c] - mx);
  for (let c = 0; c < C; c++) out[at + c] /= s;
}

/** Fits the stacking meta-model on out-of-fold predictions `preds` (one per member) and targets `y`. */
export function fitMeta(preds: Predictions[], y: ArrayLike<number>, task: Task): CombinerState {
  const { X, nIn, rows } = metaFeatures(preds, task);
  if (task === 'regression') {
    const d = nIn + 1;
    const A = new Float64Array(d * d);
    const b = new Float64Array(d);
    const row = new Float64Array(d);
    for (let r = 0; r < rows; r++) {
      row[0] = 1;
      for (let j = 0; j < nIn; j++) row[j + 1] = X[r * nIn + j];
      for (let i = 0; i < d; i++) {
        b[i] += row[i] * y[r];
        for (let j = 0; j < d; j++) A[i * d + j] += row[i] * row[j];
      }
    }
    for (let i = 1; i < d; i++) A[i * d + i] += 1e-6 * rows;
    const w = solve(A, b, d);
    return { combiner: 'stacking', weights: [], coef: w.slice(1), intercept: [w[0]] };
  }
  const C = preds[0].nClasses;
  const W = new Float64Array(C * nIn);
  const B = new Float64Array(C);
  const gW = new Float64Array(C * nIn);
  const gB = new Float64Array(C);
  const z = new Float64Array(C);
  const p = new Float64Array(C);
  // step 1/L with L bounding the Hessian of the mean log loss (1/2 max |x|^2 for softmax)
  let maxSq = 1;
  for (let r = 0; r < rows; r++) {
    let s = 1;
    for (let j = 0; j < nIn; j++) s += X[r * nIn + j] ** 2;
    maxSq = Math.max(maxSq, s);
  }
  const l2 = 1e-3;
  const step = 1 / (0.5 * maxSq + l2);
  for (let it = 0; it < 600; it++) {
    gW.fill(0);
    gB.fill(0);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < C; c++) {
        let s = B[c];
        for (let j = 0; j < nIn; j++) s += W[c * nIn + j] * X[r * nIn + j];
        z[c] = s;
      }
      softmaxRow(z, p, 0, C);
      for (let c = 0; c < C; c++) {
        const g = p[c] - (y[r] === c ? 1 : 0);
        gB[c] += g;
        for (let j = 0; j < nIn; j++) gW[c * nIn + j] += g * X[r * nIn + j];
      }
    }
    const n = Math.max(1, rows);
    for (let c = 0; c < C; c++) {
      B[c] -= (step * gB[c]) / n;
      for (let j = 0; j < nIn; j++) W[c * nIn + j] -= step * (gW[c * nIn + j] / n + l2 * W[c * nIn + j]);
    }
  }
  return { combiner: 'stacking', weights: [], coef: Array.from(W), intercept: Array.from(B) };
}

/** Gaussian elimination with partial pivoting (d small). */
function solve(A: Float64Array, b: Float64Array, d: number): number[] {
  const M = Float64Array.from(A);
  const v = Float64Array.from(b);
  for (let k = 0; k < d; k++) {
    let piv = k;
    for (let i = k + 1; i < d; i++) if (Math.abs(M[i * d + k]) > Math.abs(M[piv * d + k])) piv = i;
    if (piv !== k) {
      for (let j = 0; j < d; j++) [M[k * d + j], M[piv * d + j]] = [M[piv * d + j], M[k * d + j]];
      [v[k], v[piv]] = [v[piv], v[k]];
    }
    const akk = M[k * d + k] || EPS;
    for (let i = k + 1; i < d; i++) {
      const f = M[i * d + k] / akk;
      if (f === 0) continue;
      for (let j = k; j < d; j++) M[i * d + j] -= f * M[k * d + j];
      v[i] -= f * v[k];
    }
  }
  const x = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = v[i];
    for (let j = i + 1; j < d; j++) s -= M[i * d + j] * x[j];
    x[i] = s / (M[i * d + i] || EPS);
  }
  return x;
}

/** Fits simplex weights on out-of-fold predictions (exponentiated gradient). */
export function fitWeights(preds: Predictions[], y: ArrayLike<number>, task: Task): CombinerState {
  const M = preds.length;
  const rows = preds[0].rows;
  const C = preds[0].nClasses;
  let w = new Array<number>(M).fill(1 / M);
  let scale = 1;
  if (task === 'regression') {
    let s = 0;
    for (let r = 0; r < rows; r++) s += y[r] * y[r];
    scale = Math.max(s / Math.max(1, rows), EPS);
  }
  const eta = 0.5;
  for (let it = 0; it < 400; it++) {
    const g = new Array<number>(M).fill(0);
    for (let r = 0; r < rows; r++) {
      if (task === 'regression') {
        let mix = 0;
        for (let m = 0; m < M; m++) mix += w[m] * preds[m].values[r];
        for (let m = 0; m < M; m++) g[m] += (2 * (mix - y[r]) * preds[m].values[r]) / scale;
      } else {
        const c = y[r];
        let mix = 0;
        for (let m = 0; m < M; m++) mix += w[m] * preds[m].values[r * C + c];
        for (let m = 0; m < M; m++) g[m] -= preds[m].values[r * C + c] / Math.max(mix, EPS);
      }
    }
    const next = w.map((wm, m) => wm * Math.exp((-eta * g[m]) / Math.max(1, rows)));
    const s = next.reduce((a, b) => a + b, 0);
    w = next.map((x) => x / s);
  }
  return { combiner: 'weights', weights: w, coef: null, intercept: null };
}

export function meanState(M: number): CombinerState {
  return { combiner: 'mean', weights: new Array<number>(M).fill(1 / M), coef: null, intercept: null };
}

/** The ensemble's predictions from its members' predictions on the same rows. */
export function combine(state: CombinerState, preds: Predictions[], task: Task): Predictions {
  const rows = preds[0].rows;
  const C = preds[0].nClasses;
  const values = new Float64Array(rows * C);
  if (state.combiner !== 'stacking') {
    preds.forEach((p, m) => {
      const w = state.weights[m];
      for (let i = 0; i < values.length; i++) values[i] += w * p.values[i];
    });
    return { rows, nClasses: C, values };
  }
  const { X, nIn } = metaFeatures(preds, task);
  const coef = state.coef ?? [];
  const b = state.intercept ?? [];
  if (task === 'regression') {
    for (let r = 0; r < rows; r++) {
      let s = b[0];
      for (let j = 0; j < nIn; j++) s += coef[j] * X[r * nIn + j];
      values[r] = s;
    }
    return { rows, nClasses: 1, values };
  }
  const z = new Float64Array(C);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < C; c++) {
      let s = b[c];
      for (let j = 0; j < nIn; j++) s += coef[c * nIn + j] * X[r * nIn + j];
      z[c] = s;
    }
    softmaxRow(z, values, r * C, C);
  }
  return { rows, nClasses: C, values };
}
