/**
 * Test data of the ensemble tests: the real sample's first bars as a dataset (features, binary
 * labels h = 12), scaled on a training head, with the rest held out.
 */
import { sliceBars } from '../../data/bars';
import { DEFAULT_FEATURE_SET } from '../../features/registry';
import { buildDataset, fitScaler, takeRows, takeValues, transform } from '../../split';
import { loadSampleBars } from '../../test-utils/sample';
import type { RowContext } from '../registry';
import type { Labels, Matrix } from '../types';

export const H = 12;

export interface Part {
  X: Matrix;
  y: Labels;
  context: RowContext;
}

/** `n` bars of BTC/USDT: training rows [0, train) and test rows after a purge of H. */
export function sampleParts(n: number, train: number): { train: Part; test: Part; nClasses: number } {
  const ds = buildDataset({
    barsBySymbol: [sliceBars(loadSampleBars('BTC/USDT'), 0, n)],
    featureSet: DEFAULT_FEATURE_SET,
    label: { kind: 'binary', horizon: H },
  });
  const idx = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
  const tr = idx(0, train);
  const te = idx(train + H, ds.y.length);
  const scaler = fitScaler(ds.X, tr, ds.featureNames);
  const part = (rows: Int32Array): Part => ({
    X: transform(takeRows(ds.X, rows), scaler),
    y: takeValues(ds.y, rows),
    context: { groups: new Int32Array(rows.length), time: takeValues(ds.time, rows), barMs: ds.barMs },
  });
  return { train: part(tr), test: part(te), nClasses: ds.label.nClasses };
}
