// Speed of the bootstrap and of SPA at the sizes the Compare view meets (prints the timings;
// the bounds are generous because the development machine is shared).
import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng';
import { pairedBootstrap } from './paired-bootstrap';
import { spaTest } from './spa';

/** wall and CPU milliseconds of f (CPU time tells more than wall time on a loaded machine) */
function timed<T>(f: () => T): { out: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { out, wall, cpu: (c.user + c.system) / 1000 };
}

const series = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => 0.01 * rng.normal());
};

describe('speed', () => {
  it('2,000-resample paired bootstrap of two 20,000-bar series', () => {
    const a = series(20_000, 1);
    const b = series(20_000, 2);
    const {
      out: r,
      wall,
      cpu,
    } = timed(() => pairedBootstrap(a, b, { barsPerYear: 8760, resamples: 2000, seed: 3, blockLength: 10 }));
    console.log(`paired bootstrap 2,000 x 20,000 bars: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`);
    expect(r.stats.sharpe_diff.se).toBeGreaterThan(0);
    expect(wall).toBeLessThan(10_000);
  });

  it('SPA over 20 runs x 20,000 bars x 1,000 resamples', () => {
    const runs = Array.from({ length: 20 }, (_, k) => series(20_000, 10 + k));
    const bench = series(20_000, 99);
    const {
      out: r,
      wall,
      cpu,
    } = timed(() => spaTest(runs, bench, { resamples: 1000, seed: 1, blockLength: 10 }));
    console.log(
      `SPA 20 runs x 20,000 bars x 1,000 resamples: ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU`,
    );
    expect(r.p_consistent).toBeGreaterThan(0);
    expect(wall).toBeLessThan(20_000);
  });
});
