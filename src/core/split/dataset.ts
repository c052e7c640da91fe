/**
 * buildDataset: bars of one or more symbols -> the pooled, model-ready rows.
 * Per symbol: features (features/compute.ts) and labels (labels/labels.ts); a bar becomes
 * a row when every feature is finite (after the warm-up) and its label exists. Bars with
 * features but no label yet (the last h bars) go to `unlabeled`, for predictions only.
 *
 * Row order: by symbol (in the order given), then by time. Each symbol's rows are one
 * contiguous block (`perSymbol[k].rowStart .. rowEnd`); splits select rows by time, so
 * pooling does not mix a symbol's future into another symbol's training rows.
 */
import type { Bars } from '../data/bars';
import { computeFeatures } from '../features/compute';
import type { FeatureSet, FeatureSpec, WarmupMode } from '../features/registry';
import { describeLabel, makeLabels, type LabelInfo, type LabelSpec } from '../labels/labels';
import type { Matrix } from '../models/types';
import { inferBarMs } from './windows';
import { InternalError } from '../errors';

export interface BuildDatasetOptions {
  barsBySymbol: Bars[];
  /** default: the seed's 19 features */
  featureSet?: FeatureSet;
  label: LabelSpec;
  /** default 'strict' (see features/README.md); 'seed' reproduces the seed's rows */
  warmup?: WarmupMode;
  /** bar size in ms; default inferred from the first symbol's times */
  barMs?: number;
}

/** Rows of features with where they come from. */
export interface DatasetRows {
  /** column-major, columns in featureNames order */
  X: Matrix;
  /** bar time (ms UTC) of each row */
  time: Float64Array;
  /** index into `symbols` */
  symbolIndex: Int32Array;
  /** index of the bar within its symbol's Bars */
  barIndex: Int32Array;
}

export interface SymbolSummary {
  symbol: string;
  bars: number;
  /** first bar index where every feature is defined */
  warmup: number;
  excludedWarmupRows: number;
  excludedUndefinedRows: number;
  /** labelled rows of this symbol: dataset rows [rowStart, rowEnd) */
  rows: number;
  rowStart: number;
  rowEnd: number;
  unlabeledRows: number;
}

export interface Dataset extends DatasetRows {
  featureNames: string[];
  /** the feature set with defaults filled in (save it with the model) */
  featureSet: FeatureSpec[];
  warmupMode: WarmupMode;
  label: LabelInfo;
  /** label per row: class index (binary, ternary) or forward log return (regression) */
  y: Float64Array;
  /** simple forward return close[t+h] / close[t] - 1 per row */
  forwardReturn: Float64Array;
  /** time of bar t+h per row: the label is known once that bar has closed */
  labelTime: Float64Array;
  symbols: string[];
  horizon: number;
  barMs: number;
  /** totals over symbols */
  excludedWarmupRows: number;
  excludedUndefinedRows: number;
  unlabeledRows: number;
  perSymbol: SymbolSummary[];
  /** feature rows of bars with no label yet (each symbol's last h bars): predict, never train */
  unlabeled: DatasetRows;
}

/** Bars [from, to) of one symbol, written to dataset rows [at, at + to - from). */
interface Run {
  from: number;
  to: number;
  at: number;
}

/** Adds bar t to the last run when it follows it, else starts a run at row `at`; returns 1. */
function extend(runs: Run[], t: number, at: number): number {
  const last = runs[runs.length - 1];
  if (last && last.to === t) last.to++;
  else runs.push({ from: t, to: t + 1, at });
  return 1;
}

/** The rows of every run of every symbol, column by column (one block copy per run). */
function gather(frames: { columns: Float64Array[] }[], runs: Run[][], cols: number, rows: number) {
  const out = Array.from({ length: cols }, () => new Float64Array(rows));
  for (let j = 0; j < cols; j++)
    for (let k = 0; k < frames.length; k++) {
      const src = frames[k].columns[j];
      for (const { from, to, at } of runs[k]) out[j].set(src.subarray(from, to), at);
    }
  return out;
}

export function buildDataset(o: BuildDatasetOptions): Dataset {
  if (o.barsBySymbol.length === 0) throw new InternalError('buildDataset needs at least one symbol');
  const barMs = o.barMs ?? inferBarMs(o.barsBySymbol[0].time);
  const h = o.label.horizon;
  const frames = o.barsBySymbol.map((bars) =>
    computeFeatures(bars, { featureSet: o.featureSet, warmup: o.warmup }),
  );
  const labels = o.barsBySymbol.map((bars) => makeLabels(bars.close, o.label));
  const names = frames[0].names;
  const cols = names.length;

  // each symbol's labelled and unlabelled rows as runs of consecutive bars (one run each when no
  // feature is undefined after the warm-up: the usual case)
  const labelledRuns: Run[][] = [];
  const unlabelledRuns: Run[][] = [];
  let nRows = 0;
  let nUnl = 0;
  for (let k = 0; k < frames.length; k++) {
    const { valid, rows } = frames[k];
    const y = labels[k].y;
    const lab: Run[] = [];
    const unl: Run[] = [];
    for (let t = 0; t < rows; t++) {
      if (!valid[t]) continue;
      if (y[t] === y[t]) nRows += extend(lab, t, nRows);
      else nUnl += extend(unl, t, nUnl);
    }
    labelledRuns.push(lab);
    unlabelledRuns.push(unl);
  }
  // one symbol in one run: the rows are views of its feature columns and labels (fresh arrays of
  // this call that nothing else holds, and that no reader of a dataset writes to), no copies
  const oneRun = (runs: Run[][]) => frames.length === 1 && runs[0].length === 1;
  const X = oneRun(labelledRuns)
    ? frames[0].columns.map((c) => c.subarray(labelledRuns[0][0].from, labelledRuns[0][0].to))
    : gather(frames, labelledRuns, cols, nRows);
  const uX = oneRun(unlabelledRuns)
    ? frames[0].columns.map((c) => c.subarray(unlabelledRuns[0][0].from, unlabelledRuns[0][0].to))
    : gather(frames, unlabelledRuns, cols, nUnl);
  const viewLabels = oneRun(labelledRuns);
  const y = viewLabels
    ? labels[0].y.subarray(labelledRuns[0][0].from, labelledRuns[0][0].to)
    : new Float64Array(nRows);
  const fwd = viewLabels
    ? labels[0].forwardReturn.subarray(labelledRuns[0][0].from, labelledRuns[0][0].to)
    : new Float64Array(nRows);
  const time = new Float64Array(nRows);
  const labelTime = new Float64Array(nRows);
  const symbolIndex = new Int32Array(nRows);
  const barIndex = new Int32Array(nRows);
  const uTime = new Float64Array(nUnl);
  const uSym = new Int32Array(nUnl);
  const uBar = new Int32Array(nUnl);
  const perSymbol: SymbolSummary[] = [];
  for (let k = 0; k < frames.length; k++) {
    const bars = o.barsBySymbol[k];
    const f = frames[k];
    const lab = labels[k];
    const runs = labelledRuns[k];
    const rowStart = runs.length ? runs[0].at : (perSymbol[k - 1]?.rowEnd ?? 0);
    let rowEnd = rowStart;
    for (const { from, to, at } of runs) {
      const n = to - from;
      if (!viewLabels) {
        y.set(lab.y.subarray(from, to), at);
        fwd.set(lab.forwardReturn.subarray(from, to), at);
      }
      time.set(bars.time.subarray(from, to), at);
      labelTime.set(bars.time.subarray(from + h, to + h), at);
      symbolIndex.fill(k, at, at + n);
      for (let i = 0; i < n; i++) barIndex[at + i] = from + i;
      rowEnd = at + n;
    }
    let unlabeled = 0;
    for (const { from, to, at } of unlabelledRuns[k]) {
      const n = to - from;
      uTime.set(bars.time.subarray(from, to), at);
      uSym.fill(k, at, at + n);
      for (let i = 0; i < n; i++) uBar[at + i] = from + i;
      unlabeled += n;
    }
    perSymbol.push({
      symbol: bars.symbol,
      bars: f.rows,
      warmup: f.warmup,
      excludedWarmupRows: f.excludedWarmupRows,
      excludedUndefinedRows: f.excludedUndefinedRows,
      rows: rowEnd - rowStart,
      rowStart,
      rowEnd,
      unlabeledRows: unlabeled,
    });
  }
  return {
    featureNames: names,
    featureSet: frames[0].featureSet,
    warmupMode: frames[0].warmupMode,
    label: describeLabel(o.label),
    X: { rows: nRows, cols, columns: X },
    y,
    forwardReturn: fwd,
    time,
    labelTime,
    symbolIndex,
    barIndex,
    symbols: o.barsBySymbol.map((b) => b.symbol),
    horizon: h,
    barMs,
    excludedWarmupRows: perSymbol.reduce((a, s) => a + s.excludedWarmupRows, 0),
    excludedUndefinedRows: perSymbol.reduce((a, s) => a + s.excludedUndefinedRows, 0),
    unlabeledRows: nUnl,
    perSymbol,
    unlabeled: { X: { rows: nUnl, cols, columns: uX }, time: uTime, symbolIndex: uSym, barIndex: uBar },
  };
}
