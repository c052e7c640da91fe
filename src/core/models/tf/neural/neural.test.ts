/**
 * mlp and lstm on small synthetic problems (test-only data), cpu backend: they learn what
 * they should, same seed = same predictions, early stopping restores the best epoch,
 * cancel works, save/load restores weights and optimizer state, and no tensor leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../util/rng';
import { CancelledError } from '../../../errors';
import { createCancelFlag } from '../../../util/progress';
import type { Matrix } from '../../types';
import { fromModelJsonFiles, toModelJsonFiles } from '../io/plain-io';
import { fitLstm, fitMlp } from './fit';
import { deserializeNeuralModel, NeuralModel } from './neural-model';
import { SeededDropout } from './seeded-dropout';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function matrix(cols: Float64Array[]): Matrix {
  return { rows: cols[0].length, cols: cols.length, columns: cols };
}

/** Inside / outside a circle: not linearly separable. */
function circle(n: number, seed: number) {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.normal();
    b[i] = rng.normal();
    y[i] = a[i] * a[i] + b[i] * b[i] < 1.4 ? 1 : 0;
  }
  return { X: matrix([a, b]), y };
}

/** Label = sign of feature 0 five rows back: invisible to a per-row model, easy for a sequence model. */
function delayed(n: number, seed: number, lag = 4) {
  const rng = createRng(seed);
  const a = Float64Array.from({ length: n }, () => rng.normal());
  const noise = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from({ length: n }, (_, i) => (i >= lag && a[i - lag] > 0 ? 1 : 0));
  return { X: matrix([a, noise]), y };
}

function accuracy(values: Float64Array, y: Float64Array, from = 0): number {
  let ok = 0;
  let n = 0;
  for (let i = from; i < y.length; i++) {
    if (Number.isNaN(values[2 * i + 1])) continue;
    n++;
    if (values[2 * i + 1] > 0.5 === (y[i] === 1)) ok++;
  }
  return ok / n;
}

const small = { epochs: 25, batchSize: 32, learningRate: 0.01, hiddenUnits: [16, 8], dropout: 0 };

describe('mlp', () => {
  const train = circle(500, 1);
  const test = circle(400, 2);

  it('learns a non-linear boundary, reports per-epoch losses and the backend, leaks no tensors', async () => {
    const start = tf.memory().numTensors;
    const epochs: number[] = [];
    const { model, report } = await fitMlp({
      task: 'classification',
      ...train,
      validation: test,
      options: { ...small, epochs: 20, patience: 100 },
      onProgress: (p) => epochs.push(Number(p.detail?.epoch)),
    });
    const acc = accuracy(model.predict(test.X).values, test.y);
    console.log(`mlp circle accuracy ${acc.toFixed(3)} in ${report.fitSeconds.toFixed(2)} s`);
    expect(acc).toBeGreaterThan(0.9);
    expect(report.backend).toBe('cpu');
    expect(report.history?.loss.length).toBe(20);
    expect(report.history?.valLoss?.length).toBe(20);
    expect(report.history!.loss[19]).toBeLessThan(report.history!.loss[0] * 0.6);
    expect(epochs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    model.serialize();
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('same seed gives identical predictions (with dropout); another seed differs', async () => {
    const opts = { ...small, epochs: 3, dropout: 0.2 };
    const run = async (seed: number) => {
      const { model } = await fitMlp({ task: 'classification', ...train, options: { ...opts, seed } });
      const v = model.predict(test.X).values;
      model.dispose();
      return v;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
  });

  it('regression with 3+ outputs heads: softmax probabilities and real values', async () => {
    const y3 = Float64Array.from(train.X.columns[0], (v) => (v < -0.5 ? 0 : v > 0.5 ? 2 : 1));
    const c = await fitMlp({
      task: 'classification',
      X: train.X,
      y: y3,
      nClasses: 3,
      options: { ...small, epochs: 5 },
    });
    const p = c.model.predict(test.X);
    expect(p.nClasses).toBe(3);
    expect(p.values[0] + p.values[1] + p.values[2]).toBeCloseTo(1, 5);
    c.model.dispose();
    const yr = Float64Array.from(train.X.columns[0], (v, i) => 2 * v - train.X.columns[1][i]);
    const r = await fitMlp({ task: 'regression', X: train.X, y: yr, options: { ...small, epochs: 20 } });
    const pr = r.model.predict(train.X);
    expect(pr.nClasses).toBe(1);
    let se = 0;
    for (let i = 0; i < yr.length; i++) se += (pr.values[i] - yr[i]) ** 2;
    expect(se / yr.length).toBeLessThan(0.1);
    r.model.dispose();
  });

  it('early stopping keeps the best validation epoch', async () => {
    // pure-noise labels: the validation loss soon stops improving
    const rng = createRng(3);
    const noisy = Float64Array.from(train.y, () => (rng.next() < 0.5 ? 1 : 0));
    const valY = Float64Array.from(test.y, () => (rng.next() < 0.5 ? 1 : 0));
    const { model, report } = await fitMlp({
      task: 'classification',
      X: train.X,
      y: noisy,
      validation: { X: test.X, y: valY },
      options: { ...small, epochs: 60, patience: 3, hiddenUnits: [64, 64], learningRate: 0.02 },
    });
    expect(report.stoppedEarly).toBe(true);
    expect(report.iterations).toBe(report.bestEpoch! + 3);
    const valLoss = report.history!.valLoss!;
    expect(Math.min(...valLoss)).toBe(valLoss[report.bestEpoch! - 1]);
    // the kept weights are the best epoch's: evaluating them again gives that loss
    const p = model.predict(test.X).values;
    let ce = 0;
    for (let i = 0; i < valY.length; i++) ce -= Math.log(Math.max(1e-7, valY[i] ? p[2 * i + 1] : p[2 * i]));
    expect(ce / valY.length).toBeCloseTo(valLoss[report.bestEpoch! - 1], 4);
    model.dispose();
  });

  it('cancels between epochs without leaking tensors', async () => {
    const start = tf.memory().numTensors;
    const flag = createCancelFlag();
    const run = fitMlp({
      task: 'classification',
      ...train,
      options: { ...small, epochs: 50 },
      signal: flag,
      onProgress: (p) => p.detail?.epoch === 2 && flag.cancel(),
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('save then load: identical predictions, optimizer state restored, tfjs file pair round trip', async () => {
    const { model } = await fitMlp({
      task: 'classification',
      ...train,
      options: { ...small, epochs: 3, dropout: 0.1 },
    });
    const s = model.serialize();
    expect(s.format).toBe('tfjs-layers/1');
    const restored = await deserializeNeuralModel({
      ...s,
      header: JSON.parse(JSON.stringify(s.header)),
      payload: { 'weights.bin': s.payload['weights.bin'].slice() },
    });
    expect(restored.predict(test.X).values).toEqual(model.predict(test.X).values);
    const optA = await model.layersModel.optimizer.getWeights();
    const optB = await restored.layersModel.optimizer.getWeights();
    expect(optB.length).toBe(optA.length);
    expect(optA.length).toBeGreaterThan(1); // iteration count + Adam moments
    for (let k = 0; k < optA.length; k++)
      expect(optB[k].tensor.dataSync()).toEqual(optA[k].tensor.dataSync());
    // the standard model.json + weights.bin pair
    const files = toModelJsonFiles(model.tfjsArtifacts);
    expect(JSON.parse(files['model.json']).weightsManifest[0].paths).toEqual(['weights.bin']);
    const again = await NeuralModel.load({
      ...s,
      header: { ...s.header, artifacts: fromModelJsonFiles(files) },
    });
    expect(again.predict(test.X).values).toEqual(model.predict(test.X).values);
    [model, restored, again].forEach((m) => m.dispose());
  });
});

describe('SeededDropout', () => {
  it('draws a new mask each training step, reproducibly, and is the identity at inference', () => {
    const x = tf.ones([4, 50]);
    const masks = (seed: number) => {
      const layer = new SeededDropout({ rate: 0.5, seed });
      const a = (layer.apply(x, { training: true }) as tf.Tensor).dataSync();
      const b = (layer.apply(x, { training: true }) as tf.Tensor).dataSync();
      const inf = (layer.apply(x) as tf.Tensor).dataSync();
      return { a: Array.from(a), b: Array.from(b), inf: Array.from(inf) };
    };
    const m1 = masks(1);
    expect(m1.a).not.toEqual(m1.b);
    expect(masks(1)).toEqual(m1);
    expect(m1.inf.every((v) => v === 1)).toBe(true);
    expect(new Set(m1.a)).toEqual(new Set([0, 2]));
    x.dispose();
  });
});

describe('lstm', () => {
  it('learns a lagged dependency a per-row model cannot see; NaN where no full window; save/load; no leaks', async () => {
    const start = tf.memory().numTensors;
    const train = delayed(400, 4);
    const test = delayed(300, 5);
    const opts = {
      sequenceLength: 6,
      lstmUnits: [8],
      denseUnits: [8],
      epochs: 10,
      batchSize: 32,
      learningRate: 0.03,
      dropout: 0,
    };
    const { model, report } = await fitLstm({
      task: 'classification',
      ...train,
      validation: test,
      options: opts,
    });
    expect(report.trainRows).toBe(400 - 5);
    const p = model.predict(test.X);
    for (let i = 0; i < 5; i++) expect(Number.isNaN(p.values[2 * i + 1])).toBe(true);
    expect(Number.isNaN(p.values[2 * 5 + 1])).toBe(false);
    const acc = accuracy(p.values, test.y, 5);
    const mlp = await fitMlp({ task: 'classification', ...train, options: { ...small, epochs: 8 } });
    const mlpAcc = accuracy(mlp.model.predict(test.X).values, test.y, 5);
    console.log(
      `lagged target: lstm accuracy ${acc.toFixed(3)} (${report.fitSeconds.toFixed(1)} s), mlp ${mlpAcc.toFixed(3)}`,
    );
    expect(acc).toBeGreaterThan(0.85);
    expect(mlpAcc).toBeLessThan(0.65);
    // groups: a boundary inside the test rows leaves 5 more rows without a prediction
    const groups = Int32Array.from({ length: 300 }, (_, i) => (i < 150 ? 0 : 1));
    const pg = model.predict(test.X, { groups });
    for (let i = 150; i < 155; i++) expect(Number.isNaN(pg.values[2 * i + 1])).toBe(true);
    expect(pg.values[2 * 155 + 1]).toBe(p.values[2 * 155 + 1]);
    const restored = await deserializeNeuralModel(model.serialize());
    expect(restored.predict(test.X).values).toEqual(p.values);
    expect(restored.sequenceLength).toBe(6);
    [model, restored, mlp.model].forEach((m) => m.dispose());
    expect(tf.memory().numTensors).toBe(start);
  });
});
