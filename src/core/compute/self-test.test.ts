import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { checkedComputation, runBackendSelfTest } from './self-test';

describe('backend self-test computation', () => {
  it('computes the matmul exactly like a plain float64 reference (within float32 tolerance) and leaks nothing', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const out = await checkedComputation();
    expect(tf.memory().numTensors).toBe(before);
    expect(out.length).toBe(64 * 32 + 32 * 4);
    // independent reference for the matmul part
    const f = (i: number, salt: number) => Math.fround(Math.sin(i * 0.37 + salt) * 0.5);
    let maxDiff = 0;
    for (let r = 0; r < 64; r++)
      for (let c = 0; c < 32; c++) {
        let s = 0;
        for (let k = 0; k < 48; k++) s += f(r * 48 + k, 1) * f(k * 32 + c, 2);
        maxDiff = Math.max(maxDiff, Math.abs(s - out[r * 32 + c]));
      }
    expect(maxDiff).toBeLessThan(1e-4);
  });

  it('reports ok on the cpu backend and a failing comparison would be caught', async () => {
    await tf.setBackend('cpu');
    const res = await runBackendSelfTest({
      backend: 'cpu',
      activate: async (b) => void (await tf.setBackend(b)),
    });
    expect(res.ok).toBe(true);
    expect(res.maxAbsDiff).toBe(0);
    expect(Number.isFinite(res.checksum)).toBe(true);
  });
});
