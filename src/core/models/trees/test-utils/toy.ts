/**
 * Test-only synthetic toy problems for the tree tests (separable classes, a step function).
 * Real-data checks live in quality.test.ts and trees.bench.test.ts.
 */
import { createRng } from '../../../util/rng';
import type { Matrix } from '../../types';

export function matrixFromRows(rows: number[][]): Matrix {
  const cols = rows[0].length;
  return {
    rows: rows.length,
    cols,
    columns: Array.from({ length: cols }, (_, j) => Float64Array.from(rows, (r) => r[j])),
  };
}

/** n rows, `cols` standard-normal features; class = which of `classes` sectors x0 falls in, plus noise features. */
export function separableToy(
  n: number,
  cols: number,
  classes: number,
  seed = 1,
): { X: Matrix; y: Float64Array } {
  const rng = createRng(seed);
  const columns = Array.from({ length: cols }, () => Float64Array.from({ length: n }, () => rng.normal()));
  // class from an interaction of two features, so a single split cannot do it
  const y = Float64Array.from({ length: n }, (_, i) => {
    const s = columns[0][i] + (cols > 1 ? 0.5 * columns[1][i] : 0);
    if (classes === 2) return s > 0 !== columns[cols > 2 ? 2 : 0][i] > 0.5 ? 1 : 0;
    return s < -0.5 ? 0 : s < 0.5 ? 1 : 2;
  });
  return { X: { rows: n, cols, columns }, y };
}

/**
 * x uniform on the grid 0, 0.1, ..., 9.9 (100 values, so every value has its own bin), y = step(x)
 * with steps at 3 and 7 (levels -1, 2, 0.5); the second feature is noise.
 */
export function stepToy(n: number, seed = 2): { X: Matrix; y: Float64Array; step: (x: number) => number } {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n }, () => rng.int(100) / 10);
  const noise = Float64Array.from({ length: n }, () => rng.normal());
  const step = (v: number) => (v < 3 ? -1 : v < 7 ? 2 : 0.5);
  return { X: { rows: n, cols: 2, columns: [x, noise] }, y: Float64Array.from(x, step), step };
}

export function argmax(values: Float64Array, k: number, i: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (values[i * k + c] > values[i * k + best]) best = c;
  return best;
}

export function trainingAccuracy(values: Float64Array, k: number, y: Float64Array): number {
  let hit = 0;
  for (let i = 0; i < y.length; i++) if (argmax(values, k, i) === y[i]) hit++;
  return hit / y.length;
}

export function concatBytes(payload: Record<string, Uint8Array>): string {
  return Object.keys(payload)
    .sort()
    .map((k) => `${k}:${Buffer.from(payload[k]).toString('base64')}`)
    .join('|');
}
