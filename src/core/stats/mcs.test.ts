// The model confidence set against fixtures/mcs_reference.py (numpy, its own random stream:
// Monte-Carlo tolerance) and against a direct computation written here from the resampled bars
// (the same seed: equal up to rounding).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelConfidenceSet } from './mcs';
import { stationaryIndices } from './stationary';

const ref = JSON.parse(readFileSync(new URL('./fixtures/reference.json', import.meta.url), 'utf8')) as {
  spa_strategies: number[][];
};
const mcsRef = JSON.parse(
  readFileSync(new URL('./fixtures/mcs_reference.json', import.meta.url), 'utf8'),
) as {
  block_length: number;
  size: number;
  eliminated: number[];
  p_values: number[];
  worse_offsets: number[];
};
const round8 = (v: number) => Math.round(v * 1e8) / 1e8;
const returns = [
  ...ref.spa_strategies,
  ...mcsRef.worse_offsets.map((o) => ref.spa_strategies[0].map((v) => round8(v - o))),
];
const losses = returns.map((r) => Float64Array.from(r, (v) => -v));

/** T_max MCS straight from its definition: resampled bars, then each step recomputed in full. */
function direct(L: Float64Array[], blockLength: number, B: number, seed: number) {
  const K = L.length;
  const n = L[0].length;
  const avg = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const mean = L.map((l) => avg(Array.from(l)));
  const stream = stationaryIndices(n, blockLength, seed);
  const idx = new Int32Array(n);
  const star: number[][] = [];
  for (let r = 0; r < B; r++) {
    stream.next(idx);
    star.push(L.map((l, k) => avg(Array.from(idx, (i) => l[i])) - mean[k]));
  }
  let alive = L.map((_, k) => k);
  const p = new Array<number>(K).fill(1);
  const order: number[] = [];
  let running = 0;
  while (alive.length > 1) {
    const dev = star.map((row) => {
      const c = avg(alive.map((k) => row[k]));
      return alive.map((k) => row[k] - c);
    });
    const sd = alive.map((_, i) => Math.sqrt(avg(dev.map((d) => d[i] ** 2))));
    const m = avg(alive.map((k) => mean[k]));
    const t = alive.map((k, i) => (mean[k] - m) / sd[i]);
    const tmax = Math.max(...t);
    const pv = avg(dev.map((d) => (Math.max(...d.map((x, i) => x / sd[i])) >= tmax ? 1 : 0)));
    const worst = alive[t.indexOf(tmax)];
    running = Math.max(running, pv);
    p[worst] = running;
    order.push(worst);
    alive = alive.filter((k) => k !== worst);
  }
  return { p, order };
}

describe('model confidence set (T_max)', () => {
  it('matches the numpy reference within Monte-Carlo tolerance', () => {
    const r = modelConfidenceSet(losses, { resamples: 2000, seed: 4 });
    expect(r.block_length).toBe(mcsRef.block_length);
    expect(r.eliminated.slice(0, 2)).toEqual(mcsRef.eliminated.slice(0, 2));
    r.p_values.forEach((p, k) => expect(Math.abs(p - mcsRef.p_values[k])).toBeLessThan(0.04));
    const want = mcsRef.p_values.flatMap((p, k) => (p >= mcsRef.size ? [k] : []));
    expect(r.included).toEqual(want);
    expect(r.included).not.toContain(returns.length - 1); // the run made worst is out
  });

  it('equals the direct computation on the same resamples', () => {
    const r = modelConfidenceSet(losses, { resamples: 300, seed: 9, blockLength: 5 });
    const d = direct(losses, 5, 300, 9);
    expect(r.eliminated).toEqual(d.order);
    r.p_values.forEach((p, k) => expect(p).toBeCloseTo(d.p[k], 12));
  });

  it('p-values never fall along the elimination order, and the last run left has 1', () => {
    const r = modelConfidenceSet(losses, { resamples: 500, seed: 1 });
    const seq = r.eliminated.map((k) => r.p_values[k]);
    seq.forEach((p, i) => i && expect(p).toBeGreaterThanOrEqual(seq[i - 1]));
    const last = losses.map((_, k) => k).find((k) => !r.eliminated.includes(k))!;
    expect(r.p_values[last]).toBe(1);
  });
});
