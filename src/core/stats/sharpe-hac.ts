/**
 * Ledoit & Wolf (2008), "Robust performance hypothesis testing with the Sharpe ratio": the
 * studentised test of SR_a - SR_b by the delta method with a HAC covariance.
 *
 *   u = (mu_a, mu_b, g_a, g_b), g = E[r^2];  f(u) = mu_a / sqrt(g_a - mu_a^2) - mu_b / sqrt(g_b - mu_b^2)
 *   grad f = ( g_a / s_a^3, -g_b / s_b^3, -mu_a / (2 s_a^3), mu_b / (2 s_b^3) ),  s^2 = g - mu^2
 *   se = sqrt( grad' Psi grad / T ),  Psi = Bartlett HAC covariance of (a, b, a^2, b^2), lag L
 *   z = (SR_a - SR_b) / se, two-sided normal p-value
 * Per-bar Sharpe ratios (the p-value does not depend on annualising). The paper uses a
 * prewhitened quadratic-spectral kernel; this uses Bartlett with the Newey-West lag
 * floor(4 (T/100)^(2/9)), a common and simpler choice (stated in the report).
 */
import { bartlettCov, neweyWestLag } from './moments';
import { twoSidedP } from './normal';

export interface SharpeHacResult {
  /** per-bar Sharpe difference */
  diff: number;
  se: number;
  z: number;
  p_value: number;
  lag: number;
}

export function sharpeDiffHac(a: Float64Array, b: Float64Array, lag?: number): SharpeHacResult {
  const T = a.length;
  const L = lag ?? neweyWestLag(T);
  let ma = 0;
  let mb = 0;
  let ga = 0;
  let gb = 0;
  for (let t = 0; t < T; t++) {
    ma += a[t];
    mb += b[t];
    ga += a[t] * a[t];
    gb += b[t] * b[t];
  }
  ma /= T;
  mb /= T;
  ga /= T;
  gb /= T;
  const sa = Math.sqrt(ga - ma * ma);
  const sb = Math.sqrt(gb - mb * mb);
  const diff = (sa > 0 ? ma / sa : 0) - (sb > 0 ? mb / sb : 0);
  if (!(sa > 0 && sb > 0)) return { diff, se: NaN, z: NaN, p_value: NaN, lag: L };
  const grad = [ga / sa ** 3, -gb / sb ** 3, -ma / (2 * sa ** 3), mb / (2 * sb ** 3)];
  const psi = bartlettCov([a, b, Float64Array.from(a, (v) => v * v), Float64Array.from(b, (v) => v * v)], L);
  let q = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) q += grad[i] * psi[i][j] * grad[j];
  const se = q > 0 ? Math.sqrt(q / T) : NaN;
  const z = diff / se;
  return { diff, se, z, p_value: twoSidedP(z), lag: L };
}
