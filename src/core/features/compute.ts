/**
 * computeFeatures: bars of one symbol -> a FeatureFrame (one Float64Array per feature,
 * aligned with the bars), with the warm-up hidden as NaN and the usable rows marked.
 */
import type { Bars } from '../data/bars';
import {
  DEFAULT_FEATURE_SET,
  featureColumnNames,
  resolveFeature,
  type FeatureContext,
  type FeatureSet,
  type FeatureSpec,
  type WarmupMode,
} from './registry';
import { InputError } from '../errors';
import type { FeatureBuffers } from './buffers';

/** Rows per block of the validity pass. */
const VALID_BLOCK = 1024;

/** Default warm-up: 'strict' (see registry.ts and README.md for why). */
export const DEFAULT_WARMUP: WarmupMode = 'strict';

export interface ComputeFeaturesOptions {
  /** default DEFAULT_FEATURE_SET (the seed's 19 features) */
  featureSet?: FeatureSet;
  /** default 'strict' */
  warmup?: WarmupMode;
  /**
   * write the frame's columns and validity flags into these buffers rather than fresh arrays;
   * the frame then holds only until the next computation into them (see buffers.ts)
   */
  out?: FeatureBuffers;
}

export interface FeatureFrame {
  /** column names, e.g. ['ema_12', ...] */
  names: string[];
  /** the feature set with defaults filled in (what to save with a model) */
  featureSet: FeatureSpec[];
  /** columns[j][t] = feature j at bar t; NaN where undefined (warm-up included) */
  columns: Float64Array[];
  rows: number;
  warmupMode: WarmupMode;
  /** per feature: first bar index at which it is defined under warmupMode */
  lookbacks: number[];
  /** first bar index at which every feature is defined and finite (rows if none) */
  warmup: number;
  /** 1 where every feature is finite at that bar */
  valid: Uint8Array;
  validRows: number;
  /** bars before `warmup` (excluded as warm-up) */
  excludedWarmupRows: number;
  /** bars at or after `warmup` with a non-finite feature (e.g. RSI 0/0 on flat prices) */
  excludedUndefinedRows: number;
}

/** All features of a set for one symbol. Pure: feature t depends on bars[0..t] only. */
export function computeFeatures(bars: Bars, options: ComputeFeaturesOptions = {}): FeatureFrame {
  const featureSet = options.featureSet ?? DEFAULT_FEATURE_SET;
  const warmupMode = options.warmup ?? DEFAULT_WARMUP;
  if (warmupMode !== 'seed' && warmupMode !== 'strict')
    throw new InputError('warmup', `unknown warmup mode ${warmupMode}: use 'strict' or 'seed'`);
  const names = featureColumnNames(featureSet);
  const rows = bars.close.length;
  const buffers = options.out;
  const slots = buffers ? names.map((_, j) => buffers.column(j, rows)) : null;
  const ctx: FeatureContext = { bars, cache: new Map() };
  if (slots) {
    const slotOf = new Map(names.map((name, j) => [name, slots[j]]));
    ctx.target = (column) => slotOf.get(column);
  }
  const resolved: FeatureSpec[] = [];
  const lookbacks: number[] = [];
  const columns: Float64Array[] = [];
  for (const [j, spec] of featureSet.entries()) {
    const { def, params } = resolveFeature(spec);
    resolved.push({ name: def.name, params });
    const lb = def.lookback(params, warmupMode);
    lookbacks.push(lb);
    // every feature gets its own array, fresh or its slot of `out` (shared MACD/Bollinger
    // intermediates hand out distinct columns, and a column cannot be named twice), so masking
    // in place is safe
    const col = def.compute(ctx, params, slots?.[j]);
    if (lb > 0 && warmupMode === 'strict') col.fill(NaN, 0, Math.min(lb, rows));
    columns.push(col);
  }
  // x * 0 is 0 for finite x and NaN for NaN and +-inf: one add per cell, no branches, summed
  // block by block into a small scratch (a fresh column-length array costs more than this pass
  // in a browser)
  const valid = buffers ? buffers.valid(rows) : new Uint8Array(rows);
  const probe = new Float64Array(Math.min(rows, VALID_BLOCK));
  for (let b = 0; b < rows; b += VALID_BLOCK) {
    const m = Math.min(VALID_BLOCK, rows - b);
    probe.fill(0);
    for (const col of columns) for (let j = 0; j < m; j++) probe[j] += col[b + j] * 0;
    for (let j = 0; j < m; j++) valid[b + j] = probe[j] === 0 ? 1 : 0;
  }
  let warmup = 0;
  while (warmup < rows && !valid[warmup]) warmup++;
  let validRows = 0;
  for (let t = 0; t < rows; t++) validRows += valid[t];
  return {
    names,
    featureSet: resolved,
    columns,
    rows,
    warmupMode,
    lookbacks,
    warmup,
    valid,
    validRows,
    excludedWarmupRows: warmup,
    excludedUndefinedRows: rows - warmup - validRows,
  };
}
