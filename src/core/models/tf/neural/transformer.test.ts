/**
 * The transformer on TensorFlow.js' cpu backend: attention's gradient against central finite
 * differences, the host forward pass (webgpu's predict path) against tfjs predict, the bundle
 * round trip and the standard model.json + weights loaded by tf.loadLayersModel, and a toy
 * sequence task (the label is the sign of an input two bars back, synthetic data in this
 * test only) that the transformer solves with a window and cannot solve without one (the lstm's
 * twin is in neural.test.ts).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { REPO_ROOT } from '../../../test-utils/sample';
import { createRng } from '../../../util/rng';
import type { Matrix } from '../../types';
import { toModelJsonFiles } from '../io/plain-io';
import { multiHeadSelfAttention, TransformerEncoder, type AttentionWeights } from './attention';
import { fitMlp, fitTransformer } from './fit';
import { hostPredict, readHostLayers } from './host-forward';
import { deserializeNeuralModel } from './neural-model';
import { TRANSFORMER_DEFAULTS } from './options';
import { packSequences, withHistory } from './sequences';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function randn(rng: ReturnType<typeof createRng>, n: number, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.next() * 2 - 1) * scale);
}

/** max |analytic - numeric| over every entry of `at`, numeric by central differences. */
async function gradientGap(f: (t: tf.Tensor) => tf.Tensor, at: tf.Tensor, eps = 1e-2): Promise<number> {
  const analytic = await tf
    .grad((t: tf.Tensor) => f(t) as tf.Scalar)(at)
    .data();
  const base = await at.data();
  let worst = 0;
  for (let i = 0; i < base.length; i++) {
    const plus = Float32Array.from(base);
    const minus = Float32Array.from(base);
    plus[i] += eps;
    minus[i] -= eps;
    const fp = tf.tidy(() => f(tf.tensor(plus, at.shape)).dataSync()[0]);
    const fm = tf.tidy(() => f(tf.tensor(minus, at.shape)).dataSync()[0]);
    worst = Math.max(worst, Math.abs(analytic[i] - (fp - fm) / (2 * eps)));
  }
  return worst;
}

describe.each(['cpu', 'wasm'])('multi-head self-attention on %s', (backend) => {
  beforeAll(async () => {
    setWasmPaths(path.join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
    await tf.setBackend(backend);
    await tf.ready();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  // on wasm the dense steps have their own gradient (attention.ts): checked here the same way
  it('has the gradient of its finite differences, for the input and every weight', async () => {
    expect(tf.getBackend()).toBe(backend);
    const rng = createRng(3);
    const [B, L, D, H] = [2, 4, 6, 2];
    const x = tf.tensor3d(randn(rng, B * L * D), [B, L, D]);
    const mat = () => tf.tensor2d(randn(rng, D * D, 0.5), [D, D]);
    const vec = () => tf.tensor1d(randn(rng, D, 0.1));
    const w: AttentionWeights = {
      wq: mat(),
      bq: vec(),
      wk: mat(),
      bk: vec(),
      wv: mat(),
      bv: vec(),
      wo: mat(),
      bo: vec(),
    };
    // a fixed random projection of the output, so every output entry matters
    const r = tf.tensor3d(randn(rng, B * L * D), [B, L, D]);
    const loss = (xx: tf.Tensor, ww: AttentionWeights) =>
      tf.sum(tf.mul(multiHeadSelfAttention(xx, ww, H), r));
    expect(await gradientGap((t) => loss(t, w), x)).toBeLessThan(2e-3);
    for (const k of ['wq', 'bq', 'wk', 'bk', 'wv', 'bv', 'wo', 'bo'] as const)
      expect(await gradientGap((t) => loss(x, { ...w, [k]: t }), w[k]), k).toBeLessThan(2e-3);
    // the whole encoder block (attention, residuals, layer norms, feed-forward) w.r.t. its input
    const block = new TransformerEncoder({ heads: H, ffUnits: 5, activation: 'tanh', seed: 4 });
    expect(await gradientGap((t) => tf.sum(tf.mul(block.apply(t) as tf.Tensor, r)), x)).toBeLessThan(2e-3);
    tf.dispose([x, r, ...Object.values(w)]);
    block.dispose();
  });

  it('attends: a query equal to one key puts its weight there as the scores grow', async () => {
    // identity projections, one head: output row i = softmax(x_i . x_j / sqrt(D)) weighted x_j
    const D = 2;
    const eye = tf.eye(D) as tf.Tensor2D;
    const zero = tf.zeros([D]) as tf.Tensor1D;
    const x = tf.tensor3d([
      [
        [10, 0],
        [0, 10],
        [10, 0.5],
      ],
    ]);
    const out = multiHeadSelfAttention(
      x,
      { wq: eye, bq: zero, wk: eye, bk: zero, wv: eye, bv: zero, wo: eye, bo: zero },
      1,
    );
    const v = await out.data();
    expect(v[2]).toBeCloseTo(0, 3); // row 1 = (0, 10) attends to itself only
    expect(v[3]).toBeCloseTo(10, 3);
    tf.dispose([eye, zero, x, out]);
  });
});

function noise(rows: number, cols: number, seed: number): Matrix {
  const rng = createRng(seed);
  return { rows, cols, columns: Array.from({ length: cols }, () => Float64Array.from(randn(rng, rows))) };
}

describe('transformer model', () => {
  it('predicts on the host exactly as tfjs does (1e-5), after training, 3 classes', async () => {
    const L = 5;
    const X = noise(160, 3, 1);
    const y = Float64Array.from({ length: X.rows }, (_, i) =>
      i % 3 === 0 ? 2 : X.columns[0][i] > 0 ? 1 : 0,
    );
    const { model } = await fitTransformer({
      task: 'classification',
      X,
      y,
      nClasses: 3,
      options: {
        epochs: 2,
        sequenceLength: L,
        modelDim: 8,
        heads: 2,
        ffUnits: 6,
        blocks: 2,
        denseUnits: [4],
        seed: 5,
      },
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
    const want = await ref.data();
    ref.dispose();
    expect(got.length).toBe(want.length);
    let gap = 0;
    for (let i = 0; i < got.length; i++) gap = Math.max(gap, Math.abs(got[i] - want[i]));
    expect(gap).toBeLessThan(1e-5);
    model.dispose();
  });

  it('is seeded, round-trips through its bundle form, and loads as a standard Layers model', async () => {
    const X = noise(120, 2, 2);
    const y = Float64Array.from({ length: X.rows }, (_, i) => (X.columns[1][i] > 0 ? 1 : 0));
    const fit = () =>
      fitTransformer({
        task: 'classification',
        X,
        y,
        options: { epochs: 2, sequenceLength: 4, modelDim: 4, heads: 2, ffUnits: 4, seed: 9 },
      });
    const a = (await fit()).model;
    const b = (await fit()).model;
    const pa = a.predict(X).values;
    expect(Array.from(b.predict(X).values)).toEqual(Array.from(pa));
    const restored = await deserializeNeuralModel(a.serialize());
    expect(Array.from(restored.predict(X).values)).toEqual(Array.from(pa));
    // model.json + weights.bin as tfjs writes them, loaded by tf.loadLayersModel
    const files = toModelJsonFiles(a.tfjsArtifacts);
    const json = JSON.parse(files['model.json']);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0].weights,
        weightData: files['weights.bin'].slice().buffer,
      }),
    );
    const x = tf.tensor3d(packSequences(X, [3, 50, 119], 4), [3, 4, 2]);
    const ref = await (a.layersModel.predict(x) as tf.Tensor).data();
    const got = await (loaded.predict(x) as tf.Tensor).data();
    expect(Array.from(got)).toEqual(Array.from(ref));
    tf.dispose([x]);
    loaded.dispose();
    [a, b, restored].forEach((m) => m.dispose());
  });

  it('an mlp loads as a standard Layers model too', async () => {
    const X = noise(80, 3, 4);
    const y = Float64Array.from({ length: X.rows }, (_, i) => (X.columns[0][i] > 0 ? 1 : 0));
    const { model } = await fitMlp({
      task: 'classification',
      X,
      y,
      options: { epochs: 1, hiddenUnits: [4], seed: 1 },
    });
    const files = toModelJsonFiles(model.tfjsArtifacts);
    const json = JSON.parse(files['model.json']);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory(
        json.modelTopology,
        json.weightsManifest[0].weights,
        files['weights.bin'].slice().buffer,
      ),
    );
    const x = tf.tensor2d([0.1, -0.2, 0.3], [1, 3]);
    expect(Array.from(await (loaded.predict(x) as tf.Tensor).data())).toEqual(
      Array.from(await (model.layersModel.predict(x) as tf.Tensor).data()),
    );
    x.dispose();
    loaded.dispose();
    model.dispose();
  });
});

describe('a toy sequence task: the label is the sign of the input 2 bars back', () => {
  const LAG = 2;
  const n = 800;
  const X = noise(n, 2, 11);
  const y = Float64Array.from({ length: n }, (_, i) => (i >= LAG && X.columns[0][i - LAG] > 0 ? 1 : 0));
  const cut = 600;
  const trainRows = Int32Array.from({ length: cut }, (_, i) => i);
  const testRows = Int32Array.from({ length: n - cut }, (_, i) => cut + i);

  /** accuracy on the test rows, predicted with the bars before them and without */
  async function accuracy(fit: typeof fitTransformer, options: Record<string, unknown>, L: number) {
    const { model } = await fit({ task: 'classification', X: take(trainRows), y: y.slice(0, cut), options });
    const score = (history: number) => {
      const rows = withHistory(testRows, history);
      const pred = model.predict(take(rows.idx)).values;
      let right = 0;
      let scored = 0;
      rows.targets.forEach((p, i) => {
        const prob = pred[2 * p + 1];
        if (!Number.isFinite(prob)) return;
        scored++;
        if ((prob > 0.5 ? 1 : 0) === y[testRows[i]]) right++;
      });
      return { accuracy: right / testRows.length, scored };
    };
    const r = { context: score(L - 1), bare: score(0) };
    model.dispose();
    return r;
  }

  function take(idx: Int32Array): Matrix {
    return { rows: idx.length, cols: 2, columns: X.columns.map((c) => Float64Array.from(idx, (i) => c[i])) };
  }

  it('the default network solves it over a window of 4 bars and cannot see it with 1', async () => {
    // the default widths (model_dim, heads, ff_units, blocks); a schedule for 600 rows
    const { modelDim, heads, ffUnits, blocks } = TRANSFORMER_DEFAULTS;
    const opts = {
      epochs: 12,
      batchSize: 32,
      learningRate: 1e-2,
      modelDim,
      heads,
      ffUnits,
      blocks,
      dropout: 0,
      seed: 1,
    };
    const win = await accuracy(fitTransformer, { ...opts, sequenceLength: 4 }, 4);
    expect(win.context.scored).toBe(n - cut); // the bars before the test rows give every row its window
    expect(win.context.accuracy).toBeGreaterThan(0.95);
    // without the bars before the window its first 3 rows have no prediction
    expect(win.bare.scored).toBe(n - cut - 3);
    const one = await accuracy(fitTransformer, { ...opts, sequenceLength: 1 }, 1);
    expect(one.context.accuracy).toBeLessThan(0.6);
  }, 60_000);
});
