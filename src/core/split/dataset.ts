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

function emptyColumns(cols: number, rows: number): Float64Array[] {
  return Array.from({ length: cols }, () => new Float64Array(rows));
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

  // count first, then fill preallocated typed arrays
  let nRows = 0;
  let nUnl = 0;
  for (let k = 0; k < frames.length; k++) {
    const { valid, rows } = frames[k];
    const y = labels[k].y;
    for (let t = 0; t < rows; t++) {
      if (!valid[t]) continue;
      if (y[t] === y[t]) nRows++;
      else nUnl++;
    }
  }
  const X = emptyColumns(cols, nRows);
  const y = new Float64Array(nRows);
  const fwd = new Float64Array(nRows);
  const time = new Float64Array(nRows);
  const labelTime = new Float64Array(nRows);
  const symbolIndex = new Int32Array(nRows);
  const barIndex = new Int32Array(nRows);
  const uX = emptyColumns(cols, nUnl);
  const uTime = new Float64Array(nUnl);
  const uSym = new Int32Array(nUnl);
  const uBar = new Int32Array(nUnl);
  const perSymbol: SymbolSummary[] = [];
  let r = 0;
  let u = 0;
  for (let k = 0; k < frames.length; k++) {
    const bars = o.barsBySymbol[k];
    const f = frames[k];
    const lab = labels[k];
    const rowStart = r;
    const uStart = u;
    for (let t = 0; t < f.rows; t++) {
      if (!f.valid[t]) continue;
      if (lab.y[t] === lab.y[t]) {
        for (let j = 0; j < cols; j++) X[j][r] = f.columns[j][t];
        y[r] = lab.y[t];
        fwd[r] = lab.forwardReturn[t];
        time[r] = bars.time[t];
        labelTime[r] = bars.time[t + h];
        symbolIndex[r] = k;
        barIndex[r] = t;
        r++;
      } else {
        for (let j = 0; j < cols; j++) uX[j][u] = f.columns[j][t];
        uTime[u] = bars.time[t];
        uSym[u] = k;
        uBar[u] = t;
        u++;
      }
    }
    perSymbol.push({
      symbol: bars.symbol,
      bars: f.rows,
      warmup: f.warmup,
      excludedWarmupRows: f.excludedWarmupRows,
      excludedUndefinedRows: f.excludedUndefinedRows,
      rows: r - rowStart,
      rowStart,
      rowEnd: r,
      unlabeledRows: u - uStart,
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
