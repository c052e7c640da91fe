/**
 * The feature registry: every feature a feature set can name, with its parameters,
 * its column name, how it is computed from the bars, and its warm-up (lookback).
 * A feature set is a plain JSON list of `{ name, params }`; it is saved with every model.
 *
 * Warm-up ("lookback" = index of the first row where the feature is defined):
 *   - 'seed':   exactly where the seed's pandas code has non-NaN values (only rolling and
 *               shift windows count; EWMs are defined from their first input).
 *   - 'strict': every window must be full, counting an EWM of span/period n as a window
 *               of n inputs, like TA-Lib's lookbacks: EMA n -> n-1, RSI n -> n,
 *               ATR n -> n (the true range needs the previous close), MACD line -> slow-1,
 *               signal and histogram -> slow-1 + signal-1. Values are the seed's where
 *               defined; strict only hides the early ones.
 */
import type { Bars } from '../data/bars';
import {
  atrRelative,
  bollinger,
  emaRelative,
  logReturn,
  macd,
  momentum,
  rsi,
  volumeChange,
  volumeRatio,
  type BollingerColumns,
  type MacdColumns,
} from './indicators';
import { DataError } from '../errors';

export type FeatureName =
  | 'ema'
  | 'rsi'
  | 'macd'
  | 'macd_signal'
  | 'macd_hist'
  | 'bb_pctb'
  | 'bb_width'
  | 'atr'
  | 'vol_ratio'
  | 'vol_chg'
  | 'mom'
  | 'ret';

export type FeatureParams = Record<string, number>;

/** One entry of a feature set. Missing params take the feature's defaults. */
export interface FeatureSpec {
  name: FeatureName;
  params?: FeatureParams;
}

export type FeatureSet = readonly FeatureSpec[];

export type WarmupMode = 'seed' | 'strict';

/** Shared per-call cache so that MACD and Bollinger columns are computed once per set. */
export interface FeatureContext {
  bars: Bars;
  cache: Map<string, unknown>;
  /**
   * The column to write a feature into, by column name (every row gets written); undefined:
   * a fresh one. Lets MACD and Bollinger write each of their columns where it belongs.
   */
  target?: (column: string) => Float64Array | undefined;
}

export interface FeatureDef {
  name: FeatureName;
  description: string;
  defaults: FeatureParams;
  /** the column name, e.g. ema_12; the seed's names for the seed's parameters */
  column(p: FeatureParams): string;
  /** first defined row index under each warm-up mode */
  lookback(p: FeatureParams, mode: WarmupMode): number;
  /** the feature's column, written into `out` when given (every row), else into a fresh array */
  compute(ctx: FeatureContext, p: FeatureParams, out?: Float64Array): Float64Array;
}

function cached<T>(ctx: FeatureContext, key: string, make: () => T): T {
  let v = ctx.cache.get(key) as T | undefined;
  if (v === undefined) {
    v = make();
    ctx.cache.set(key, v);
  }
  return v;
}

const MACD_DEFAULTS = { fast: 12, slow: 26, signal: 9 };
const BB_DEFAULTS = { period: 20, k: 2 };
const isMacdDefault = (p: FeatureParams) => p.fast === 12 && p.slow === 26 && p.signal === 9;
const isBbDefault = (p: FeatureParams) => p.period === 20 && p.k === 2;
const macdSuffix = (p: FeatureParams) => (isMacdDefault(p) ? '' : `_${p.fast}_${p.slow}_${p.signal}`);
const bbSuffix = (p: FeatureParams) => (isBbDefault(p) ? '' : `_${p.period}_${p.k}`);
/** MACD's and Bollinger's column names (all of a group's columns are computed together). */
const macdColumn = (name: 'macd' | 'macd_signal' | 'macd_hist', p: FeatureParams) => `${name}${macdSuffix(p)}`;
const bbColumn = (name: 'bb_pctb' | 'bb_width', p: FeatureParams) => `${name}${bbSuffix(p)}`;
const into = (ctx: FeatureContext, column: string) => ctx.target?.(column);

const macdOf = (ctx: FeatureContext, p: FeatureParams): MacdColumns =>
  cached(ctx, `macd:${p.fast}:${p.slow}:${p.signal}`, () =>
    macd(ctx.bars.close, p.fast, p.slow, p.signal, {
      macd: into(ctx, macdColumn('macd', p)),
      signal: into(ctx, macdColumn('macd_signal', p)),
      hist: into(ctx, macdColumn('macd_hist', p)),
    }),
  );
const bbOf = (ctx: FeatureContext, p: FeatureParams): BollingerColumns =>
  cached(ctx, `bb:${p.period}:${p.k}`, () =>
    bollinger(ctx.bars.close, p.period, p.k, {
      pctb: into(ctx, bbColumn('bb_pctb', p)),
      width: into(ctx, bbColumn('bb_width', p)),
    }),
  );

const macdLine = (p: FeatureParams, m: WarmupMode) => (m === 'seed' ? 0 : Math.max(p.fast, p.slow) - 1);
const macdSig = (p: FeatureParams, m: WarmupMode) => (m === 'seed' ? 0 : macdLine(p, m) + p.signal - 1);

export const FEATURES: Readonly<Record<FeatureName, FeatureDef>> = {
  ema: {
    name: 'ema',
    description: 'close / EMA(close, period) - 1 (pandas ewm span, adjust=False)',
    defaults: { period: 12 },
    column: (p) => `ema_${p.period}`,
    lookback: (p, m) => (m === 'seed' ? 0 : p.period - 1),
    compute: (ctx, p, out) => emaRelative(ctx.bars.close, p.period, out),
  },
  rsi: {
    name: 'rsi',
    description: 'Wilder RSI (ewm alpha=1/period, seeded with the first diff), 0..100',
    defaults: { period: 14 },
    column: (p) => `rsi_${p.period}`,
    lookback: (p, m) => (m === 'seed' ? 1 : p.period),
    compute: (ctx, p, out) => rsi(ctx.bars.close, p.period, out),
  },
  macd: {
    name: 'macd',
    description: '(EMA fast - EMA slow) / close',
    defaults: MACD_DEFAULTS,
    column: (p) => macdColumn('macd', p),
    lookback: macdLine,
    compute: (ctx, p) => macdOf(ctx, p).macd,
  },
  macd_signal: {
    name: 'macd_signal',
    description: 'EMA(MACD line, signal) / close',
    defaults: MACD_DEFAULTS,
    column: (p) => macdColumn('macd_signal', p),
    lookback: macdSig,
    compute: (ctx, p) => macdOf(ctx, p).signal,
  },
  macd_hist: {
    name: 'macd_hist',
    description: '(MACD line - signal line) / close',
    defaults: MACD_DEFAULTS,
    column: (p) => macdColumn('macd_hist', p),
    lookback: macdSig,
    compute: (ctx, p) => macdOf(ctx, p).hist,
  },
  bb_pctb: {
    name: 'bb_pctb',
    description: 'Bollinger %B: (close - lower) / (upper - lower), population std (ddof=0)',
    defaults: BB_DEFAULTS,
    column: (p) => bbColumn('bb_pctb', p),
    lookback: (p) => p.period - 1,
    compute: (ctx, p) => bbOf(ctx, p).pctb,
  },
  bb_width: {
    name: 'bb_width',
    description: 'Bollinger bandwidth: (upper - lower) / middle',
    defaults: BB_DEFAULTS,
    column: (p) => bbColumn('bb_width', p),
    lookback: (p) => p.period - 1,
    compute: (ctx, p) => bbOf(ctx, p).width,
  },
  atr: {
    name: 'atr',
    description: 'Wilder ATR (ewm alpha=1/period on the true range) / close',
    defaults: { period: 14 },
    column: (p) => `atr_${p.period}`,
    lookback: (p, m) => (m === 'seed' ? 0 : p.period),
    compute: (ctx, p, out) => atrRelative(ctx.bars.high, ctx.bars.low, ctx.bars.close, p.period, out),
  },
  vol_ratio: {
    name: 'vol_ratio',
    description: 'volume / rolling mean of volume over period bars (current bar included)',
    defaults: { period: 20 },
    column: (p) => `vol_ratio_${p.period}`,
    lookback: (p) => p.period - 1,
    compute: (ctx, p, out) => volumeRatio(ctx.bars.volume, p.period, out),
  },
  vol_chg: {
    name: 'vol_chg',
    description: 'log(volume / previous volume), +-inf replaced by 0',
    defaults: {},
    column: () => 'vol_chg',
    lookback: () => 1,
    compute: (ctx, _p, out) => volumeChange(ctx.bars.volume, out),
  },
  mom: {
    name: 'mom',
    description: 'close / close[t - period] - 1',
    defaults: { period: 10 },
    column: (p) => `mom_${p.period}`,
    lookback: (p) => p.period,
    compute: (ctx, p, out) => momentum(ctx.bars.close, p.period, out),
  },
  ret: {
    name: 'ret',
    description: 'log(close / close[t - period])',
    defaults: { period: 1 },
    column: (p) => `ret_${p.period}`,
    lookback: (p) => p.period,
    compute: (ctx, p, out) => logReturn(ctx.bars.close, p.period, out),
  },
};

/** The seed's 19 features, in the seed's column order. */
const SEED_FEATURES: FeatureSpec[] = [
  { name: 'ema', params: { period: 12 } },
  { name: 'ema', params: { period: 26 } },
  { name: 'ema', params: { period: 50 } },
  { name: 'ema', params: { period: 200 } },
  { name: 'rsi', params: { period: 14 } },
  { name: 'macd', params: { ...MACD_DEFAULTS } },
  { name: 'macd_signal', params: { ...MACD_DEFAULTS } },
  { name: 'macd_hist', params: { ...MACD_DEFAULTS } },
  { name: 'bb_pctb', params: { ...BB_DEFAULTS } },
  { name: 'bb_width', params: { ...BB_DEFAULTS } },
  { name: 'atr', params: { period: 14 } },
  { name: 'vol_ratio', params: { period: 20 } },
  { name: 'vol_chg', params: {} },
  { name: 'mom', params: { period: 10 } },
  { name: 'ret', params: { period: 1 } },
  { name: 'ret', params: { period: 3 } },
  { name: 'ret', params: { period: 6 } },
  { name: 'ret', params: { period: 12 } },
  { name: 'ret', params: { period: 24 } },
];
export const DEFAULT_FEATURE_SET: FeatureSet = Object.freeze(SEED_FEATURES.map((s) => Object.freeze(s)));

/**
 * A spec with its defaults filled in and its parameters checked (known names, positive
 * integers except Bollinger's k, which is any positive number). Throws DataError('bad-model') on
 * bad input: feature sets come from a saved model's metrics.json, not from a form.
 */
export function resolveFeature(spec: FeatureSpec): { def: FeatureDef; params: FeatureParams } {
  const def = (FEATURES as Record<string, FeatureDef | undefined>)[spec.name];
  if (!def)
    throw new DataError(
      'bad-model',
      `unknown feature "${spec.name}"; known: ${Object.keys(FEATURES).join(', ')}`,
    );
  const params: FeatureParams = { ...def.defaults };
  for (const [k, v] of Object.entries(spec.params ?? {})) {
    if (!(k in def.defaults))
      throw new DataError('bad-model', `feature ${spec.name}: unknown parameter "${k}"`);
    params[k] = v;
  }
  for (const [k, v] of Object.entries(params)) {
    const ok = k === 'k' ? Number.isFinite(v) && v > 0 : Number.isInteger(v) && v >= 1;
    if (!ok)
      throw new DataError(
        'bad-model',
        `feature ${spec.name}: parameter ${k} must be a positive integer, got ${v}`,
      );
  }
  if (spec.name.startsWith('macd') && !(params.fast < params.slow)) {
    throw new DataError(
      'bad-model',
      `feature ${spec.name}: fast (${params.fast}) must be below slow (${params.slow})`,
    );
  }
  return { def, params };
}

/** Column names of a feature set, in order (throws on duplicates). */
export function featureColumnNames(featureSet: FeatureSet = DEFAULT_FEATURE_SET): string[] {
  const names = featureSet.map((s) => {
    const { def, params } = resolveFeature(s);
    return def.column(params);
  });
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new DataError('bad-model', `feature set names column "${n}" twice`);
    seen.add(n);
  }
  return names;
}
