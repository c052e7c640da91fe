/**
 * Automatic block length of the stationary bootstrap: Politis & White (2004) with the
 * correction of Patton, Politis & White (2009), following the steps of `arch`'s
 * `optimal_block_length` (flat-top lag window, first run of K_n insignificant autocorrelations).
 * Hand-written: no package on the npm registry we could vet offers it.
 *
 *   K_n = max(5, floor(log10 n)), m_max = ceil(sqrt n) + K_n, b_max = ceil(min(3 sqrt n, n / 3))
 *   m   = first lag after which K_n autocorrelations all lie below 2 sqrt(log10 n / n); M = min(2 max(m, 1), m_max)
 *   G   = sum_{k=1..M} 2 lambda(k / M) k R(k),  g = R(0) + sum 2 lambda(k / M) R(k)
 *   b   = (2 G^2 / (2 g^2))^(1/3) n^(1/3), capped at b_max, at least 1
 * lambda(s) = 1 for s <= 1/2, 2 (1 - s) above (the flat-top window).
 */

export function optimalBlockLength(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 8) return 1;
  let mu = 0;
  for (let i = 0; i < n; i++) mu += x[i];
  mu /= n;
  const e = Float64Array.from(x as ArrayLike<number>, (v) => v - mu);
  const bMax = Math.ceil(Math.min(3 * Math.sqrt(n), n / 3));
  const kn = Math.max(5, Math.floor(Math.log10(n)));
  const mMax = Math.ceil(Math.sqrt(n)) + kn;
  const cv = 2 * Math.sqrt(Math.log10(n) / n);
  const acv = new Float64Array(mMax + 1);
  const absAcorr = new Float64Array(mMax + 1);
  let optM: number | null = null;
  for (let i = 0; i <= mMax; i++) {
    let v1 = 0;
    let v2 = 0;
    let cross = 0;
    for (let t = i + 1; t < n; t++) v1 += e[t] * e[t];
    for (let t = 0; t < n - i - 1; t++) v2 += e[t] * e[t];
    for (let t = i; t < n; t++) cross += e[t] * e[t - i];
    acv[i] = cross / n;
    absAcorr[i] = v1 > 0 && v2 > 0 ? Math.abs(cross) / Math.sqrt(v1 * v2) : 0;
    if (i >= kn && optM === null) {
      let all = true;
      for (let k = i - kn; k < i; k++) if (!(absAcorr[k] < cv)) all = false;
      if (all) optM = i - kn;
    }
  }
  const m = Math.min(optM !== null ? 2 * Math.max(optM, 1) : mMax, mMax);
  let g = 0;
  let lr = acv[0];
  for (let k = 1; k <= m; k++) {
    const lam = k / m <= 0.5 ? 1 : 2 * (1 - k / m);
    g += 2 * lam * k * acv[k];
    lr += 2 * lam * acv[k];
  }
  if (!(lr > 0)) return 1;
  const b = Math.cbrt((2 * g * g) / (2 * lr * lr)) * Math.cbrt(n);
  return Math.max(1, Math.min(bMax, Math.round(b)));
}

/** One block length for several series resampled together: the median of their Politis-White lengths. */
export function medianBlockLength(series: readonly ArrayLike<number>[]): number {
  const lens = series.map((x) => optimalBlockLength(x)).sort((x, y) => x - y);
  return lens[Math.floor((lens.length - 1) / 2)];
}
