import { describe, expect, it } from 'vitest';
import { applyBins, binMatrix, binOf, fitBinEdges, MISSING_BIN, thresholdOf } from './binning';
import { createRng } from '../../util/rng';

const matrix = (...cols: number[][]) => ({
  rows: cols[0].length,
  cols: cols.length,
  columns: cols.map((c) => Float64Array.from(c)),
});

describe('binning', () => {
  it('few distinct values: one bin per value, edges at the midpoints', () => {
    const { edges } = fitBinEdges(matrix([3, 1, 2, 2, 1, 3, 10]));
    expect(Array.from(edges[0])).toEqual([1.5, 2.5, 6.5]);
    const d = applyBins(matrix([1, 2, 3, 10, 1.5, 100, -5]), { edges });
    expect(Array.from(d.codes)).toEqual([0, 1, 2, 3, 0, 3, 0]);
    expect(d.nBins[0]).toBe(4);
  });

  it('many distinct values: at most 255 bins of roughly equal size', () => {
    const rng = createRng(3);
    const v = Array.from({ length: 20_000 }, () => rng.normal());
    const d = binMatrix(matrix(v));
    expect(d.edges[0].length).toBe(254);
    const counts = new Array(255).fill(0);
    for (const c of d.codes) counts[c]++;
    expect(Math.min(...counts)).toBeGreaterThan(20_000 / 255 - 10);
    expect(Math.max(...counts)).toBeLessThan(20_000 / 255 + 10);
  });

  it('code <= b is exactly x <= threshold(b) (raw-float prediction needs no rebinning)', () => {
    const rng = createRng(4);
    // heavy ties and tails
    const v = Array.from({ length: 5000 }, () => Math.round(rng.normal() ** 3 * 50) / 10);
    const d = binMatrix(matrix(v), { maxBins: 32 });
    expect(d.nBins[0]).toBeLessThanOrEqual(32);
    expect(d.nBins[0]).toBeGreaterThan(20);
    let mismatches = 0;
    for (let b = 0; b < d.nBins[0] - 1; b++) {
      const t = thresholdOf(d, 0, b);
      for (let i = 0; i < v.length; i++) if (d.codes[i] <= b !== v[i] <= t) mismatches++;
    }
    for (let i = 0; i < v.length; i++) if (d.codes[i] !== binOf(d.edges[0], v[i])) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('NaN goes to the missing bin, ordered after every value bin', () => {
    const d = binMatrix(matrix([1, NaN, 2, 3]));
    expect(d.codes[1]).toBe(MISSING_BIN);
    expect(d.hasMissing[0]).toBe(1);
    expect(thresholdOf(d, 0, d.nBins[0] - 1)).toBe(Infinity);
  });

  it('edges depend only on the rows they are fitted on', () => {
    const train = matrix([1, 2, 3, 4]);
    const a = fitBinEdges(train);
    const b = fitBinEdges(train);
    expect(a).toEqual(b);
    // unseen larger values land in the last bin instead of moving the edges
    const d = applyBins(matrix([100, -100]), a);
    expect(Array.from(d.codes)).toEqual([3, 0]);
  });

  it('binMatrix gives the edges and codes of fitBinEdges then applyBins', () => {
    const rng = createRng(5);
    const specials = [NaN, -0, 0, Infinity, -Infinity];
    const col = (n: number, draw: () => number) =>
      Array.from({ length: n }, () => (rng.next() < 0.1 ? specials[Math.floor(rng.next() * 5)] : draw()));
    const X = matrix(
      col(3000, () => rng.normal()),
      col(3000, () => Math.round(rng.normal() * 8)),
      col(3000, () => 1 + Math.floor(rng.next() * 1000) * 2 ** -52),
      new Array<number>(3000).fill(NaN),
    );
    for (const options of [{}, { maxBins: 16 }, { maxBins: 2 }]) {
      const fused = binMatrix(X, options);
      const apart = applyBins(X, fitBinEdges(X, options));
      expect(fused.edges).toEqual(apart.edges);
      expect(fused.codes).toEqual(apart.codes);
      expect(fused.nBins).toEqual(apart.nBins);
      expect(fused.hasMissing).toEqual(apart.hasMissing);
    }
  });

  it('a constant feature has one bin', () => {
    const d = binMatrix(matrix([5, 5, 5]));
    expect(d.nBins[0]).toBe(1);
    expect(Array.from(d.codes)).toEqual([0, 0, 0]);
  });
});
