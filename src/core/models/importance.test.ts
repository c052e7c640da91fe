import { describe, expect, it } from 'vitest';
import { permutationImportance } from './importance';
import type { Labels, Matrix, Model, Predictions } from './types';
import { rocAuc } from './metrics';
import { fitGbc } from './trees';
import { separableToy } from './trees/test-utils/toy';

/** A model that only looks at feature 0: y_hat = x0. */
const onlyFirst: Pick<Model, 'predict'> = {
  predict: (X: Matrix): Predictions => ({ rows: X.rows, nClasses: 1, values: X.columns[0].slice(0, X.rows) }),
};
const negMae = (y: Labels, p: Predictions) =>
  -p.values.reduce((a, v, i) => a + Math.abs(v - y[i]), 0) / y.length;

describe('permutation importance', () => {
  it('is zero for a feature the model ignores and positive for the one it uses', () => {
    const X: Matrix = {
      rows: 6,
      cols: 2,
      columns: [Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(9, 8, 7, 6, 5, 4)],
    };
    const y = Float64Array.of(1, 2, 3, 4, 5, 6);
    const r = permutationImportance({ model: onlyFirst, X, y, scorer: negMae, nRepeats: 4, seed: 1 });
    expect(r.baseline).toBe(-0);
    expect(r.mean[1]).toBe(0);
    expect(r.std[1]).toBe(0);
    expect(r.mean[0]).toBeGreaterThan(0);
    expect(r.drops[0]).toHaveLength(4);
    // the input matrix is left untouched
    expect(Array.from(X.columns[0])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('is seeded and ranks informative features of a fitted gbc first', async () => {
    const { X, y } = separableToy(1500, 5, 2);
    const { model } = await fitGbc({ X, y, params: { n_estimators: 30 } });
    const scorer = (t: Labels, p: Predictions) => rocAuc(t, p);
    const a = permutationImportance({ model, X, y, scorer, seed: 3 });
    const b = permutationImportance({ model, X, y, scorer, seed: 3 });
    expect(a.mean).toEqual(b.mean);
    // the label uses features 0, 1, 2
    expect(Math.min(a.mean[0], a.mean[1], a.mean[2])).toBeGreaterThan(Math.max(a.mean[3], a.mean[4]));
  });

  it('measures only the requested features', () => {
    const X: Matrix = { rows: 3, cols: 2, columns: [Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3)] };
    const r = permutationImportance({
      model: onlyFirst,
      X,
      y: Float64Array.of(1, 2, 3),
      scorer: negMae,
      features: [1],
    });
    expect(Object.keys(r.drops)).toEqual(['1']);
    expect(r.mean[0]).toBe(0);
  });
});
