import { describe, expect, it } from 'vitest';
import { binMatrix } from './binning';
import {
  fitForestTrees,
  fitRfc,
  forestModelFromParts,
  mergeForestParts,
  resolveMaxFeatures,
  treeSeed,
} from './forest';
import { CancelledError } from '../../errors';
import { createCancelFlag } from '../../util/progress';
import { concatBytes, separableToy, trainingAccuracy } from './test-utils/toy';

describe('rfc', () => {
  it('separable toy: 100% training accuracy, probabilities are mean leaf frequencies', async () => {
    const { X, y } = separableToy(1500, 5, 2);
    const { model, report } = await fitRfc({ X, y, params: { n_estimators: 30 } });
    const p = model.predict(X);
    expect(trainingAccuracy(p.values, 2, y)).toBe(1);
    for (let i = 0; i < 20; i++) expect(p.values[2 * i] + p.values[2 * i + 1]).toBeCloseTo(1, 12);
    expect(report.iterations).toBe(30);
    expect(model.nTrees).toBe(30);
    // without bootstrap and with all features, fully grown trees are pure: exactly 0/1 probabilities
    const full = await fitRfc({ X, y, params: { n_estimators: 2, bootstrap: false, max_features: null } });
    const q = full.model.predict(X).values;
    for (let i = 0; i < y.length; i++) expect(q[2 * i + 1]).toBe(y[i]);
  });

  it('three classes', async () => {
    const { X, y } = separableToy(1200, 4, 3);
    const { model } = await fitRfc({ X, y, params: { n_estimators: 20 } });
    expect(model.nClasses).toBe(3);
    expect(trainingAccuracy(model.predict(X).values, 3, y)).toBeGreaterThan(0.99);
  });

  it('building trees [0, 50) and [50, 100) apart and merging equals building [0, 100)', async () => {
    const { X, y } = separableToy(600, 6, 2, 11);
    for (let i = 0; i < y.length; i += 4) y[i] = 1 - y[i]; // noise: deeper, more varied trees
    const data = binMatrix(X);
    const params = { seed: 42 };
    const whole = await fitForestTrees({ data, y, nClasses: 2, params, treeRange: [0, 100] });
    const b = await fitForestTrees({ data, y, nClasses: 2, params, treeRange: [50, 100] });
    const a = await fitForestTrees({ data, y, nClasses: 2, params, treeRange: [0, 50] });
    const merged = forestModelFromParts({ data, nClasses: 2, params, parts: [b, a] });
    const single = forestModelFromParts({ data, nClasses: 2, params, parts: [whole] });
    expect(concatBytes(merged.serialize().payload)).toBe(concatBytes(single.serialize().payload));
    expect(merged.serialize().header).toEqual(single.serialize().header);
    // and the same as fitRfc
    const direct = await fitRfc({ X, y, params: { ...params, n_estimators: 100 } });
    expect(concatBytes(direct.model.serialize().payload)).toBe(concatBytes(single.serialize().payload));
  });

  it('merging refuses gaps and overlaps', async () => {
    const { X, y } = separableToy(200, 3, 2);
    const data = binMatrix(X);
    const part = (from: number, to: number) =>
      fitForestTrees({ data, y, nClasses: 2, treeRange: [from, to], params: { n_estimators: 10 } });
    const [a, b] = await Promise.all([part(0, 3), part(4, 10)]);
    expect(() => mergeForestParts([a, b])).toThrow(/gap/);
  });

  it('is deterministic per seed', async () => {
    const { X, y } = separableToy(500, 5, 2);
    const fit = (seed: number) => fitRfc({ X, y, params: { n_estimators: 10, seed } });
    const [a, b, c] = await Promise.all([fit(3), fit(3), fit(4)]);
    expect(concatBytes(a.model.serialize().payload)).toBe(concatBytes(b.model.serialize().payload));
    expect(concatBytes(a.model.serialize().payload)).not.toBe(concatBytes(c.model.serialize().payload));
  });

  it('max_depth and min_samples_leaf bound the trees', async () => {
    const { X, y } = separableToy(800, 4, 2);
    const { model } = await fitRfc({ X, y, params: { n_estimators: 5, max_depth: 2 } });
    const e = model.state.ensemble;
    for (let t = 0; t < e.nTrees; t++) expect(e.treeStart[t + 1] - e.treeStart[t]).toBeLessThanOrEqual(7);
    const leafy = await fitRfc({ X, y, params: { n_estimators: 3, min_samples_leaf: 50, bootstrap: false } });
    // every leaf holds >= 50 training rows: at most 800 / 50 leaves per tree
    const f = leafy.model.state.ensemble;
    for (let t = 0; t < f.nTrees; t++) {
      let leaves = 0;
      for (let n = f.treeStart[t]; n < f.treeStart[t + 1]; n++) if (f.feature[n] < 0) leaves++;
      expect(leaves).toBeLessThanOrEqual(16);
    }
  });

  it('resolves max_features like sklearn', () => {
    expect(resolveMaxFeatures('sqrt', 19)).toBe(4);
    expect(resolveMaxFeatures('log2', 19)).toBe(4);
    expect(resolveMaxFeatures(null, 19)).toBe(19);
    expect(resolveMaxFeatures(0.5, 19)).toBe(9);
    expect(resolveMaxFeatures(7, 19)).toBe(7);
    expect(treeSeed(0, 0)).not.toBe(treeSeed(0, 1));
  });

  it('progress per tree and cancel between trees', async () => {
    const { X, y } = separableToy(300, 3, 2);
    const flag = createCancelFlag();
    let calls = 0;
    const run = fitRfc({
      X,
      y,
      signal: flag,
      onProgress: () => {
        calls++;
        if (calls === 5) flag.cancel();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(calls).toBe(5);
  });

  it('gain importance points at the informative features', async () => {
    const { X, y } = separableToy(1500, 6, 2);
    const { model } = await fitRfc({ X, y, params: { n_estimators: 20 } });
    const imp = model.featureImportance();
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // the label uses features 0, 1, 2; 3..5 are noise
    expect(Math.min(imp[0], imp[1], imp[2])).toBeGreaterThan(Math.max(imp[3], imp[4], imp[5]));
  });
});
