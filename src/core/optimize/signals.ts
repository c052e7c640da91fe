/**
 * Normalised trading signals for the weight optimizer, computed once per symbol from the
 * features (src/core/features) and reused by every candidate. Each signal lies in [-1, 1]:
 * +1 = strongly bullish, -1 = strongly bearish, NaN = not defined yet (warm-up). Every value
 * at bar t depends on bars[0..t] only (proven by truncation in signals.test.ts).
 *
 * Definitions (documented again in README.md and written into report.json):
 *   rsi        clip((50 - RSI14) / 50, -1, 1)                 contrarian: oversold -> long
 *   macd       tanh(hist / rollingStd(hist, W))               hist = (MACD line - signal) / close
 *   ema_cross  tanh(g / rollingStd(g, W))                     g = EMA12 / EMA26 - 1
 *   volume     sign(ret_1) * tanh(max(0, vol_ratio_20 - 1))   above-average volume confirms the
 *                                                              bar's direction; below-average: 0
 *   model      probability p: clip(2p - 1, -1, 1); return prediction r: tanh(r / s) with s the
 *              expanding standard deviation of the finite predictions up to t (>= 30 of them)
 * W (`normWindow`, default 500 bars) is a trailing window, the current bar included.
 */
import type { Bars } from '../data/bars';
import { computeFeatures } from '../features/compute';
import { rollingStd } from '../features/primitives';
import type { FeatureSet } from '../features/registry';
import { InputError, InternalError } from '../errors';

export const SIGNAL_NAMES = ['rsi', 'macd', 'ema_cross', 'volume'] as const;
export type BuiltinSignalName = (typeof SIGNAL_NAMES)[number];
export type SignalName = BuiltinSignalName | 'model';

export const SIGNAL_DEFINITIONS: Readonly<Record<SignalName, string>> = {
  rsi: 'clip((50 - RSI(14)) / 50, -1, 1): contrarian, +1 at RSI 0 (oversold), -1 at RSI 100',
  macd: 'tanh(h / rollingStd(h, W)), h = MACD(12,26,9) histogram / close: trend following',
  ema_cross:
    'tanh(g / rollingStd(g, W)), g = EMA(12) / EMA(26) - 1 (relative gap of the fast over the slow EMA): trend following',
  volume:
    "sign(ret_1) x tanh(max(0, vol_ratio_20 - 1)): above-average volume (volume / its 20-bar mean) signed by the bar's close-to-close direction; 0 at or below average volume",
  model:
    "a model's prediction: probability p -> clip(2p - 1, -1, 1); predicted return r -> tanh(r / s), s = expanding std of the finite predictions up to t (at least 30); NaN where the model has no prediction",
};

/** The features the built-in signals need (strict warm-up). */
const SIGNAL_FEATURES: FeatureSet = [
  { name: 'ema', params: { period: 12 } },
  { name: 'ema', params: { period: 26 } },
  { name: 'rsi', params: { period: 14 } },
  { name: 'macd_hist', params: { fast: 12, slow: 26, signal: 9 } },
  { name: 'vol_ratio', params: { period: 20 } },
  { name: 'ret', params: { period: 1 } },
];

export const DEFAULT_NORM_WINDOW = 500;
/** minimum finite predictions before a return prediction is scaled */
const MODEL_MIN_COUNT = 30;

export interface ModelSignalInput {
  /** one value per bar; NaN where the model has no (out-of-sample) prediction */
  values: Float64Array;
  /** 'probability' of up (0..1) or predicted forward 'return' (fraction) */
  kind: 'probability' | 'return';
}

export interface BuildSignalsOptions {
  bars: Bars;
  /** default: the four built-in signals */
  names?: readonly BuiltinSignalName[];
  /** a model's predictions, added as the signal 'model' */
  model?: ModelSignalInput;
  /** trailing window for the macd and ema_cross scales (default 500 bars) */
  normWindow?: number;
}

export interface SignalSet {
  /** the built-in names and 'model'; tests may build sets with names of their own */
  names: string[];
  /** columns[j][t] in [-1, 1], NaN where undefined; aligned with the bars */
  columns: Float64Array[];
  rows: number;
  /** per signal: first bar where it is finite (rows if never) */
  firstValid: number[];
  definitions: Record<string, string>;
  normWindow: number;
}

const clip1 = (x: number) => (x > 1 ? 1 : x < -1 ? -1 : x);

/**
 * tanh(x / rollingStd(x, w)); 0 where the scale is 0 (a perfectly flat stretch). Written over
 * the rolling std's own array (each cell is read before it is written): no further column.
 */
function scaledTanh(x: Float64Array, window: number): Float64Array {
  const out = rollingStd(x, window);
  for (let t = 0; t < x.length; t++) {
    const v = x[t];
    const sd = out[t];
    out[t] = v !== v || sd !== sd ? NaN : sd > 0 ? Math.tanh(v / sd) : 0;
  }
  return out;
}

function modelSignal(m: ModelSignalInput, rows: number): Float64Array {
  if (m.values.length !== rows)
    throw new RangeError(`model predictions have ${m.values.length} rows, bars ${rows}`);
  const out = new Float64Array(rows);
  if (m.kind === 'probability') {
    for (let t = 0; t < rows; t++) out[t] = clip1(2 * m.values[t] - 1);
    return out;
  }
  // expanding (Welford) std over the finite predictions so far: trailing, scale-free
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let t = 0; t < rows; t++) {
    const v = m.values[t];
    if (!Number.isFinite(v)) {
      out[t] = NaN;
      continue;
    }
    n++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
    const sd = Math.sqrt(m2 / n);
    out[t] = n < MODEL_MIN_COUNT ? NaN : sd > 0 ? Math.tanh(v / sd) : 0;
  }
  return out;
}

/** Builds the normalised signals of one symbol, once (features computed a single time). */
export function buildSignals(opts: BuildSignalsOptions): SignalSet {
  const names = [...(opts.names ?? SIGNAL_NAMES)];
  for (const n of names)
    if (!SIGNAL_NAMES.includes(n))
      throw new InputError('signal_names', `unknown signal "${n}"; known: ${SIGNAL_NAMES.join(', ')}, model`);
  const window = opts.normWindow ?? DEFAULT_NORM_WINDOW;
  if (!(Number.isInteger(window) && window >= 2))
    throw new RangeError(`normWindow must be an integer >= 2, got ${window}`);
  const rows = opts.bars.close.length;
  const f = computeFeatures(opts.bars, { featureSet: SIGNAL_FEATURES });
  const col = (name: string) => f.columns[f.names.indexOf(name)];
  const out: { name: SignalName; column: Float64Array }[] = [];
  for (const name of names) {
    let column: Float64Array;
    if (name === 'rsi') {
      const r = col('rsi_14');
      column = new Float64Array(rows);
      for (let t = 0; t < rows; t++) column[t] = clip1((50 - r[t]) / 50);
    } else if (name === 'macd') {
      column = scaledTanh(col('macd_hist'), window);
    } else if (name === 'ema_cross') {
      // ema_n = close / EMA_n - 1, so EMA12 / EMA26 - 1 = (1 + ema_26) / (1 + ema_12) - 1
      const e12 = col('ema_12');
      const e26 = col('ema_26');
      const g = new Float64Array(rows);
      for (let t = 0; t < rows; t++) g[t] = (1 + e26[t]) / (1 + e12[t]) - 1;
      column = scaledTanh(g, window);
    } else {
      const vr = col('vol_ratio_20');
      const r1 = col('ret_1');
      column = new Float64Array(rows);
      for (let t = 0; t < rows; t++) {
        const r = r1[t];
        const v = vr[t];
        column[t] = r !== r || v !== v ? NaN : Math.sign(r) * Math.tanh(Math.max(0, v - 1));
      }
    }
    out.push({ name, column });
  }
  if (opts.model) out.push({ name: 'model', column: modelSignal(opts.model, rows) });
  const firstValid = out.map(({ column }) => {
    let t = 0;
    while (t < rows && !Number.isFinite(column[t])) t++;
    return t;
  });
  const definitions: Record<string, string> = {};
  for (const { name } of out) definitions[name] = SIGNAL_DEFINITIONS[name].replace(/\bW\b/g, `W = ${window}`);
  return {
    names: out.map((o) => o.name),
    columns: out.map((o) => o.column),
    rows,
    firstValid,
    definitions,
    normWindow: window,
  };
}

/** The columns of the named signals, in that order (throws on an unknown name). */
export function selectSignals(set: SignalSet, names: readonly string[]): Float64Array[] {
  return names.map((n) => {
    const j = set.names.indexOf(n);
    if (j < 0) throw new InternalError(`signal "${n}" was not built; available: ${set.names.join(', ')}`);
    return set.columns[j];
  });
}

/** First bar where every named signal is finite (for the fold plan's firstRow). */
export function firstValidRow(set: SignalSet, names: readonly string[]): number {
  let first = 0;
  for (const n of names) {
    const j = set.names.indexOf(n);
    if (j < 0) throw new InternalError(`signal "${n}" was not built`);
    first = Math.max(first, set.firstValid[j]);
  }
  return first;
}
