// computeFeatures into reused FeatureBuffers: the same frame, bit for bit, as into fresh columns,
// over windows that shrink and grow (as the live engine's held bars do), for sets whose MACD and
// Bollinger groups are whole or partial; and the buffers really are reused.
import { describe, expect, it } from 'vitest';
import { sliceBars } from '../data/bars';
import { loadSampleBars } from '../test-utils/sample';
import { FeatureBuffers } from './buffers';
import { computeFeatures, type FeatureFrame } from './compute';
import type { FeatureSet } from './registry';

function expectSameFrame(a: FeatureFrame, b: FeatureFrame) {
  expect(a.names).toEqual(b.names);
  expect(a.rows).toBe(b.rows);
  for (let j = 0; j < a.names.length; j++) {
    expect(a.columns[j].length).toBe(b.columns[j].length);
    const x = a.columns[j];
    const y = b.columns[j];
    let diff = -1;
    for (let t = 0; t < x.length && diff < 0; t++) if (!Object.is(x[t], y[t])) diff = t;
    expect(diff, a.names[j]).toBe(-1);
  }
  expect(Array.from(a.valid)).toEqual(Array.from(b.valid));
  expect([a.warmup, a.validRows, a.excludedUndefinedRows]).toEqual([
    b.warmup,
    b.validRows,
    b.excludedUndefinedRows,
  ]);
}

const PARTIAL: FeatureSet = [
  { name: 'macd_hist', params: { fast: 5, slow: 35, signal: 5 } },
  { name: 'bb_width', params: { period: 10, k: 1.5 } },
  { name: 'ret', params: { period: 48 } },
  { name: 'rsi' },
];

describe('computeFeatures into reused buffers', () => {
  const bars = loadSampleBars('BTC/USDT');

  for (const warmup of ['strict', 'seed'] as const) {
    it(`${warmup}: equals the fresh frame over shrinking and growing windows`, () => {
      const out = new FeatureBuffers();
      for (const featureSet of [undefined, PARTIAL]) {
        for (const [a, b] of [
          [0, 5000],
          [100, 3000],
          [0, 0],
          [7, 9],
          [2000, 9000],
          [0, bars.close.length],
        ]) {
          const window = sliceBars(bars, a, b);
          const reused = computeFeatures(window, { featureSet, warmup, out });
          expectSameFrame(reused, computeFeatures(window, { featureSet, warmup }));
        }
      }
    });
  }

  it('writes over the buffers of the frame before', () => {
    const out = new FeatureBuffers();
    const first = computeFeatures(sliceBars(bars, 0, 4000), { out });
    const second = computeFeatures(sliceBars(bars, 1000, 5000), { out });
    for (let j = 0; j < first.columns.length; j++) expect(second.columns[j].buffer).toBe(first.columns[j].buffer);
    expect(second.valid.buffer).toBe(first.valid.buffer);
    // and a fresh computation owns its columns
    const fresh = computeFeatures(sliceBars(bars, 1000, 5000));
    expect(fresh.columns[0].buffer).not.toBe(second.columns[0].buffer);
  });
});
