/** Row selection on column-major matrices and label vectors (copies, in the given order). */
import type { Matrix } from '../models/types';

/** The rows `idx` of X, in that order. */
export function takeRows(X: Matrix, idx: ArrayLike<number>): Matrix {
  const rows = idx.length;
  const columns = X.columns.map((src) => {
    const out = new Float64Array(rows);
    for (let k = 0; k < rows; k++) out[k] = src[idx[k]];
    return out;
  });
  return { rows, cols: X.cols, columns };
}

/** The entries `idx` of a vector, in that order. */
export function takeValues<T extends Float64Array | Int32Array>(v: T, idx: ArrayLike<number>): T {
  const out = new (v.constructor as new (n: number) => T)(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = v[idx[k]];
  return out;
}
