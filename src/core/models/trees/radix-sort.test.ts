import { describe, expect, it } from 'vitest';
import { ColumnSorter } from './radix-sort';
import { createRng } from '../../util/rng';

/** The reference: Float64Array.prototype.sort of the non-NaN values, rows by a stable index sort. */
function reference(col: Float64Array): { values: Float64Array; order: number[] } {
  const rows = Array.from(col.keys()).filter((i) => col[i] === col[i]);
  const values = Float64Array.from(rows.map((i) => col[i])).sort();
  // the typed-array sort puts -0 before +0; equal values stay in row order
  const negZero = (v: number) => (Object.is(v, -0) ? 0 : 1);
  rows.sort((a, b) => {
    const x = col[a];
    const y = col[b];
    if (x !== y) return x < y ? -1 : 1;
    return negZero(x) - negZero(y) || a - b;
  });
  return { values, order: rows };
}

function check(col: Float64Array, sorter = new ColumnSorter(col.length)): void {
  const m = sorter.sort(col, col.length);
  const ref = reference(col);
  expect(m).toBe(ref.values.length);
  const got = Array.from(sorter.values.subarray(0, m));
  // toEqual tells -0 from +0 and compares bit for bit otherwise
  expect(got).toEqual(Array.from(ref.values));
  expect(Array.from(sorter.order.subarray(0, m))).toEqual(ref.order);
}

describe('ColumnSorter', () => {
  it('sorts like Float64Array.prototype.sort and keeps equal values in row order', () => {
    const rng = createRng(11);
    const specials = [NaN, -0, 0, Infinity, -Infinity, 5e-324, -5e-324, 1.5, -1.5];
    const col = Float64Array.from({ length: 3000 }, () => {
      const u = rng.next();
      if (u < 0.2) return specials[Math.floor(rng.next() * specials.length)];
      if (u < 0.5) return Math.round(rng.normal() * 20) / 4;
      return rng.normal() * 10 ** Math.floor(rng.next() * 40 - 20);
    });
    check(col);
  });

  it('orders long runs that share their top 32 bits (values a few ulps apart), of either sign', () => {
    const rng = createRng(12);
    for (const sign of [1, -1]) {
      // 20 rows: the insertion sort; 500: the library sort
      for (const n of [20, 500]) {
        const col = Float64Array.from(
          { length: n },
          () => sign * (1 + Math.floor(rng.next() * 300) * 2 ** -52),
        );
        check(col);
      }
    }
  });

  it('reuses its buffers across columns of different lengths, all-NaN and constant ones', () => {
    const sorter = new ColumnSorter(100);
    check(
      Float64Array.from({ length: 100 }, (_, i) => (i * 37) % 101),
      sorter,
    );
    check(new Float64Array(40).fill(NaN), sorter);
    check(new Float64Array(100).fill(3), sorter);
    check(Float64Array.of(2, 1), sorter);
  });
});
