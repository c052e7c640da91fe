/**
 * Regression validation metrics for forward-return targets: MAE, RMSE, R-squared (sklearn's
 * r2_score, force_finite), directional accuracy and the Spearman information coefficient.
 */
import { averageRanks } from './rank';
import { InternalError } from '../../errors';

export interface RegressionMetrics {
  rows: number;
  mae: number;
  rmse: number;
  r2: number;
  directionalAccuracy: number;
  /** Spearman rank correlation of prediction and outcome; NaN when either side is constant */
  ic: number;
}

export function mae(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) s += Math.abs(yTrue[i] - yPred[i]);
  return s / yTrue.length;
}

export function rmse(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yTrue[i] - yPred[i];
    s += d * d;
  }
  return Math.sqrt(s / yTrue.length);
}

/** 1 - SS_res / SS_tot; when yTrue is constant: 1 for a perfect fit, else 0 (sklearn, force_finite). */
export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i];
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const d = yTrue[i] - yPred[i];
    const t = yTrue[i] - mean;
    ssRes += d * d;
    ssTot += t * t;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}

/**
 * Share of rows where the predicted direction matches the outcome, "up" meaning > 0 on both
 * sides (the same rule as the binary up/down label), so a prediction of 0 counts as "not up".
 */
export function directionalAccuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  let hit = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] > 0 === yPred[i] > 0) hit++;
  return hit / yTrue.length;
}

/** Pearson correlation of the average ranks (scipy.stats.spearmanr). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkSameLength(a, b);
  return pearson(averageRanks(a), averageRanks(b));
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return NaN;
  return sab / Math.sqrt(saa * sbb);
}

export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): RegressionMetrics {
  return {
    rows: yTrue.length,
    mae: mae(yTrue, yPred),
    rmse: rmse(yTrue, yPred),
    r2: r2(yTrue, yPred),
    directionalAccuracy: directionalAccuracy(yTrue, yPred),
    ic: spearman(yTrue, yPred),
  };
}

function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new InternalError(`length mismatch: ${a.length} vs ${b.length}`);
  if (a.length === 0) throw new InternalError('no rows');
}
