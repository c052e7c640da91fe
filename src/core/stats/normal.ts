/**
 * The standard normal CDF and quantile the tests need, re-exported from the deflated Sharpe
 * module (one implementation in the codebase), and two-sided p-values from a z score.
 */
import { normCdf, normInv } from '../optimize/deflated-sharpe';

export { normCdf, normInv };

/** Two-sided p-value of a standard normal statistic; NaN for a NaN statistic. */
export function twoSidedP(z: number): number {
  if (z !== z) return NaN;
  return 2 * normCdf(-Math.abs(z));
}
