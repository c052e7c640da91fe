/** buildSequences / packSequences: sequences never cross a group boundary or a time gap. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../util/rng';
import type { Matrix } from '../../types';
import { buildSequences, packSequences } from './sequences';

const H = 3_600_000;

function mat(n: number, d = 2): Matrix {
  return {
    rows: n,
    cols: d,
    columns: Array.from({ length: d }, (_, j) => Float64Array.from({ length: n }, (_, i) => i * 10 + j)),
  };
}

describe('buildSequences', () => {
  it('handles a hand-made case: two symbols and a gap', () => {
    // rows 0-4 symbol A (gap between rows 2 and 3), rows 5-9 symbol B
    const time = [0, 1, 2, 4, 5, 0, 1, 2, 3, 4].map((h) => h * H);
    const groups = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const s = buildSequences({ X: mat(10), length: 3, groups, time, barMs: H });
    expect(Array.from(s.ends)).toEqual([2, 7, 8, 9]);
    expect(Array.from(s.runStart)).toEqual([0, 0, 0, 3, 3, 5, 5, 5, 5, 5]);
  });

  it('without groups or time, every row from length-1 on ends a sequence', () => {
    expect(Array.from(buildSequences({ X: mat(5), length: 2 }).ends)).toEqual([1, 2, 3, 4]);
    expect(Array.from(buildSequences({ X: mat(5), length: 1 }).ends)).toEqual([0, 1, 2, 3, 4]);
  });

  it('infers barMs from the smallest step', () => {
    const time = [0, 1, 2, 3, 5, 6].map((h) => h * H);
    expect(Array.from(buildSequences({ X: mat(6), length: 2, time }).ends)).toEqual([1, 2, 3, 5]);
  });

  it('on random groups and gaps: every sequence is unbroken, and every unbroken window is a sequence', () => {
    const rng = createRng(42);
    const n = 3000;
    const L = 6;
    const groups = new Int32Array(n);
    const time = new Float64Array(n);
    for (let i = 1; i < n; i++) {
      const newGroup = rng.next() < 0.01;
      groups[i] = groups[i - 1] + (newGroup ? 1 : 0);
      time[i] = newGroup ? 0 : time[i - 1] + (rng.next() < 0.03 ? 2 + rng.int(5) : 1) * H;
    }
    const { ends } = buildSequences({ X: mat(n), length: L, groups, time, barMs: H });
    const unbroken = (i: number) => {
      if (i - L + 1 < 0) return false;
      for (let k = i - L + 2; k <= i; k++)
        if (groups[k] !== groups[k - 1] || time[k] - time[k - 1] !== H) return false;
      return true;
    };
    const set = new Set(ends);
    let count = 0;
    for (let i = 0; i < n; i++) {
      expect(set.has(i)).toBe(unbroken(i));
      if (unbroken(i)) count++;
    }
    expect(count).toBeGreaterThan(n / 2);
    expect(count).toBeLessThan(n - L);
  });

  it('packs [sequence, step, feature] row-major from column-major rows', () => {
    const X = mat(5, 2);
    const out = packSequences(X, Int32Array.from([2, 4]), 3);
    // sequence ending at 2: rows 0,1,2; at 4: rows 2,3,4; value = row*10 + feature
    expect(Array.from(out)).toEqual([0, 1, 10, 11, 20, 21, 20, 21, 30, 31, 40, 41]);
    expect(() => packSequences(X, Int32Array.from([1]), 3)).toThrow();
  });
});
