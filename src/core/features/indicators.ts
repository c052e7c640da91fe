/**
 * The technical indicators, as pure functions over Float64Array, with the seed's
 * exact definitions (seed_reference.py, pandas). Every function returns the seed's
 * values including its early, not-yet-meaningful ones (the seed's only NaNs come from
 * rolling and shift windows); hiding the warm-up is the registry's job (registry.ts).
 * Every function writes into the caller's columns when given (`out`: as long as the input, every
 * row written) and into fresh ones otherwise.
 */
import { alphaFromAlpha, alphaFromSpan, ewmMean, rollingMean } from './primitives';

/** pandas `s.ewm(span=n, adjust=False).mean()`: seeded with the first value. */
export function ema(x: Float64Array, span: number, out?: Float64Array): Float64Array {
  return ewmMean(x, alphaFromSpan(span), out);
}

/** Wilder smoothing as pandas `ewm(alpha=1/n, adjust=False).mean()`. */
export function wilder(x: Float64Array, period: number, out?: Float64Array): Float64Array {
  return ewmMean(x, alphaFromAlpha(1 / period), out);
}

/** `close / EMA(close, n) - 1`. */
export function emaRelative(close: Float64Array, span: number, out?: Float64Array): Float64Array {
  const e = ema(close, span, out);
  for (let i = 0; i < close.length; i++) e[i] = close[i] / e[i] - 1;
  return e;
}

/**
 * Wilder RSI: gains and losses of `close.diff()` smoothed with alpha = 1/n, seeded with
 * the first diff (row 1); NaN at row 0. 100 when there were no losses; NaN when flat.
 */
export function rsi(close: Float64Array, period: number, into?: Float64Array): Float64Array {
  const n = close.length;
  const out = into ?? new Float64Array(n);
  if (n === 0) return out;
  out[0] = NaN; // no diff at row 0
  // Both smoothings run here in one pass, with no gain or loss arrays. The gain and loss of
  // row i >= 1 are always numbers (a NaN diff gives 0 to both), so ewmMean's loop (see
  // primitives.ts), fed a NaN at row 0 and then numbers, reduces to: seed with row 1, then
  // weighted = (1 - alpha) x weighted + alpha x cur (divided by the denominator when it is not
  // exactly 1) unless weighted === cur, and a reseed should weighted ever be NaN (0 x Infinity
  // at period 1): the same operations in the same order, so the same bits.
  const alpha = alphaFromAlpha(1 / period);
  const keep = 1 - alpha;
  const denom = keep + alpha;
  let au = 0;
  let ad = 0;
  for (let i = 1; i < n; i++) {
    const d = close[i] - close[i - 1];
    const u = d > 0 ? d : 0;
    const v = d < 0 ? -d : 0;
    if (i === 1 || au !== au) au = u;
    else if (au !== u) {
      au = keep * au + alpha * u;
      if (denom !== 1) au /= denom;
    }
    if (i === 1 || ad !== ad) ad = v;
    else if (ad !== v) {
      ad = keep * ad + alpha * v;
      if (denom !== 1) ad /= denom;
    }
    out[i] = 100 - 100 / (1 + au / ad);
  }
  return out;
}

export interface MacdColumns {
  /** (EMA fast - EMA slow) / close */
  macd: Float64Array;
  /** EMA(macd line, signal) / close */
  signal: Float64Array;
  /** (macd line - signal line) / close */
  hist: Float64Array;
}

/** MACD line, signal and histogram, each divided by the close (scale-free). */
export function macd(
  close: Float64Array,
  fast: number,
  slow: number,
  signal: number,
  out: Partial<MacdColumns> = {},
): MacdColumns {
  const n = close.length;
  const ef = ema(close, fast, out.macd);
  const es = ema(close, slow, out.hist);
  const line = ef;
  for (let i = 0; i < n; i++) line[i] = ef[i] - es[i];
  const sig = ema(line, signal, out.signal);
  const hist = es;
  for (let i = 0; i < n; i++) {
    const c = close[i];
    const l = line[i];
    const s = sig[i];
    line[i] = l / c;
    sig[i] = s / c;
    hist[i] = (l - s) / c;
  }
  return { macd: line, signal: sig, hist };
}

export interface BollingerColumns {
  /** (close - lower) / (upper - lower) */
  pctb: Float64Array;
  /** (upper - lower) / middle */
  width: Float64Array;
}

/**
 * Bollinger Bands over `period` bars with `k` population (ddof=0) standard deviations. One pass:
 * the rolling mean and standard deviation of primitives.ts (rollingMean, rollingStd with ddof 0),
 * their arithmetic unchanged, side by side, and the two columns from them.
 */
export function bollinger(
  close: Float64Array,
  period: number,
  k: number,
  out: Partial<BollingerColumns> = {},
): BollingerColumns {
  const n = close.length;
  const pctb = out.pctb ?? new Float64Array(n);
  const width = out.width ?? new Float64Array(n);
  const twoK = 2 * k;
  // rollingMean's state
  let mNobs = 0;
  let sum = 0;
  let mCompAdd = 0;
  let mCompRemove = 0;
  let negCount = 0;
  let mSameRun = 0;
  let mPrev = NaN;
  // rollingStd's state
  let sNobs = 0;
  let mean = 0;
  let ssqdm = 0;
  let sCompAdd = 0;
  let sCompRemove = 0;
  let sSameRun = 0;
  let sPrev = n > 0 ? close[0] : NaN;
  for (let i = 0; i < n; i++) {
    if (i >= period) {
      const v = close[i - period];
      if (v === v) {
        mNobs--;
        const y = -v - mCompRemove;
        const t = sum + y;
        mCompRemove = t - sum - y;
        sum = t;
        if (v < 0 || (v === 0 && 1 / v < 0)) negCount--;
        sNobs--;
        if (sNobs) {
          const prevMean = mean - sCompRemove;
          const ys = v - sCompRemove;
          const ts = ys - mean;
          sCompRemove = ts + mean - ys;
          mean = mean - ts / sNobs;
          ssqdm = ssqdm - (v - prevMean) * (v - mean);
        } else {
          mean = 0;
          ssqdm = 0;
        }
      }
    }
    const v = close[i];
    if (v === v) {
      mNobs++;
      const y = v - mCompAdd;
      const t = sum + y;
      mCompAdd = t - sum - y;
      sum = t;
      if (v < 0 || (v === 0 && 1 / v < 0)) negCount++;
      if (v === mPrev) mSameRun++;
      else mSameRun = 1;
      mPrev = v;
      sNobs++;
      if (v === sPrev) sSameRun++;
      else sSameRun = 1;
      sPrev = v;
      const prevMean = mean - sCompAdd;
      const ys = v - sCompAdd;
      const ts = ys - mean;
      sCompAdd = ts + mean - ys;
      mean = sNobs ? mean + ts / sNobs : 0;
      ssqdm = ssqdm + (v - prevMean) * (v - mean);
    }
    let mi = NaN;
    if (i >= period - 1 && mNobs >= period && mNobs > 0) {
      mi = sum / mNobs;
      if (mSameRun >= mNobs) mi = mPrev;
      else if (negCount === 0 && mi < 0) mi = 0;
      else if (negCount === mNobs && mi > 0) mi = 0;
    }
    let si = NaN;
    if (i >= period - 1 && sNobs >= period && sNobs > 0) {
      const variance = sNobs === 1 || sSameRun >= sNobs ? 0 : ssqdm / sNobs;
      si = variance > 0 ? Math.sqrt(variance) : 0;
    }
    pctb[i] = (v - (mi - k * si)) / (twoK * si);
    width[i] = (twoK * si) / mi;
  }
  return { pctb, width };
}

/**
 * True range max(h - l, |h - c_prev|, |l - c_prev|); at row 0 (no previous close) the
 * seed's pandas max skips the NaNs, giving h - l.
 */
export function trueRange(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  into?: Float64Array,
): Float64Array {
  const n = close.length;
  const out = into ?? new Float64Array(n);
  if (n > 0) out[0] = high[0] - low[0];
  for (let i = 1; i < n; i++) {
    const hl = high[i] - low[i];
    const hc = Math.abs(high[i] - close[i - 1]);
    const lc = Math.abs(low[i] - close[i - 1]);
    out[i] = hl >= hc ? (hl >= lc ? hl : lc) : hc >= lc ? hc : lc;
  }
  return out;
}

/** Wilder ATR (alpha = 1/n on the true range, seeded with the first TR) divided by the close. */
export function atrRelative(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  out?: Float64Array,
): Float64Array {
  const tr = trueRange(high, low, close, out);
  const a = wilder(tr, period, tr);
  for (let i = 0; i < close.length; i++) a[i] = a[i] / close[i];
  return a;
}

/** Volume over its `period`-bar rolling mean (the mean includes the current bar). */
export function volumeRatio(volume: Float64Array, period: number, out?: Float64Array): Float64Array {
  const m = rollingMean(volume, period, out);
  for (let i = 0; i < volume.length; i++) m[i] = volume[i] / m[i];
  return m;
}

/** log(v / v_prev) with +-inf replaced by 0 (as the seed); NaN at row 0 and for 0/0. */
export function volumeChange(volume: Float64Array, out?: Float64Array): Float64Array {
  const n = volume.length;
  const r = out ?? new Float64Array(n);
  if (n > 0) r[0] = NaN;
  for (let i = 1; i < n; i++) {
    const v = Math.log(volume[i] / volume[i - 1]);
    r[i] = v === Infinity || v === -Infinity ? 0 : v;
  }
  return r;
}

/** `close[t] / close[t - n] - 1`. */
export function momentum(close: Float64Array, period: number, out?: Float64Array): Float64Array {
  const n = close.length;
  const r = out ?? new Float64Array(n);
  r.fill(NaN, 0, Math.min(period, n));
  for (let i = period; i < n; i++) r[i] = close[i] / close[i - period] - 1;
  return r;
}

/** `log(close[t] / close[t - n])`. */
export function logReturn(close: Float64Array, period: number, out?: Float64Array): Float64Array {
  const n = close.length;
  const r = out ?? new Float64Array(n);
  r.fill(NaN, 0, Math.min(period, n));
  for (let i = period; i < n; i++) r[i] = Math.log(close[i] / close[i - period]);
  return r;
}
