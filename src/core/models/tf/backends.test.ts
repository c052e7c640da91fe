/**
 * Same seed on two TensorFlow.js backends gives the same model up to float32 rounding:
 * cpu (pure JS) vs wasm (XNNPACK kernels; Node can run it, webgl/webgpu need a browser and
 * are covered by the e2e suite). Stated tolerance: predicted probabilities agree within 1e-4
 * after a few epochs (rounding differences grow with training length, so this is per
 * short run, not a bit-for-bit claim; bit-for-bit holds on one backend).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../util/rng';
import type { Matrix } from '../types';
import { fitMlp } from './neural/fit';
import { fitSgd } from './sgd/fit';

function data(n: number, seed: number) {
  const rng = createRng(seed);
  const cols = [0, 1, 2].map(() => Float64Array.from({ length: n }, () => rng.normal()));
  const y = Float64Array.from({ length: n }, (_, i) =>
    cols[0][i] * cols[1][i] + 0.5 * cols[2][i] > 0 ? 1 : 0,
  );
  return { X: { rows: n, cols: 3, columns: cols } as Matrix, y };
}

afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('cpu vs wasm backend', () => {
  it('mlp and tf-engine sgdc agree within 1e-4', async () => {
    const { X, y } = data(400, 1);
    const run = async (backend: string) => {
      expect(await tf.setBackend(backend)).toBe(true);
      const mlp = await fitMlp({
        task: 'classification',
        X,
        y,
        options: { epochs: 3, hiddenUnits: [16], dropout: 0.1 },
      });
      const sgd = await fitSgd({ kind: 'sgdc', X, y, options: { batchSize: 32, maxEpochs: 3, tol: null } });
      const out = {
        mlp: mlp.model.predict(X).values,
        sgd: sgd.model.predict(X).values,
        backend: mlp.report.backend,
      };
      mlp.model.dispose();
      return out;
    };
    const a = await run('cpu');
    const b = await run('wasm');
    expect([a.backend, b.backend]).toEqual(['cpu', 'wasm']);
    let maxMlp = 0;
    let maxSgd = 0;
    for (let i = 0; i < a.mlp.length; i++) {
      maxMlp = Math.max(maxMlp, Math.abs(a.mlp[i] - b.mlp[i]));
      maxSgd = Math.max(maxSgd, Math.abs(a.sgd[i] - b.sgd[i]));
    }
    console.log(`cpu vs wasm: max |dp| mlp ${maxMlp.toExponential(2)}, sgdc ${maxSgd.toExponential(2)}`);
    expect(maxMlp).toBeLessThan(1e-4);
    expect(maxSgd).toBeLessThan(1e-4);
  });
});
