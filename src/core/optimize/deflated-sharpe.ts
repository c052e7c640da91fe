/**
 * The probabilistic and deflated Sharpe ratios (Bailey & López de Prado, "The Deflated Sharpe
 * Ratio: Correcting for Selection Bias, Backtest Overfitting and Non-Normality", Journal of
 * Portfolio Management 40(5), 2014), with the normal CDF and its inverse they need. Sharpe
 * ratios here are per bar (not annualised), as in the paper's formulas.
 *
 *   PSR(SR*) = Phi( (SR - SR*) sqrt(T - 1) / sqrt(1 - g3 SR + (g4 - 1) / 4 SR^2) )
 *   SR0      = sqrt(V) ((1 - gamma) Phi^-1(1 - 1/N) + gamma Phi^-1(1 - 1/(N e)))
 *   DSR      = PSR(SR0)
 * SR: the selected strategy's per-bar Sharpe over T returns with skewness g3 and (non-excess)
 * kurtosis g4; N: the number of trials; V: the variance of the trials' per-bar Sharpe ratios;
 * gamma: the Euler-Mascheroni constant. SR0 is the expected maximum Sharpe of N unskilled
 * trials, so DSR is the probability that the true Sharpe exceeds what selection alone explains.
 * Hand-written because no installed package has these (a few lines each).
 */

export const EULER_GAMMA = 0.5772156649015329;

/**
 * Standard normal CDF, Hart's double-precision algorithm 5666 as given by G. West, "Better
 * approximations to cumulative normal functions" (Wilmott, 2005): absolute error about 1e-15.
 */
export function normCdf(x: number): number {
  if (x !== x) return NaN;
  const z = Math.abs(x);
  let c: number;
  if (z > 37) c = 0;
  else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let b = 3.52624965998911e-2 * z + 0.700383064443688;
      b = b * z + 6.37396220353165;
      b = b * z + 33.912866078383;
      b = b * z + 112.079291497871;
      b = b * z + 221.213596169931;
      b = b * z + 220.206867912376;
      c = e * b;
      b = 8.83883476483184e-2 * z + 1.75566716318264;
      b = b * z + 16.064177579207;
      b = b * z + 86.7807322029461;
      b = b * z + 296.564248779674;
      b = b * z + 637.333633378831;
      b = b * z + 793.826512519948;
      b = b * z + 440.413735824752;
      c = c / b;
    } else {
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/**
 * Standard normal quantile (P. J. Acklam's rational approximation, relative error below 1.15e-9,
 * ample for SR0). -Infinity at 0, Infinity at 1, NaN outside [0, 1].
 */
export function normInv(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  return x;
}

export interface ReturnMoments {
  /** number of returns */
  count: number;
  mean: number;
  /** population standard deviation */
  std: number;
  /** per-period Sharpe: mean / std (0 when std is 0) */
  sharpe: number;
  /** m3 / m2^1.5 (0 when std is 0) */
  skew: number;
  /** m4 / m2^2, non-excess (3 for a normal; 3 when std is 0) */
  kurtosis: number;
}

/** Moments of a return series (population moments, as the paper's estimators). */
export function returnMoments(r: ArrayLike<number>): ReturnMoments {
  const n = r.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += r[i];
  const mean = n > 0 ? s / n : 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = r[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  if (n > 0) {
    m2 /= n;
    m3 /= n;
    m4 /= n;
  }
  const std = Math.sqrt(m2);
  return {
    count: n,
    mean,
    std,
    sharpe: std > 0 ? mean / std : 0,
    skew: m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0,
    kurtosis: m2 > 0 ? m4 / (m2 * m2) : 3,
  };
}

/** PSR(SR*): probability that the true per-period Sharpe exceeds `benchmark`. */
export function probabilisticSharpe(o: {
  sharpe: number;
  count: number;
  skew: number;
  kurtosis: number;
  benchmark?: number;
}): number {
  const sr = o.sharpe;
  const denom = 1 - o.skew * sr + ((o.kurtosis - 1) / 4) * sr * sr;
  if (!(o.count > 1) || !(denom > 0)) return NaN;
  return normCdf(((sr - (o.benchmark ?? 0)) * Math.sqrt(o.count - 1)) / Math.sqrt(denom));
}

/** SR0: the expected maximum per-period Sharpe of `trials` unskilled trials with Sharpe variance `variance`. */
export function expectedMaxSharpe(trials: number, variance: number): number {
  if (!(trials > 1) || !(variance > 0)) return 0;
  return (
    Math.sqrt(variance) *
    ((1 - EULER_GAMMA) * normInv(1 - 1 / trials) + EULER_GAMMA * normInv(1 - 1 / (trials * Math.E)))
  );
}

export interface DeflatedSharpe {
  /** the selected strategy's per-bar Sharpe */
  sharpe: number;
  count: number;
  skew: number;
  kurtosis: number;
  trials: number;
  /** variance of the trials' per-bar Sharpe ratios */
  trialVariance: number;
  /** expected maximum per-bar Sharpe under the null (SR0) */
  benchmark: number;
  /** PSR(0): probability the true Sharpe > 0 ignoring selection */
  psr: number;
  /** DSR = PSR(SR0) */
  dsr: number;
}

/** The deflated Sharpe ratio of a selected strategy's returns after `trials` trials. */
export function deflatedSharpe(o: {
  returns: ArrayLike<number>;
  trials: number;
  trialVariance: number;
}): DeflatedSharpe {
  const m = returnMoments(o.returns);
  const benchmark = expectedMaxSharpe(o.trials, o.trialVariance);
  const base = { sharpe: m.sharpe, count: m.count, skew: m.skew, kurtosis: m.kurtosis };
  return {
    ...base,
    trials: o.trials,
    trialVariance: o.trialVariance,
    benchmark,
    psr: probabilisticSharpe(base),
    dsr: probabilisticSharpe({ ...base, benchmark }),
  };
}

/** Sample variance (ddof 1) of the trials' Sharpe ratios; 0 below two trials. */
export function variance(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const m = s / n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (x[i] - m) * (x[i] - m);
  return v / (n - 1);
}

export const DEFLATED_SHARPE_DEFINITION =
  'Deflated Sharpe ratio (Bailey & Lopez de Prado 2014): DSR = Phi((SR - SR0) sqrt(T - 1) / sqrt(1 - g3 SR + (g4 - 1)/4 SR^2)), ' +
  'the probability that the true Sharpe ratio exceeds SR0 = sqrt(V) ((1 - gamma) Phi^-1(1 - 1/N) + gamma Phi^-1(1 - 1/(N e))), ' +
  'the expected maximum Sharpe ratio of N unskilled trials. SR = per-bar Sharpe of the selected weights on the data they were ' +
  'chosen on (in-sample), T = number of bar returns, g3 = skewness, g4 = kurtosis (non-excess) of those returns, N = candidates ' +
  'evaluated by the GA (an upper bound on the independent trials: conservative), V = sample variance of the per-bar Sharpe ratios ' +
  'of all evaluated candidates, gamma = 0.5772 (Euler-Mascheroni), Phi = standard normal CDF. PSR = the same with SR0 = 0 ' +
  '(no selection correction); for the out-of-sample returns, which no selection saw, PSR is the honest figure.';
