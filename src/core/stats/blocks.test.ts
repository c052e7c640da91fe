// The block plan is the index stream in segments, and means from cumulative sums are the
// means of the resampled bars.
import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng';
import { resampledMeans, StationaryBlocks } from './blocks';
import { stationaryIndices } from './stationary';

describe('stationary bootstrap blocks', () => {
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
