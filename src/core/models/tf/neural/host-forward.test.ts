/**
 * The host forward pass (used for predictions on webgpu, see host-forward.ts) against
 * tfjs' own predict on the cpu backend, for an mlp (relu, sigmoid head), a softmax head
 * and a stacked lstm (tanh / hardSigmoid gates), with trained (non-initial) weights.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fitLstm, fitMlp } from '../index';
import type { Matrix } from '../../types';
import { packRows } from '../matrix';
import { packSequences } from './sequences';
import { hostPredict, readHostLayers } from './host-forward';

function data(rows: number, cols: number): { X: Matrix; y: Float64Array } {
  const columns = Array.from({ length: cols }, (_, j) =>
    Float64Array.from({ length: rows }, (_, i) => Math.sin(i * 0.7 + j * 1.3) + 0.1 * Math.cos(i * j)),
  );
  const y = Float64Array.from({ length: rows }, (_, i) => (columns[0][i] + columns[1][i] > 0 ? 1 : 0));
  return { X: { rows, cols, columns }, y };
}

async function maxDiff(a: Float32Array, b: tf.Tensor): Promise<number> {
  const ref = await b.data();
  b.dispose();
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - ref[i]));
  expect(a.length).toBe(ref.length);
  return m;
}

describe('host forward pass', () => {
  it('matches tfjs predict for an mlp (binary and 3 classes)', async () => {
    await tf.setBackend('cpu');
    const { X, y } = data(300, 5);
    for (const [nClasses, yy] of [
      [2, y],
      [3, Float64Array.from(y, (v, i) => (i % 5 === 0 ? 2 : v))],
    ] as const) {
      const { model } = await fitMlp({
        task: 'classification',
        X,
        y: yy,
        nClasses,
        options: { epochs: 3, hiddenUnits: [8, 4], activation: 'elu', dropout: 0.2, seed: 1 },
      });
      const host = await readHostLayers(model.layersModel);
      const rows = packRows(X);
      const got = hostPredict(host, X.rows, (s) => [Float64Array.from(rows.subarray(s * 5, s * 5 + 5))]);
      const ref = model.layersModel.predict(tf.tensor2d(rows, [X.rows, 5])) as tf.Tensor;
      expect(await maxDiff(got, ref)).toBeLessThan(1e-5);
      model.dispose();
    }
  });

  it('matches tfjs predict for a stacked lstm', async () => {
    await tf.setBackend('cpu');
    const { X, y } = data(200, 3);
    const L = 6;
    const { model } = await fitLstm({
      task: 'classification',
      X,
      y,
      nClasses: 2,
      options: { epochs: 2, sequenceLength: L, lstmUnits: [6, 4], denseUnits: [3], dropout: 0, seed: 2 },
    });
    const ends = Int32Array.from({ length: X.rows - L + 1 }, (_, i) => i + L - 1);
    const seqs = packSequences(X, ends, L);
    const host = await readHostLayers(model.layersModel);
    const got = hostPredict(host, ends.length, (s) =>
      Array.from({ length: L }, (_, t) =>
        Float64Array.from(seqs.subarray((s * L + t) * 3, (s * L + t + 1) * 3)),
      ),
    );
    const ref = model.layersModel.predict(tf.tensor3d(seqs, [ends.length, L, 3])) as tf.Tensor;
    expect(await maxDiff(got, ref)).toBeLessThan(1e-5);
    model.dispose();
  });
});
