// The one-pass indicators equal the primitives they fuse, bit for bit (NaN for NaN): on the real
// sample and on series with NaNs, flat runs, zeros and negative values.
import { describe, expect, it } from 'vitest';
import { loadSampleBars } from '../test-utils/sample';
import { createRng } from '../util/rng';
import { bollinger } from './indicators';
import { rollingMean, rollingStd } from './primitives';

function bollingerOfPrimitives(close: Float64Array, period: number, k: number) {
  const m = rollingMean(close, period);
  const sd = rollingStd(close, period, 0);
  const twoK = 2 * k;
  const pctb = m.map((mi, i) => (close[i] - (mi - k * sd[i])) / (twoK * sd[i]));
  const width = sd.map((si, i) => (twoK * si) / m[i]);
  return { pctb, width };
}

function firstDifference(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function oddSeries(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    x[i] = u < 0.05 ? NaN : u < 0.15 ? (x[i - 1] ?? 1) : u < 0.2 ? 0 : u < 0.3 ? -u * 10 : 100 + u * 5;
  }
  for (let i = 200; i < 260; i++) x[i] = 100.1; // a long flat run after varied values
  return x;
}

describe('bollinger in one pass', () => {
  const close = loadSampleBars('BTC/USDT').close;
  const cases: [string, Float64Array][] = [
    ['BTC/USDT close', close],
    ['NaNs, flat runs, zeros, negatives', oddSeries(3000, 7)],
    ['short', close.subarray(0, 5)],
    ['empty', new Float64Array(0)],
  ];
  for (const [name, x] of cases)
    for (const [period, k] of [
      [20, 2],
      [1, 1],
      [3, 1.5],
    ])
      it(`${name}, period ${period}, k ${k}`, () => {
        const fused = bollinger(x, period, k);
        const ref = bollingerOfPrimitives(x, period, k);
        expect(firstDifference(fused.pctb, ref.pctb)).toBe(-1);
        expect(firstDifference(fused.width, ref.width)).toBe(-1);
      });
});
