/**
 * Signals: model outputs -> target position per bar (a signed fraction of equity), decided at
 * the close of that bar. Bars without a prediction (NaN) are flat, as in the seed.
 */

export interface ClassificationSignalOptions {
  /** predicted probability of up / BUY per bar; NaN = no prediction (flat) */
  prob: Float64Array;
  /** go long when prob >= buyThreshold (strict: >) */
  buyThreshold: number;
  /** exit (or go short with longShort) when prob <= sellThreshold (strict: <) */
  sellThreshold: number;
  /** short instead of flat on a sell signal (default false) */
  longShort?: boolean;
  /** the seed's comparisons (> and <) instead of the (>= and <=); default false */
  strict?: boolean;
  /** position size as a fraction of equity (default 1 = all-in) */
  size?: number;
}

/**
 * Long when prob >= buy, exit / short when prob <= sell, otherwise keep the previous target.
 * The kept state resets to flat on a bar without prediction (the seed's rule).
 */
export function classificationTargets(opts: ClassificationSignalOptions): Float64Array {
  const { prob, buyThreshold: buy, sellThreshold: sell } = opts;
  if (!(buy >= sell)) throw new RangeError(`buyThreshold ${buy} must be >= sellThreshold ${sell}`);
  const size = opts.size ?? 1;
  const down = opts.longShort ? -size : 0;
  const out = new Float64Array(prob.length);
  let p = 0;
  for (let i = 0; i < prob.length; i++) {
    p = classificationStep(p, prob[i], buy, sell, size, down, opts.strict === true);
    out[i] = p;
  }
  return out;
}

/**
 * One bar of classificationTargets: the target after the previous target `p` and this bar's
 * probability `v` (NaN -> flat). The live loop decides bar by bar with it.
 */
export function classificationStep(
  p: number,
  v: number,
  buy: number,
  sell: number,
  size: number,
  down: number,
  strict: boolean,
): number {
  if (Number.isNaN(v)) return 0;
  if (strict ? v > buy : v >= buy) return size;
  if (strict ? v < sell : v <= sell) return down;
  return p;
}

/** The cost of entering and leaving once, as a fraction: 2 x (fees + slippage) / 10,000. */
export function roundTripCost(feesBps: number, slippageBps: number): number {
  return (2 * (feesBps + slippageBps)) / 1e4;
}

export interface RegressionSignalOptions {
  /** predicted forward return per bar (fraction, e.g. 0.004); NaN = no prediction (flat) */
  pred: Float64Array;
  /** default roundTripCost(feesBps, slippageBps) */
  hurdle?: number;
  feesBps?: number;
  slippageBps?: number;
  /** short when pred < -hurdle (default false) */
  longShort?: boolean;
  /** default 1 */
  size?: number;
}

/** Long when pred > hurdle, short (longShort) when pred < -hurdle, flat otherwise. */
export function regressionTargets(opts: RegressionSignalOptions): Float64Array {
  const hurdle = opts.hurdle ?? roundTripCost(opts.feesBps ?? 0, opts.slippageBps ?? 0);
  const size = opts.size ?? 1;
  const { pred } = opts;
  const out = new Float64Array(pred.length);
  for (let i = 0; i < pred.length; i++)
    out[i] = regressionStep(pred[i], hurdle, size, opts.longShort === true);
  return out;
}

/** One bar of regressionTargets (the live loop decides bar by bar with it). */
export function regressionStep(v: number, hurdle: number, size: number, longShort: boolean): number {
  return v > hurdle ? size : longShort && v < -hurdle ? -size : 0;
}
