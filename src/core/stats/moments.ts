/**
 * Small descriptive helpers over typed arrays: mean, population variance, the Bartlett
 * (Newey-West) long-run variance and its automatic lag. Hand-written: a few lines each, and no
 * installed package offers them on Float64Arrays.
 */

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length ? s / x.length : NaN;
}

/** Autocovariance at lag k of a demeaned series (divided by n, as in every HAC estimator). */
export function autocov(e: ArrayLike<number>, k: number): number {
  const n = e.length;
  let s = 0;
  for (let t = k; t < n; t++) s += e[t] * e[t - k];
  return s / n;
}

/** Newey & West (1994) rule of thumb: floor(4 (n / 100)^(2/9)). */
export function neweyWestLag(n: number): number {
  return Math.floor(4 * Math.pow(n / 100, 2 / 9));
}

/**
 * Long-run variance of x with the Bartlett kernel: g0 + 2 sum_{k=1..L} (1 - k / (L + 1)) g_k,
 * g_k the lag-k autocovariance of the demeaned series (Newey & West 1987).
 */
export function bartlettLrv(x: ArrayLike<number>, lag: number): number {
  const m = mean(x);
  const e = Float64Array.from(x as ArrayLike<number>, (v) => v - m);
  let v = autocov(e, 0);
  const L = Math.min(lag, e.length - 1);
  for (let k = 1; k <= L; k++) v += 2 * (1 - k / (L + 1)) * autocov(e, k);
  return v;
}

/**
 * HAC covariance matrix (Bartlett kernel, lag L) of the columns of a T x p series, each
 * demeaned: Gamma_0 + sum_k w_k (Gamma_k + Gamma_k'), w_k = 1 - k / (L + 1).
 */
export function bartlettCov(cols: Float64Array[], lag: number): number[][] {
  const p = cols.length;
  const n = cols[0].length;
  const e = cols.map((c) => {
    const m = mean(c);
    return Float64Array.from(c, (v) => v - m);
  });
  const out = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const L = Math.min(lag, n - 1);
  for (let k = 0; k <= L; k++) {
    const w = k === 0 ? 1 : 1 - k / (L + 1);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++) {
        let s = 0;
        const a = e[i];
        const b = e[j];
        for (let t = k; t < n; t++) s += a[t] * b[t - k];
        s /= n;
        if (k === 0) out[i][j] += s;
        else {
          out[i][j] += w * s;
          out[j][i] += w * s;
        }
      }
  }
  return out;
}
