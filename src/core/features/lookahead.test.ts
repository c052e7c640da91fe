// No look-ahead, proven on the real sample: for random cut points t, features computed on
// bars[0..t] equal (bit for bit, NaN for NaN) those computed on the full series at every
// bar <= t; and rewriting every bar after t leaves bars <= t unchanged.
import { describe, expect, it } from 'vitest';
import { sliceBars, type Bars } from '../data/bars';
import { loadSampleBars } from '../test-utils/sample';
import { createRng } from '../util/rng';
import { computeFeatures, type FeatureFrame } from './compute';

function firstDifference(a: FeatureFrame, b: FeatureFrame, upTo: number): string | null {
  for (let j = 0; j < a.names.length; j++) {
    const x = a.columns[j];
    const y = b.columns[j];
    for (let t = 0; t <= upTo; t++) {
      if (!Object.is(x[t], y[t])) return `${a.names[j]}[${t}]: ${x[t]} vs ${y[t]}`;
    }
  }
  for (let t = 0; t <= upTo; t++) if (a.valid[t] !== b.valid[t]) return `valid[${t}]`;
  return null;
}

describe('features have no look-ahead (BTC/USDT)', () => {
  const bars = loadSampleBars('BTC/USDT');
  const n = bars.close.length;
  const rng = createRng(20240105);
  // a few early cuts (inside every warm-up) and random ones across the series
  const cuts = [0, 5, 30, 198, 199, 250, ...Array.from({ length: 6 }, () => 300 + rng.int(n - 301))];

  for (const warmup of ['strict', 'seed'] as const) {
    const full = computeFeatures(bars, { warmup });
    it(`${warmup}: truncating after t changes nothing at or before t`, () => {
      for (const t of cuts) {
        const part = computeFeatures(sliceBars(bars, 0, t + 1), { warmup });
        expect(part.rows).toBe(t + 1);
        expect(firstDifference(part, full, t), `cut ${t}`).toBeNull();
        expect(part.warmup).toBe(Math.min(full.warmup, t + 1));
      }
    });

    it(`${warmup}: rewriting the bars after t changes nothing at or before t`, () => {
      for (const t of cuts.slice(-3)) {
        const altered: Bars = sliceBars(bars, 0, n);
        for (let i = t + 1; i < n; i++) {
          altered.close[i] *= 1.7;
          altered.high[i] *= 2;
          altered.low[i] *= 0.5;
          altered.volume[i] = 0;
        }
        const other = computeFeatures(altered, { warmup });
        expect(firstDifference(other, full, t), `cut ${t}`).toBeNull();
        // and the change is visible right after t, so the test can fail
        expect(other.columns[0][t + 1]).not.toBe(full.columns[0][t + 1]);
      }
    });
  }
});
