/** Small Matrix helpers used by the tree learners (row ranges as views, no copies). */
import type { Labels, Matrix } from '../types';

export function sliceRows(X: Matrix, start: number, end: number): Matrix {
  return { rows: end - start, cols: X.cols, columns: X.columns.map((c) => c.subarray(start, end)) };
}

export function checkXy(X: Matrix, y: Labels): void {
  if (X.columns.length !== X.cols)
    throw new Error(`matrix declares ${X.cols} columns, has ${X.columns.length}`);
  for (const c of X.columns) if (c.length < X.rows) throw new Error('a matrix column is shorter than rows');
  if (y.length !== X.rows) throw new Error(`${y.length} labels for ${X.rows} rows`);
  if (X.rows === 0) throw new Error('no training rows');
}
