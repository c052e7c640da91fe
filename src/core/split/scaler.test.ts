// StandardScaler: fitted on training rows only, zero spread handled, serialisable.
// (The comparison with scikit-learn on the seed's fold is in seed-rows.test.ts.)
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../models/types';
import { loadSampleBars } from '../test-utils/sample';
import { buildDataset } from './dataset';
import { fitScaler, scalerFromJSON, scalerToJSON, transform } from './scaler';
import { splitDataset } from './split-dataset';

const m = (...cols: number[][]): Matrix => ({
  rows: cols[0].length,
  cols: cols.length,
  columns: cols.map((c) => Float64Array.from(c)),
});

describe('fitScaler / transform', () => {
  it('population mean and std; a constant column is centred with scale 1', () => {
    const s = fitScaler(m([1, 2, 3, 4], [7, 7, 7, 7]), undefined, ['a', 'b']);
    expect(s.mean).toEqual([2.5, 7]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(s.std[1]).toBe(0);
    expect(s.scale[1]).toBe(1);
    const t = transform(m([1, 2, 3, 4], [7, 7, 7, 7]), s);
    expect(Array.from(t.columns[1])).toEqual([0, 0, 0, 0]);
    expect(t.columns[0][0]).toBeCloseTo(-1.5 / Math.sqrt(1.25), 15);
    expect(s.names).toEqual(['a', 'b']);
  });

  it('fits on the given rows only and transforms selected rows in order', () => {
    const X = m([1, 3, 100, -50]);
    const s = fitScaler(X, [0, 1]);
    expect(s.mean).toEqual([2]);
    expect(s.scale).toEqual([1]);
    expect(s.rows).toBe(2);
    expect(Array.from(transform(X, s, [3, 0]).columns[0])).toEqual([-52, -1]);
  });

  it('round-trips through JSON and rejects what is not a scaler', () => {
    const s = fitScaler(m([1, 2, 4], [0.5, 0.25, 1]));
    const back = scalerFromJSON(JSON.parse(JSON.stringify(scalerToJSON(s))));
    expect(back).toEqual(s);
    expect(() => scalerFromJSON({ mean: [1] })).toThrow(/not a scaler/);
    expect(() => fitScaler(m([1, 2]), [])).toThrow(/zero rows/);
    expect(() => transform(m([1], [2]), fitScaler(m([1])))).toThrow(/columns/);
  });
});

describe('scaler fitted on training rows of the real sample', () => {
  it('changing the validation rows (and everything after) leaves it unchanged', () => {
    const bars = loadSampleBars('BTC/USDT');
    const ds = buildDataset({ barsBySymbol: [bars], label: { kind: 'binary', horizon: 12 } });
    const split = splitDataset(ds, { trainWindow: '365d', validWindow: '30d' });
    const before = fitScaler(ds.X, split.train, ds.featureNames);
    // corrupt every validation row and every purged row in place
    for (const col of ds.X.columns) {
      for (const i of split.valid) col[i] = col[i] * 1000 + 7;
      for (const i of split.purged) col[i] = -1e9;
    }
    const after = fitScaler(ds.X, split.train, ds.featureNames);
    expect(after).toEqual(before);
    // and the fit does see what it is given: including validation rows changes it
    const all = fitScaler(ds.X, [...split.train, ...split.valid]);
    expect(all.mean[0]).not.toBe(before.mean[0]);
  });
});
