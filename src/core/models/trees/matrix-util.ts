/** Small Matrix helpers used by the tree learners (row ranges as views, no copies). */
import type { Labels, Matrix } from '../types';
import { DataError, InternalError } from '../../errors';

export function sliceRows(X: Matrix, start: number, end: number): Matrix {
  return { rows: end - start, cols: X.cols, columns: X.columns.map((c) => c.subarray(start, end)) };
}

export function checkXy(X: Matrix, y: Labels): void {
  if (X.columns.length !== X.cols)
    throw new InternalError(`matrix declares ${X.cols} columns, has ${X.columns.length}`);
  for (const c of X.columns)
    if (c.length < X.rows) throw new InternalError('a matrix column is shorter than rows');
  if (y.length !== X.rows) throw new InternalError(`${y.length} labels for ${X.rows} rows`);
  if (X.rows === 0)
    throw new DataError('too-few-rows', 'no training rows: choose a longer train_window or load more data');
}
