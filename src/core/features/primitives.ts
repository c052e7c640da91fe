/**
 * Primitive series operations the indicators are built from, written to reproduce
 * pandas 1.5 bit for bit (the seed computes its features with pandas):
 *   - `ewmMean`: `Series.ewm(alpha, adjust=False).mean()` (pandas' Cython loop:
 *     normalised weights, the "weighted != cur" shortcut, NaN until the first value);
 *   - `rollingMean`: `Series.rolling(n).mean()` (Kahan-compensated running sum);
 *   - `rollingStd`: `Series.rolling(n).std(ddof)` (Welford with Kahan compensation);
 *   - `shiftRatio`: `a / a.shift(n)`.
 * Hand-written rather than taken from a library because no JS library follows pandas'
 * exact arithmetic, and matching it keeps our models on the same numbers as the
 * scikit-learn anchor. All are causal: output[t] depends on input[0..t] only.
 */
import { InternalError } from '../errors';

/** pandas' `alpha` for `span=n`: com = (n - 1) / 2, alpha = 1 / (1 + com). */
export function alphaFromSpan(span: number): number {
  if (!(span >= 1)) throw new InternalError(`span must be >= 1, got ${span}`);
  return 1 / (1 + (span - 1) / 2);
}

/** pandas' effective alpha for `alpha=a`: it goes through com = 1/a - 1 and back. */
export function alphaFromAlpha(alpha: number): number {
  if (!(alpha > 0 && alpha <= 1)) throw new InternalError(`alpha must be in (0, 1], got ${alpha}`);
  const com = 1 / alpha - 1;
  return 1 / (1 + com);
}

/**
 * Exponentially weighted mean with adjust=False, ignore_na=False, min_periods=0,
 * exactly as pandas computes it. Seeded with the first non-NaN value; NaN before it.
 * `alpha` is used as given (pass it through alphaFromSpan / alphaFromAlpha). `out` may be
 * `x` itself (in place).
 */
export function ewmMean(x: Float64Array, alpha: number, out?: Float64Array): Float64Array {
  const n = x.length;
  const res = out ?? new Float64Array(n);
  if (n === 0) return res;
  const oldWtFactor = 1 - alpha;
  const newWt = alpha;
  // After every observation pandas resets old_wt to 1, so at each step old_wt is
  // (1 - alpha)^k for k = bars since the last observation, and the denominator below is
  // 1 - alpha + alpha, which is often exactly 1: then the division is skipped (x / 1 === x).
  const steadyDenom = oldWtFactor + newWt;
  let weighted = x[0];
  res[0] = weighted; // NaN when x[0] is NaN (no observation yet)
  let oldWt = 1;
  for (let i = 1; i < n; i++) {
    const cur = x[i];
    if (weighted === weighted) {
      // ignore_na=False: a NaN still decays the old weight
      oldWt *= oldWtFactor;
      if (cur === cur) {
        if (weighted !== cur) {
          if (oldWt === oldWtFactor) {
            weighted = oldWt * weighted + newWt * cur;
            if (steadyDenom !== 1) weighted /= steadyDenom;
          } else {
            weighted = (oldWt * weighted + newWt * cur) / (oldWt + newWt);
          }
        }
        oldWt = 1;
      }
    } else if (cur === cur) {
      weighted = cur;
    }
    res[i] = weighted;
  }
  return res;
}

/**
 * Rolling mean over a full window of n values (min_periods = n); NaN-free input assumed.
 * Written into `out` when given (every row: NaN where the window is not full).
 */
export function rollingMean(x: Float64Array, window: number, out?: Float64Array): Float64Array {
  const n = x.length;
  const res = out ?? new Float64Array(n);
  let nobs = 0;
  let sum = 0;
  let compAdd = 0;
  let compRemove = 0;
  let negCount = 0;
  let sameRun = 0;
  let prev = NaN;
  for (let i = 0; i < n; i++) {
    if (i >= window) {
      const v = x[i - window];
      if (v === v) {
        nobs--;
        const y = -v - compRemove;
        const t = sum + y;
        compRemove = t - sum - y;
        sum = t;
        if (v < 0 || (v === 0 && 1 / v < 0)) negCount--; // signbit
      }
    }
    const v = x[i];
    if (v === v) {
      nobs++;
      const y = v - compAdd;
      const t = sum + y;
      compAdd = t - sum - y;
      sum = t;
      if (v < 0 || (v === 0 && 1 / v < 0)) negCount++;
      if (v === prev) sameRun++;
      else sameRun = 1;
      prev = v;
    }
    if (i >= window - 1 && nobs >= window && nobs > 0) {
      let r = sum / nobs;
      if (sameRun >= nobs) r = prev;
      else if (negCount === 0 && r < 0) r = 0;
      else if (negCount === nobs && r > 0) r = 0;
      res[i] = r;
    } else res[i] = NaN;
  }
  return res;
}

/**
 * Rolling standard deviation over a full window of n values, with `ddof` (0 = population).
 * Written into `out` when given (every row: NaN where the window is not full).
 */
export function rollingStd(x: Float64Array, window: number, ddof = 0, out?: Float64Array): Float64Array {
  const n = x.length;
  const res = out ?? new Float64Array(n);
  let nobs = 0;
  let mean = 0;
  let ssqdm = 0;
  let compAdd = 0;
  let compRemove = 0;
  let sameRun = 0;
  let prev = n > 0 ? x[0] : NaN;
  for (let i = 0; i < n; i++) {
    if (i >= window) {
      const v = x[i - window];
      if (v === v) {
        nobs--;
        if (nobs) {
          const prevMean = mean - compRemove;
          const y = v - compRemove;
          const t = y - mean;
          compRemove = t + mean - y;
          mean = mean - t / nobs;
          ssqdm = ssqdm - (v - prevMean) * (v - mean);
        } else {
          mean = 0;
          ssqdm = 0;
        }
      }
    }
    const v = x[i];
    if (v === v) {
      nobs++;
      if (v === prev) sameRun++;
      else sameRun = 1;
      prev = v;
      const prevMean = mean - compAdd;
      const y = v - compAdd;
      const t = y - mean;
      compAdd = t + mean - y;
      mean = nobs ? mean + t / nobs : 0;
      ssqdm = ssqdm + (v - prevMean) * (v - mean);
    }
    if (i >= window - 1 && nobs >= window && nobs > ddof) {
      const variance = nobs === 1 || sameRun >= nobs ? 0 : ssqdm / (nobs - ddof);
      res[i] = variance > 0 ? Math.sqrt(variance) : 0; // pandas' zsqrt clips negatives
    } else res[i] = NaN;
  }
  return res;
}

/** `a[t] / a[t - lag]`, NaN for the first `lag` rows (pandas `a / a.shift(lag)`). */
export function shiftRatio(a: Float64Array, lag: number): Float64Array {
  const n = a.length;
  const out = new Float64Array(n).fill(NaN);
  for (let i = lag; i < n; i++) out[i] = a[i] / a[i - lag];
  return out;
}
