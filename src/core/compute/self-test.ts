/**
 * A real, checked computation for the active TensorFlow.js backend: a 64x48 by 48x32
 * matrix product, then 5 plain-SGD steps of a dense layer fitted to it. The result on
 * the active backend is compared element-wise with the same computation on the cpu
 * backend. Used by the worker at start-up and by the smoke test to prove that WebGPU
 * really computes (not merely that it is named).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendSelfTest } from './backend-types';

const DESCRIPTION = '64x48 @ 48x32 matmul, then 5 SGD steps of a 32->4 dense layer';
/** float32 on GPUs accumulates differently from the cpu backend; 1e-3 is ample for these magnitudes */
export const SELF_TEST_TOLERANCE = 1e-3;

function fill(rows: number, cols: number, salt: number): tf.Tensor2D {
  const v = new Float32Array(rows * cols);
  for (let i = 0; i < v.length; i++) v[i] = Math.sin(i * 0.37 + salt) * 0.5;
  return tf.tensor2d(v, [rows, cols]);
}

/** Runs the computation on whatever backend is active; every tensor is disposed. */
export async function checkedComputation(): Promise<Float32Array> {
  const a = fill(64, 48, 1);
  const b = fill(48, 32, 2);
  const x = tf.matMul(a, b);
  const target = fill(64, 4, 3);
  const w0 = fill(32, 4, 4);
  const w = tf.variable(w0);
  w0.dispose();
  const optimizer = tf.train.sgd(0.01);
  for (let step = 0; step < 5; step++) {
    const cost = optimizer.minimize(() => tf.losses.meanSquaredError(target, tf.matMul(x, w)), true);
    cost?.dispose();
  }
  const out = tf.tidy(() => tf.concat([x.flatten(), w.flatten()]));
  const data = (await out.data()) as Float32Array;
  tf.dispose([a, b, x, target, w, out]);
  optimizer.dispose();
  return data;
}

/**
 * Runs the computation on `backend`, then on cpu, and compares. `activate` switches the
 * backend (the worker's selection code does it, with its own checks).
 */
export async function runBackendSelfTest(options: {
  backend: BackendName;
  activate: (name: BackendName) => Promise<void>;
}): Promise<BackendSelfTest> {
  const t0 = performance.now();
  const result = await checkedComputation();
  const millis = performance.now() - t0;
  let reference = result;
  if (options.backend !== 'cpu') {
    await options.activate('cpu');
    try {
      reference = await checkedComputation();
    } finally {
      await options.activate(options.backend);
    }
  }
  let maxAbsDiff = 0;
  let checksum = 0;
  for (let i = 0; i < result.length; i++) {
    maxAbsDiff = Math.max(maxAbsDiff, Math.abs(result[i] - reference[i]));
    checksum += result[i];
  }
  return {
    backend: options.backend,
    description: DESCRIPTION,
    maxAbsDiff,
    tolerance: SELF_TEST_TOLERANCE,
    ok: Number.isFinite(maxAbsDiff) && maxAbsDiff <= SELF_TEST_TOLERANCE,
    checksum,
    millis,
  };
}
