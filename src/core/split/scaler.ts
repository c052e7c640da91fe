/**
 * StandardScaler: per-column mean and population standard deviation (ddof = 0, as
 * scikit-learn's StandardScaler), fitted on the training rows only. A column with zero
 * (or non-finite) spread gets scale 1, as scikit-learn does, so it is only centred.
 * Plain numbers in and out so that metrics.json can hold it.
 */
import type { Matrix } from '../models/types';
import { DataError, InternalError } from '../errors';

export interface Scaler {
  /** feature names, when given to fitScaler (for metrics.json) */
  names?: string[];
  mean: number[];
  /** the divisor: the standard deviation, or 1 for constant columns */
  scale: number[];
  /** the standard deviation as measured (0 for constant columns) */
  std: number[];
  /** training rows it was fitted on */
  rows: number;
}

/** Fit on `rowIdx` (default: every row). Two-pass mean / variance with sklearn's correction term. */
export function fitScaler(X: Matrix, rowIdx?: ArrayLike<number>, names?: string[]): Scaler {
  const n = rowIdx ? rowIdx.length : X.rows;
  if (n === 0)
    throw new DataError(
      'too-few-rows',
      'cannot fit a scaler on zero rows: the training window holds no usable rows; choose a longer train_window',
    );
  const mean: number[] = [];
  const std: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < X.cols; j++) {
    const col = X.columns[j];
    // the same sums in the same order with or without rowIdx (every row: no index array)
    let s = 0;
    if (rowIdx) for (let k = 0; k < n; k++) s += col[rowIdx[k]];
    else for (let k = 0; k < n; k++) s += col[k];
    const m = s / n;
    let ss = 0;
    let corr = 0;
    if (rowIdx)
      for (let k = 0; k < n; k++) {
        const d = col[rowIdx[k]] - m;
        ss += d * d;
        corr += d;
      }
    else
      for (let k = 0; k < n; k++) {
        const d = col[k] - m;
        ss += d * d;
        corr += d;
      }
    const variance = Math.max(0, (ss - (corr * corr) / n) / n);
    const sd = Math.sqrt(variance);
    mean.push(m);
    std.push(sd);
    // scikit-learn's _is_constant_feature: variance within float error of zero
    const bound = n * Number.EPSILON * variance + (n * m * Number.EPSILON) ** 2;
    const tiny = variance <= bound || !Number.isFinite(sd);
    scale.push(tiny ? 1 : sd);
  }
  return { ...(names ? { names: [...names] } : {}), mean, scale, std, rows: n };
}

/**
 * (x - mean) / scale for every column; rows `rowIdx` only (in that order) when given. `into`:
 * write column j into `into[j]` (at least `rows` long; the result's columns are its first `rows`
 * entries) instead of fresh arrays, for callers that reuse buffers from one call to the next.
 */
export function transform(
  X: Matrix,
  scaler: Scaler,
  rowIdx?: ArrayLike<number>,
  into?: Float64Array[],
): Matrix {
  if (X.cols !== scaler.mean.length)
    throw new InternalError(`scaler has ${scaler.mean.length} columns, matrix ${X.cols}`);
  const rows = rowIdx ? rowIdx.length : X.rows;
  if (into && (into.length < X.cols || into.some((c) => c.length < rows)))
    throw new InternalError(`transform: output buffers too small for ${rows} x ${X.cols}`);
  const columns: Float64Array[] = [];
  for (let j = 0; j < X.cols; j++) {
    const src = X.columns[j];
    const out = into
      ? into[j].length === rows
        ? into[j]
        : into[j].subarray(0, rows)
      : new Float64Array(rows);
    const m = scaler.mean[j];
    const s = scaler.scale[j];
    if (rowIdx) for (let k = 0; k < rows; k++) out[k] = (src[rowIdx[k]] - m) / s;
    else for (let k = 0; k < rows; k++) out[k] = (src[k] - m) / s;
    columns.push(out);
  }
  return { rows, cols: X.cols, columns };
}

/** The JSON form (as saved in metrics.json). */
export function scalerToJSON(s: Scaler): Scaler {
  return JSON.parse(JSON.stringify(s)) as Scaler;
}

/** Read a scaler back from its JSON form, checking its shape. */
export function scalerFromJSON(v: unknown): Scaler {
  const o = v as Partial<Scaler> | null;
  const okArr = (a: unknown): a is number[] => Array.isArray(a) && a.every((x) => typeof x === 'number');
  if (!o || !okArr(o.mean) || !okArr(o.scale) || !okArr(o.std) || typeof o.rows !== 'number') {
    throw new DataError('bad-model', 'not a scaler: expected {mean, scale, std, rows}');
  }
  if (o.mean.length !== o.scale.length || o.mean.length !== o.std.length)
    throw new DataError('bad-model', 'scaler arrays differ in length');
  return {
    ...(o.names ? { names: [...o.names] } : {}),
    mean: [...o.mean],
    scale: [...o.scale],
    std: [...o.std],
    rows: o.rows,
  };
}
