import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { loadSampleBars } from '../test-utils/sample';
import { crossBackendCheck } from './cross-backend';

describe('cross-backend check', () => {
  it('the same seeded MLP and transformer on cpu twice agree exactly (the check itself can pass)', async () => {
    const r = await crossBackendCheck({
      bars: loadSampleBars('BTC/USDT'),
      backends: ['cpu', 'cpu'],
      activate: async (b) => void (await tf.setBackend(b)),
      rows: 600,
    });
    expect(r.maxAbsDiff).toBe(0);
    expect(r.ok).toBe(true);
    // the seeded transformer too, on every row with a full window
    expect(r.models.transformer.rows).toBe(500 - 7);
    expect(r.models.transformer.maxAbsDiff).toBe(0);
  });
});
