/**
 * sgdc / sgdr on synthetic toy problems (test-only data): accuracy against a reference
 * logistic regression, coefficient recovery, the two engines agreeing, online updates,
 * save/load round trips, determinism, tensor hygiene and the cost of one partialFit.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../util/rng';
import { CancelledError } from '../../../errors';
import { createCancelFlag } from '../../../util/progress';
import type { Matrix } from '../../types';
import { fitSgd } from './fit';
import { deserializeSgdModel } from './linear-model';
import { learningRateAt, optimalInit } from './math';
import { resolveSgdOptions } from './config';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function matrix(rows: number[][]): Matrix {
  const n = rows.length;
  const d = rows[0].length;
  return {
    rows: n,
    cols: d,
    columns: Array.from({ length: d }, (_, j) => Float64Array.from(rows, (r) => r[j])),
  };
}

/** Separable binary toy problem: label = sign(w.x + c), points within `margin` of the plane dropped. */
function separable(n: number, seed: number, margin = 0.3) {
  const rng = createRng(seed);
  const w = [1.5, -2, 0.5, 1, 0];
  const rows: number[][] = [];
  const y: number[] = [];
  while (rows.length < n) {
    const x = w.map(() => rng.normal());
    const s = x.reduce((a, v, j) => a + v * w[j], 0.3);
    if (Math.abs(s) < margin) continue;
    rows.push(x);
    y.push(s > 0 ? 1 : 0);
  }
  return { X: matrix(rows), y: Float64Array.from(y) };
}

/** Full-batch gradient-descent logistic regression (the reference classifier). */
function logisticRegression(X: Matrix, y: Float64Array, iters = 500, lr = 0.5): (x: Matrix) => Float64Array {
  const d = X.cols;
  const w = new Float64Array(d + 1);
  for (let it = 0; it < iters; it++) {
    const g = new Float64Array(d + 1);
    for (let i = 0; i < X.rows; i++) {
      let z = w[d];
      for (let j = 0; j < d; j++) z += w[j] * X.columns[j][i];
      const r = 1 / (1 + Math.exp(-z)) - y[i];
      for (let j = 0; j < d; j++) g[j] += r * X.columns[j][i];
      g[d] += r;
    }
    for (let j = 0; j <= d; j++) w[j] -= (lr * g[j]) / X.rows;
  }
  return (x) =>
    Float64Array.from({ length: x.rows }, (_, i) => {
      let z = w[d];
      for (let j = 0; j < d; j++) z += w[j] * x.columns[j][i];
      return 1 / (1 + Math.exp(-z));
    });
}

function accuracy(prob1: (i: number) => number, y: Float64Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (prob1(i) > 0.5 === (y[i] === 1)) ok++;
  return ok / y.length;
}

function linearData(n: number, seed: number, beta: number[], intercept: number, noise = 0.05) {
  const rng = createRng(seed);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = beta.map(() => rng.normal());
    rows.push(x);
    y.push(x.reduce((a, v, j) => a + v * beta[j], intercept) + noise * rng.normal());
  }
  return { X: matrix(rows), y: Float64Array.from(y) };
}

function slice(X: Matrix, start: number, end: number): Matrix {
  return { rows: end - start, cols: X.cols, columns: X.columns.map((c) => c.slice(start, end)) };
}

describe('learning-rate schedules', () => {
  it("'optimal' starts at typw = alpha^-1/4 like sklearn and decays as 1/(alpha (t0 + t - 1))", () => {
    const o = resolveSgdOptions('sgdc', { alpha: 1e-4 });
    expect(optimalInit(1e-4)).toBeCloseTo(1000, 9);
    expect(learningRateAt(o, 1)).toBeCloseTo(10, 9);
    expect(learningRateAt(o, 1001)).toBeCloseTo(5, 9);
    const inv = resolveSgdOptions('sgdr', {});
    expect(learningRateAt(inv, 16)).toBeCloseTo(0.01 / 2, 12);
    expect(learningRateAt(resolveSgdOptions('sgdc', { learningRate: 'constant', eta0: 0.3 }), 99)).toBe(0.3);
  });
});

describe('sgdc', () => {
  const train = separable(1500, 1);
  const test = separable(1000, 2);

  it('reaches the accuracy of logistic regression on a linearly separable problem', async () => {
    const lr = logisticRegression(train.X, train.y)(test.X);
    const lrAcc = accuracy((i) => lr[i], test.y);
    const { model, report } = await fitSgd({ kind: 'sgdc', X: train.X, y: train.y });
    const p = model.predict(test.X);
    const acc = accuracy((i) => p.values[2 * i + 1], test.y);
    console.log(
      `sgdc accuracy ${acc.toFixed(4)} vs logistic regression ${lrAcc.toFixed(4)}; epochs ${report.iterations}`,
    );
    expect(lrAcc).toBeGreaterThan(0.97);
    expect(acc).toBeGreaterThanOrEqual(lrAcc - 0.01);
    expect(report.engine).toBe('js');
    expect(report.tfBackend).toBe('cpu');
    expect(report.stoppedEarly).toBe(true);
    expect(report.history?.loss.length).toBe(report.iterations);
  });

  it('mini-batch training on TensorFlow.js also separates the classes', async () => {
    const { model, report } = await fitSgd({
      kind: 'sgdc',
      X: train.X,
      y: train.y,
      options: { batchSize: 64, maxEpochs: 30, learningRate: 'constant', eta0: 0.5 },
    });
    expect(report.engine).toBe('tf');
    expect(report.backend).toBe('cpu');
    const p = model.predict(test.X);
    expect(accuracy((i) => p.values[2 * i + 1], test.y)).toBeGreaterThan(0.97);
  });

  it('softmax over 3 classes learns three linear regions', async () => {
    const rng = createRng(5);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 1500; i++) {
      const x = [rng.normal(), rng.normal()];
      rows.push(x);
      y.push(x[0] < -0.5 ? 0 : x[0] > 0.5 ? 2 : 1);
    }
    const X = matrix(rows);
    const yy = Float64Array.from(y);
    const { model } = await fitSgd({ kind: 'sgdc', X, y: yy, nClasses: 3, options: { maxEpochs: 50 } });
    const p = model.predict(X);
    expect(p.nClasses).toBe(3);
    let ok = 0;
    for (let i = 0; i < X.rows; i++) {
      const row = Array.from(p.values.subarray(3 * i, 3 * i + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      if (row.indexOf(Math.max(...row)) === yy[i]) ok++;
    }
    expect(ok / X.rows).toBeGreaterThan(0.93);
  });

  it("'balanced' class weights raise the minority class's recall", async () => {
    // 90/10 imbalance with overlapping classes
    const rng = createRng(11);
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const c = rng.next() < 0.1 ? 1 : 0;
      rows.push([rng.normal() + (c ? 1 : 0), rng.normal()]);
      y.push(c);
    }
    const X = matrix(rows);
    const yy = Float64Array.from(y);
    const recall = async (classWeight: 'none' | 'balanced') => {
      const { model } = await fitSgd({ kind: 'sgdc', X, y: yy, options: { classWeight, maxEpochs: 20 } });
      const p = model.predict(X);
      let tp = 0;
      let pos = 0;
      for (let i = 0; i < X.rows; i++) {
        if (yy[i] !== 1) continue;
        pos++;
        if (p.values[2 * i + 1] > 0.5) tp++;
      }
      return tp / pos;
    };
    expect(await recall('balanced')).toBeGreaterThan((await recall('none')) + 0.3);
  });
});

describe('sgdr', () => {
  const beta = [2, -1, 0.5, 0];
  const { X, y } = linearData(2000, 3, beta, 1.5);

  it('recovers known linear coefficients (squared loss, sklearn invscaling defaults)', async () => {
    const { model } = await fitSgd({ kind: 'sgdr', X, y });
    const { W, b } = model.weights();
    console.log(`sgdr coefficients ${Array.from(W, (v) => v.toFixed(3))} intercept ${b[0].toFixed(3)}`);
    beta.forEach((v, j) => expect(Math.abs(W[j] - v)).toBeLessThan(0.03));
    expect(Math.abs(b[0] - 1.5)).toBeLessThan(0.03);
  });

  it('recovers them with Huber loss despite gross outliers', async () => {
    const yo = y.slice();
    for (let i = 0; i < yo.length; i += 25) yo[i] += 50; // 4% gross outliers
    const huber = (
      await fitSgd({ kind: 'sgdr', X, y: yo, options: { loss: 'huber', huberEpsilon: 1 } })
    ).model.weights();
    const sq = (await fitSgd({ kind: 'sgdr', X, y: yo, options: { maxEpochs: 50 } })).model.weights();
    beta.forEach((v, j) => expect(Math.abs(huber.W[j] - v)).toBeLessThan(0.1));
    expect(Math.abs(huber.b[0] - 1.5)).toBeLessThan(0.2);
    expect(Math.abs(sq.b[0] - 1.5)).toBeGreaterThan(1); // squared loss is pulled by the outliers
  });

  it('adam recovers them too, on both engines', async () => {
    for (const batchSize of [1, 32]) {
      const { model } = await fitSgd({
        kind: 'sgdr',
        X,
        y,
        options: {
          optimizer: 'adam',
          eta0: batchSize === 1 ? 0.002 : 0.05,
          batchSize,
          maxEpochs: batchSize === 1 ? 10 : 60,
          alpha: 0,
        },
      });
      const { W, b } = model.weights();
      console.log(`adam batch ${batchSize}: ${Array.from(W, (v) => v.toFixed(3))} ${b[0].toFixed(3)}`);
      beta.forEach((v, j) => expect(Math.abs(W[j] - v)).toBeLessThan(0.05));
      expect(Math.abs(b[0] - 1.5)).toBeLessThan(0.05);
    }
  });
});

describe('engines', () => {
  it('the tf engine and the js engine compute the same updates (float32 tolerance)', async () => {
    const { X, y } = separable(600, 9);
    for (const optimizer of ['sgd', 'adam'] as const) {
      const opts = { batchSize: 16, maxEpochs: 4, tol: null, optimizer, seed: 3 };
      const a = await fitSgd({ kind: 'sgdc', X, y, options: { ...opts, engine: 'tf' } });
      const b = await fitSgd({ kind: 'sgdc', X, y, options: { ...opts, engine: 'js' } });
      const wa = a.model.weights();
      const wb = b.model.weights();
      for (let j = 0; j < wa.W.length; j++)
        expect(Math.abs(wa.W[j] - wb.W[j])).toBeLessThan(1e-4 * (1 + Math.abs(wb.W[j])));
      expect(Math.abs(wa.b[0] - wb.b[0])).toBeLessThan(1e-4 * (1 + Math.abs(wb.b[0])));
      expect(a.model.optimizerState).toEqual(b.model.optimizerState);
      a.report.history?.loss.forEach((l, e) => expect(l).toBeCloseTo(b.report.history!.loss[e], 4));
    }
  });

  it('same seed and data give identical predictions; another seed differs', async () => {
    const { X, y } = separable(500, 4);
    for (const batchSize of [1, 32]) {
      const run = async (seed: number) =>
        (
          await fitSgd({ kind: 'sgdc', X, y, options: { batchSize, seed, maxEpochs: 5, tol: null } })
        ).model.predict(X).values;
      const a = await run(1);
      expect(await run(1)).toEqual(a);
      expect(await run(2)).not.toEqual(a);
    }
  });

  it('cancels between epochs', async () => {
    const { X, y } = separable(300, 4);
    const flag = createCancelFlag();
    let epochs = 0;
    const run = fitSgd({
      kind: 'sgdc',
      X,
      y,
      options: { tol: null, maxEpochs: 1000 },
      signal: flag,
      onProgress: (p) => {
        epochs = Number(p.detail?.epoch);
        if (epochs === 3) flag.cancel();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(epochs).toBe(3);
  });
});

describe('online learning (partialFit)', () => {
  it('moves the model towards new data and continues the optimizer state', async () => {
    const old = linearData(1000, 6, [1, 1], 0);
    const fresh = linearData(400, 7, [1, -1], 0.5);
    const { model } = await fitSgd({
      kind: 'sgdr',
      X: old.X,
      y: old.y,
      options: { learningRate: 'constant', eta0: 0.01 },
    });
    const before = model.optimizerState;
    const mse = () => {
      const p = model.predict(fresh.X).values;
      return p.reduce((s, v, i) => s + (v - fresh.y[i]) ** 2, 0) / p.length;
    };
    const mseBefore = mse();
    const w0 = model.weights().W[1];
    for (let i = 0; i < 200; i++) model.partialFit(slice(fresh.X, i, i + 1), fresh.y.subarray(i, i + 1));
    expect(model.optimizerState).toEqual({ step: before.step + 200, nSeen: before.nSeen + 200 });
    expect(mse()).toBeLessThan(mseBefore * 0.5);
    expect(model.weights().W[1]).toBeLessThan(w0 - 0.5); // the second coefficient heads from +1 to -1
  });

  it("continues the 'optimal' schedule where fit left it (sklearn's t_)", async () => {
    const { X, y } = separable(300, 8);
    const { model } = await fitSgd({ kind: 'sgdc', X, y, options: { maxEpochs: 3, tol: null } });
    expect(model.optimizerState.step).toBe(900);
    // replaying the same row on a clone whose step is reset would take a 10x larger step:
    const one = slice(X, 0, 1);
    const a = model.clone();
    a.partialFit(one, y.subarray(0, 1));
    const moved = Math.abs(a.weights().b[0] - model.weights().b[0]);
    const eta = learningRateAt(model.options, 901);
    expect(moved).toBeLessThanOrEqual(eta * 1.0000001);
    expect(moved).toBeGreaterThan(0);
  });
});

describe('save and load', () => {
  for (const optimizer of ['sgd', 'adam'] as const) {
    it(`round-trips weights and optimizer state (${optimizer})`, async () => {
      const { X, y } = separable(400, 12);
      const { model } = await fitSgd({ kind: 'sgdc', X, y, options: { optimizer, maxEpochs: 5 } });
      const s = model.serialize();
      expect(s.format).toBe('sgd-linear/1');
      // through JSON and a copy of the bytes, as storage would
      const restored = deserializeSgdModel({
        ...s,
        header: JSON.parse(JSON.stringify(s.header)),
        payload: { 'weights.bin': s.payload['weights.bin'].slice() },
      });
      expect(restored.predict(X).values).toEqual(model.predict(X).values);
      expect(restored.optimizerState).toEqual(model.optimizerState);
      const next = slice(X, 10, 30);
      const yn = y.subarray(10, 30);
      model.partialFit(next, yn);
      restored.partialFit(next, yn);
      expect(restored.weights()).toEqual(model.weights());
      expect(restored.predict(X).values).toEqual(model.predict(X).values);
    });
  }
});

describe('hygiene and speed', () => {
  it('leaves no tensors behind after a tf-engine fit and prediction', async () => {
    const { X, y } = separable(300, 13);
    const start = tf.memory().numTensors;
    const { model } = await fitSgd({
      kind: 'sgdc',
      X,
      y,
      options: { batchSize: 32, maxEpochs: 3, optimizer: 'adam' },
    });
    model.predict(X);
    await fitSgd({ kind: 'sgdr', X, y, options: { batchSize: 32, maxEpochs: 3, loss: 'huber' } });
    expect(tf.memory().numTensors).toBe(start);
  });

  it('thousands of partialFit calls cost < 2 ms each and grow no memory', async () => {
    const { X, y } = separable(3000, 14);
    const fitRows = 1000;
    const { model } = await fitSgd({ kind: 'sgdc', X: slice(X, 0, fitRows), y: y.subarray(0, fitRows) });
    const rows = Array.from({ length: 2000 }, (_, i) => slice(X, fitRows + i, fitRows + i + 1));
    const mem = tf.memory();
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i++) model.partialFit(rows[i], y.subarray(fitRows + i, fitRows + i + 1));
    const perCall = (performance.now() - t0) / rows.length;
    console.log(
      `partialFit on one row: ${(perCall * 1000).toFixed(1)} us (cpu backend registered, js engine)`,
    );
    expect(perCall).toBeLessThan(2);
    expect(tf.memory().numTensors).toBe(mem.numTensors);
    expect(tf.memory().numBytes).toBe(mem.numBytes);
  });
});
