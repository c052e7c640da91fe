// The seed's first walk-forward fold, reproduced row for row: fingerprints computed by
// seed_reference.py's own code (features/golden/make_golden.py) must match.
import { describe, expect, it } from 'vitest';
import golden from '../features/golden/seed_fold1_btc.json';
import { loadSampleBars } from '../test-utils/sample';
import { seedFold, seedFoldStarts } from './seed-rows';

const relClose = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('seedFold (BTC/USDT, binary, h = 12, 8760 + 720 bars)', () => {
  const bars = loadSampleBars('BTC/USDT');
  const f = seedFold({ bars });

  it('starts at the seed start row and selects the seed rows exactly', () => {
    const ds = f.dataset;
    expect(ds.featureNames).toEqual(golden.feature_names);
    expect(ds.perSymbol[0].warmup).toBe(golden.start);
    expect(ds.barIndex[f.split.train[0]]).toBe(golden.train_rows[0]);
    expect(ds.barIndex[f.split.train[f.split.train.length - 1]] + 1).toBe(golden.train_rows[1]);
    expect(ds.barIndex[f.split.valid[0]]).toBe(golden.valid_rows[0]);
    expect(ds.barIndex[f.split.valid[f.split.valid.length - 1]] + 1).toBe(golden.valid_rows[1]);
    expect(f.split.train.length).toBe(8748);
    expect(f.split.valid.length).toBe(720);
    expect(f.split.purged.length).toBe(12);
    expect(new Date(ds.time[f.split.train[0]]).toISOString()).toBe('2020-01-02T00:00:00.000Z');
    expect(new Date(ds.time[f.split.valid[0]]).toISOString()).toBe('2021-01-01T00:00:00.000Z');
  });

  it('has the seed labels and features (column sums to 1e-12 relative)', () => {
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    expect(sum(f.ytrain)).toBe(golden.train_y_sum);
    expect(sum(f.yvalid)).toBe(golden.valid_y_sum);
    const ds = f.dataset;
    ds.featureNames.forEach((name, j) => {
      let tr = 0;
      let va = 0;
      for (const i of f.split.train) tr += ds.X.columns[j][i];
      for (const i of f.split.valid) va += ds.X.columns[j][i];
      expect(relClose(tr, golden.train_col_sums[j], 1e-12), `${name} train sum ${tr}`).toBe(true);
      expect(relClose(va, golden.valid_col_sums[j], 1e-12), `${name} valid sum ${va}`).toBe(true);
    });
  });

  it('scales like scikit-learn StandardScaler fitted on the training rows (1e-12 relative)', () => {
    f.scaler.mean.forEach((m, j) =>
      expect(relClose(m, golden.scaler_mean[j], 1e-12), `mean ${j}`).toBe(true),
    );
    f.scaler.scale.forEach((s, j) =>
      expect(relClose(s, golden.scaler_scale[j], 1e-12), `scale ${j}`).toBe(true),
    );
    expect(f.Xtrain.rows).toBe(8748);
    expect(f.Xvalid.rows).toBe(720);
  });

  it('lays out the later folds as the seed does (40 folds on BTC/USDT, 720 bars apart)', () => {
    const starts = seedFoldStarts({ dataset: f.dataset });
    // python: len(range(24, 37648 - 8760 - 720 + 1, 720)) == 40
    expect(starts.length).toBe(40);
    expect(starts[0]).toBe(24);
    expect(starts[39]).toBe(24 + 39 * 720);
    const last = seedFold({ bars, fold: 39, dataset: f.dataset });
    expect(f.dataset.barIndex[last.split.train[0]]).toBe(starts[39]);
    expect(f.dataset.barIndex[last.split.valid[0]]).toBe(starts[39] + 8760);
    expect(last.split.train.length).toBe(8748);
    expect(last.split.valid.length).toBe(720);
    expect(() => seedFold({ bars, fold: 40, dataset: f.dataset })).toThrow(/validation rows/);
  });
});
