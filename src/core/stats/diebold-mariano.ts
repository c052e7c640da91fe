/**
 * Diebold & Mariano (1995) test of equal forecast accuracy on the same rows: the loss
 * differential d_t = L(A)_t - L(B)_t, DM = mean(d) / sqrt(LRV(d) / T), LRV with the Bartlett
 * kernel at lag max(h - 1, floor(4 (T/100)^(2/9))) because labels over a horizon of h bars
 * overlap (h - 1 lags of dependence at least); two-sided normal p-value. Negative DM = A's loss
 * is lower.
 */
import { bartlettLrv, neweyWestLag } from './moments';
import { twoSidedP } from './normal';

export type ForecastLoss = 'log_loss' | 'squared_error';

export const LOSS_DEFINITIONS: Record<ForecastLoss, string> = {
  log_loss: '-(y log p + (1 - y) log(1 - p)), p clipped to [1e-15, 1 - 1e-15]',
  squared_error: '(prediction - label)^2',
};

/** Per-row loss of predictions `p` against labels `y`. */
export function forecastLoss(p: ArrayLike<number>, y: ArrayLike<number>, loss: ForecastLoss): Float64Array {
  const out = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    if (loss === 'log_loss') {
      const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]));
      out[i] = -(y[i] * Math.log(q) + (1 - y[i]) * Math.log(1 - q));
    } else out[i] = (p[i] - y[i]) ** 2;
  }
  return out;
}

export interface DieboldMarianoResult {
  mean_diff: number;
  statistic: number;
  p_value: number;
  lag: number;
  n: number;
}

export function dieboldMariano(lossA: Float64Array, lossB: Float64Array, horizon = 1): DieboldMarianoResult {
  const n = lossA.length;
  const d = Float64Array.from(lossA, (v, i) => v - lossB[i]);
  let m = 0;
  for (let t = 0; t < n; t++) m += d[t];
  m /= n;
  const lag = Math.max(horizon - 1, neweyWestLag(n));
  const lrv = bartlettLrv(d, lag);
  const statistic = lrv > 0 ? m / Math.sqrt(lrv / n) : NaN;
  return { mean_diff: m, statistic, p_value: twoSidedP(statistic), lag, n };
}
