/**
 * Packing helpers between the column-major `Matrix` of the model contract and the
 * row-major Float32Array layout TensorFlow.js (and the per-row SGD code) works in.
 */
import type { Labels, Matrix } from '../types';
import { InternalError } from '../../errors';

/** Rows [start, end) of a column-major matrix as one row-major Float32Array (rows x cols). */
export function packRows(X: Matrix, start = 0, end = X.rows): Float32Array {
  const n = end - start;
  const d = X.cols;
  const out = new Float32Array(n * d);
  for (let j = 0; j < d; j++) {
    const col = X.columns[j];
    for (let i = 0; i < n; i++) out[i * d + j] = col[start + i];
  }
  return out;
}

/** Chosen rows (by index) of a column-major matrix, row-major. */
export function packRowIndices(X: Matrix, rows: ArrayLike<number>): Float32Array {
  const d = X.cols;
  const out = new Float32Array(rows.length * d);
  for (let j = 0; j < d; j++) {
    const col = X.columns[j];
    for (let i = 0; i < rows.length; i++) out[i * d + j] = col[rows[i]];
  }
  return out;
}

/** One-hot float32 targets (rows x nClasses) from class indices. */
export function oneHot(y: Labels, nClasses: number): Float32Array {
  const out = new Float32Array(y.length * nClasses);
  for (let i = 0; i < y.length; i++) out[i * nClasses + y[i]] = 1;
  return out;
}

/** Throws unless labels are class indices 0..nClasses-1 (classification) or finite (regression). */
export function checkLabels(y: Labels, rows: number, nClasses: number | null): void {
  if (y.length !== rows) throw new InternalError(`labels: ${y.length} values for ${rows} rows`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (nClasses === null) {
      if (!Number.isFinite(v)) throw new InternalError(`labels: row ${i} is not finite (${v})`);
    } else if (!Number.isInteger(v) || v < 0 || v >= nClasses) {
      throw new InternalError(`labels: row ${i} is ${v}, expected a class index in 0..${nClasses - 1}`);
    }
  }
}

/** Throws on a matrix whose columns disagree with its declared shape or hold non-finite values. */
export function checkMatrix(X: Matrix, cols?: number): void {
  if (cols !== undefined && X.cols !== cols)
    throw new InternalError(`matrix has ${X.cols} features, model expects ${cols}`);
  if (X.columns.length !== X.cols)
    throw new InternalError(`matrix declares ${X.cols} columns but has ${X.columns.length}`);
  for (let j = 0; j < X.cols; j++) {
    const c = X.columns[j];
    if (c.length < X.rows)
      throw new InternalError(`matrix column ${j} has ${c.length} values for ${X.rows} rows`);
    for (let i = 0; i < X.rows; i++) {
      if (!Number.isFinite(c[i]))
        throw new InternalError(`matrix: non-finite value at row ${i}, column ${j}`);
    }
  }
}

/** Infers the class count from labels (max + 1, at least 2). */
export function inferClasses(y: Labels): number {
  let m = 1;
  for (let i = 0; i < y.length; i++) if (y[i] > m) m = y[i];
  return m + 1;
}
