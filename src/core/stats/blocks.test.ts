// The block plan is the index stream in segments, and means from cumulative sums are the
// means of the resampled bars.
import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng';
import { GeometricLengths, resampledMeans, StationaryBlocks } from './blocks';
import { geometricLength, stationaryIndices } from './stationary';

describe('stationary bootstrap blocks', () => {
  it.each([1, 1.5, 2, 3.7, 10, 57, 400])('block lengths by table are the formula, block length %s', (b) => {
    const table = new GeometricLengths(b);
    const logq = Math.log1p(-1 / b);
    const rng = createRng(b * 1000);
    const ks: number[] = [];
    for (let i = 0; i < 100_000; i++) ks.push(Math.floor(rng.next() * 2 ** 32));
    // the grid points around each length's boundary 1 - (1 - 1/b)^L
    for (let L = 1; L < 20 * b && L < 5000; L++) {
      const k = Math.floor((1 - Math.exp(L * logq)) * 2 ** 32);
      for (let d = -3; d <= 3; d++) if (k + d >= 0 && k + d < 2 ** 32) ks.push(k + d);
    }
    ks.push(0, 2 ** 32 - 1);
    const bad = ks.filter((k) => table.of(k / 2 ** 32) !== geometricLength(k / 2 ** 32, logq));
    expect(bad).toEqual([]);
  });

  it.each([1, 2.5, 10, 400])('segments of block length %s are the same bars as stationaryIndices', (b) => {
    const n = 997;
    const blocks = new StationaryBlocks(n, b, 11);
    const stream = stationaryIndices(n, b, 11);
    const idx = new Int32Array(n);
    for (let r = 0; r < 20; r++) {
      stream.next(idx);
      const c = blocks.next();
      const got: number[] = [];
      let ordered = true;
      for (let s = 0; s < c; s++) {
        if (!(blocks.ends[s] > blocks.starts[s] && blocks.ends[s] <= n)) ordered = false;
        for (let k = blocks.starts[s]; k < blocks.ends[s]; k++) got.push(k);
      }
      expect(ordered).toBe(true);
      expect(got.join()).toBe(idx.join());
    }
  });

  it('resampled means equal the means of the resampled bars', () => {
    const rng = createRng(5);
    const n = 500;
    const xs = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => 0.01 * rng.normal() + 0.001));
    const B = 50;
    const m = resampledMeans(xs, { resamples: B, blockLength: 7, seed: 9 });
    const stream = stationaryIndices(n, 7, 9);
    const idx = new Int32Array(n);
    let worst = 0;
    for (let r = 0; r < B; r++) {
      stream.next(idx);
      xs.forEach((x, k) => {
        let s = 0;
        for (const i of idx) s += x[i];
        worst = Math.max(worst, Math.abs(m[r * 3 + k] - s / n));
      });
    }
    expect(worst).toBeLessThan(1e-15);
  });
});
