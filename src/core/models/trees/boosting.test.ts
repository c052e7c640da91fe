import { describe, expect, it } from 'vitest';
import { fitGbc, fitGbr } from './boosting';
import { CancelledError } from '../../errors';
import { createCancelFlag } from '../../util/progress';
import { matrixFromRows, separableToy, stepToy, trainingAccuracy, concatBytes } from './test-utils/toy';

describe('gbc', () => {
  it('one stump by hand: initial score = log-odds of the prior, Newton leaf values', async () => {
    // y = [0, 0, 1, 1]: prior 0.5 -> init 0, p = 0.5, g = p - y = [.5, .5, -.5, -.5], h = .25
    // best split x <= 1.5; left G = 1, H = .5 -> -0.1 * 1 / .5 = -0.2; right +0.2
    const X = matrixFromRows([[0], [1], [2], [3]]);
    const { model } = await fitGbc({
      X,
      y: Float64Array.of(0, 0, 1, 1),
      params: { n_estimators: 1, max_depth: 1 },
    });
    const e = model.state.ensemble;
    expect(Array.from(model.state.initScore)).toEqual([0]);
    expect(e.feature[0]).toBe(0);
    expect(e.threshold[0]).toBe(1.5);
    expect(e.value[e.left[0]]).toBeCloseTo(-0.2, 15);
    expect(e.value[e.left[0] + 1]).toBeCloseTo(0.2, 15);
    const p = model.predict(X).values;
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(0.2)), 15);
    expect(p[7]).toBeCloseTo(1 / (1 + Math.exp(-0.2)), 15);
  });

  it('initial score for an unbalanced prior is its log-odds', async () => {
    const X = matrixFromRows([[0], [1], [2], [3]]);
    const { model } = await fitGbc({ X, y: Float64Array.of(0, 1, 1, 1), params: { n_estimators: 1 } });
    expect(model.state.initScore[0]).toBeCloseTo(Math.log(3), 15);
  });

  it('learns from missing values: NaN rows go right of a split at +Infinity', async () => {
    const X = matrixFromRows([[1], [2], [3], [NaN], [NaN], [NaN]]);
    const y = Float64Array.of(0, 0, 0, 1, 1, 1);
    const { model } = await fitGbc({ X, y, params: { n_estimators: 10, max_depth: 1 } });
    expect(model.state.ensemble.threshold[0]).toBe(Infinity);
    const p = model.predict(matrixFromRows([[NaN], [2.5], [-1e9]])).values;
    expect(p[1]).toBeGreaterThan(0.5);
    expect(p[3]).toBeLessThan(0.5);
    expect(p[5]).toBeLessThan(0.5);
  });

  it('deep trees (more histograms than the workspace starts with): every leaf is the Newton step of its rows', async () => {
    const { X, y } = separableToy(3000, 6, 2, 7);
    const lr = 0.3;
    const { model } = await fitGbc({ X, y, params: { n_estimators: 3, max_depth: 9, learning_rate: lr } });
    const e = model.state.ensemble;
    const raw = new Float64Array(X.rows).fill(model.state.initScore[0]);
    let leaves = 0;
    for (let t = 0; t < e.nTrees; t++) {
      // the gradients this tree was fitted on, summed per leaf by traversal
      const sums = new Map<number, [number, number]>();
      const leafOf = new Int32Array(X.rows);
      for (let i = 0; i < X.rows; i++) {
        let n = e.treeStart[t];
        while (e.feature[n] >= 0)
          n = X.columns[e.feature[n]][i] <= e.threshold[n] ? e.left[n] : e.left[n] + 1;
        const p = 1 / (1 + Math.exp(-raw[i]));
        const s = sums.get(n) ?? [0, 0];
        s[0] += p - y[i];
        s[1] += p * (1 - p);
        sums.set(n, s);
        leafOf[i] = n;
      }
      for (const [n, [G, H]] of sums) expect(e.value[n]).toBeCloseTo((-lr * G) / H, 9);
      for (let i = 0; i < X.rows; i++) raw[i] += e.value[leafOf[i]];
      leaves += sums.size;
    }
    // depth 9 on 3,000 rows: far more than 17 nodes per level, so the histogram memory grew
    expect(leaves).toBeGreaterThan(3 * 64);
  });

  it('min_samples_leaf holds in every leaf (histograms with row counts)', async () => {
    const { X, y } = separableToy(1000, 4, 2);
    for (const params of [{ min_samples_leaf: 40 }, { min_samples_leaf: 1, min_child_weight: 0 }]) {
      const { model } = await fitGbc({ X, y, params: { n_estimators: 10, max_depth: 4, ...params } });
      const e = model.state.ensemble;
      for (let t = 0; t < e.nTrees; t++) {
        const rowsAt = new Map<number, number>();
        for (let i = 0; i < X.rows; i++) {
          let n = e.treeStart[t];
          while (e.feature[n] >= 0)
            n = X.columns[e.feature[n]][i] <= e.threshold[n] ? e.left[n] : e.left[n] + 1;
          rowsAt.set(n, (rowsAt.get(n) ?? 0) + 1);
        }
        for (let n = e.treeStart[t]; n < e.treeStart[t + 1]; n++) {
          if (e.feature[n] < 0) expect(rowsAt.get(n) ?? 0).toBeGreaterThanOrEqual(params.min_samples_leaf);
        }
      }
    }
  });

  it('separable binary toy: 100% training accuracy', async () => {
    const { X, y } = separableToy(2000, 5, 2);
    const { model, report } = await fitGbc({
      X,
      y,
      params: { n_estimators: 200, max_depth: 4, learning_rate: 0.3 },
    });
    expect(trainingAccuracy(model.predict(X).values, 2, y)).toBe(1);
    expect(report.iterations).toBe(200);
    expect(report.backend).toBe('js');
  });

  it('three classes (softmax, one tree per class per iteration)', async () => {
    const { X, y } = separableToy(1500, 4, 3);
    const { model } = await fitGbc({ X, y, params: { n_estimators: 60 } });
    expect(model.nClasses).toBe(3);
    expect(model.nTrees).toBe(180);
    const p = model.predict(X);
    expect(p.nClasses).toBe(3);
    for (let i = 0; i < 10; i++)
      expect(p.values[3 * i] + p.values[3 * i + 1] + p.values[3 * i + 2]).toBeCloseTo(1, 12);
    expect(trainingAccuracy(p.values, 3, y)).toBeGreaterThan(0.99);
    // initial scores are the log class priors
    const prior0 = y.filter((v) => v === 0).length / y.length;
    expect(model.state.initScore[0]).toBeCloseTo(Math.log(prior0), 12);
  });

  it('the fused binary step (leaf update, gradients and root histogram in one kernel pass) grows the trees of the separate loops', async () => {
    const { X, y } = separableToy(1500, 5, 2, 11);
    // noise, and missing values in one feature
    for (let i = 0; i < X.rows; i += 7) y[i] = 1 - y[i];
    for (let i = 0; i < X.rows; i += 13) X.columns[2][i] = NaN;
    for (const params of [
      { n_estimators: 40, max_depth: 3, learning_rate: 0.5 },
      { n_estimators: 15, max_depth: 3, min_samples_leaf: 20 },
    ]) {
      // trackTrainLoss takes the separate JavaScript loops
      const fused = await fitGbc({ X, y, params });
      const plain = await fitGbc({ X, y, params, trackTrainLoss: true });
      expect(concatBytes(fused.model.serialize().payload)).toBe(concatBytes(plain.model.serialize().payload));
      expect(fused.report.history?.loss.at(-1)).toBe(plain.report.history?.loss.at(-1));
    }
  });

  it('is deterministic, and subsample draws depend on the seed', async () => {
    const { X, y } = separableToy(800, 4, 2);
    const fit = (seed: number) => fitGbc({ X, y, params: { n_estimators: 20, subsample: 0.5, seed } });
    const [a, b, c] = await Promise.all([fit(1), fit(1), fit(2)]);
    expect(concatBytes(a.model.serialize().payload)).toBe(concatBytes(b.model.serialize().payload));
    expect(concatBytes(a.model.serialize().payload)).not.toBe(concatBytes(c.model.serialize().payload));
  });

  it('early stopping on an explicit validation set keeps the best iteration', async () => {
    // noisy labels: validation loss bottoms out early
    const { X, y } = separableToy(1200, 6, 2, 7);
    for (let i = 0; i < y.length; i += 3) y[i] = 1 - y[i];
    const tr = { rows: 800, cols: X.cols, columns: X.columns.map((c) => c.subarray(0, 800)) };
    const va = { rows: 400, cols: X.cols, columns: X.columns.map((c) => c.subarray(800)) };
    const { model, report } = await fitGbc({
      X: tr,
      y: y.subarray(0, 800),
      validation: { X: va, y: y.subarray(800) },
      params: { n_estimators: 500, max_depth: 5, learning_rate: 0.3, n_iter_no_change: 5 },
    });
    const val = report.history?.valLoss as number[];
    expect(val.length).toBeLessThan(500);
    expect(report.iterations).toBe(model.nTrees);
    // the kept model is the one with the smallest validation loss
    const best = val.indexOf(Math.min(...val));
    expect(report.iterations).toBe(best + 1);
    expect(val.length).toBe(best + 1 + 5);
  });

  it('early stopping with validation_fraction uses the tail of the training rows', async () => {
    const { X, y } = separableToy(1000, 4, 2, 8);
    const { report } = await fitGbc({
      X,
      y,
      params: { n_estimators: 300, n_iter_no_change: 3, validation_fraction: 0.2, validation_gap: 10 },
    });
    expect(report.history?.valLoss?.length).toBeGreaterThan(3);
    expect(report.iterations).toBeLessThanOrEqual(300);
  });

  it('reports progress per iteration and stops when cancelled', async () => {
    const { X, y } = separableToy(500, 3, 2);
    const flag = createCancelFlag();
    const seen: number[] = [];
    const run = fitGbc({
      X,
      y,
      params: { n_estimators: 50 },
      signal: flag,
      onProgress: (p) => {
        seen.push(p.fraction);
        if (seen.length === 10) flag.cancel();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen.length).toBe(10);
    expect(seen[9]).toBeCloseTo(10 / 50, 12);
  });

  it('records the training-loss curve on request, decreasing on a learnable problem', async () => {
    const { X, y } = separableToy(500, 3, 2);
    const { report } = await fitGbc({ X, y, params: { n_estimators: 30 }, trackTrainLoss: true });
    const loss = report.history?.loss as number[];
    expect(loss.length).toBe(30);
    for (let i = 1; i < loss.length; i++) expect(loss[i]).toBeLessThanOrEqual(loss[i - 1] + 1e-12);
  });

  it('rejects labels that are not class indices', async () => {
    const X = matrixFromRows([[0], [1]]);
    await expect(fitGbc({ X, y: Float64Array.of(0, 0.5) })).rejects.toThrow(/integers/);
  });
});

describe('gbr', () => {
  it('a regression tree recovers a step function', async () => {
    const { X, y, step } = stepToy(3000);
    const { model } = await fitGbr({ X, y, params: { n_estimators: 1, max_depth: 2, learning_rate: 1 } });
    // depth 2 on x alone: splits near 3 and 7 and leaf values = the step levels
    const grid = {
      rows: 9,
      cols: 2,
      columns: [Float64Array.of(0.5, 1, 2, 4, 5, 6, 8, 9, 9.9), new Float64Array(9)],
    };
    const pred = model.predict(grid).values;
    for (let i = 0; i < grid.rows; i++) expect(pred[i]).toBeCloseTo(step(grid.columns[0][i]), 12);
    expect(model.task).toBe('regression');
    expect(model.nClasses).toBe(1);
    expect(Array.from(model.featureImportance())).toEqual([1, 0]);
  });

  it('boosting with shrinkage converges to the step function', async () => {
    const { X, y } = stepToy(2000, 5);
    const { model, report } = await fitGbr({ X, y, params: { n_estimators: 100 } });
    const pred = model.predict(X).values;
    let maxErr = 0;
    for (let i = 0; i < y.length; i++) maxErr = Math.max(maxErr, Math.abs(pred[i] - y[i]));
    // residual shrinks by (1 - 0.1) per iteration: 0.9^100 * 3 ~ 8e-5
    expect(maxErr).toBeLessThan(1e-3);
    expect(report.history?.loss.at(-1)).toBeLessThan(1e-7);
  });
});
