import { describe, expect, it } from 'vitest';
import { deserializeTreeModel, fitGbc, fitGbr, fitRfc, TREE_FORMAT, type TreeModel } from './index';
import type { Matrix, SerializedModel } from '../types';
import { separableToy, stepToy } from './test-utils/toy';

/** Through JSON for the header and byte copies at odd offsets for the blobs, as storage would. */
function roundTrip(s: SerializedModel): SerializedModel {
  const payload: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(s.payload)) {
    const big = new Uint8Array(v.byteLength + 3);
    big.set(v, 3);
    payload[k] = big.subarray(3); // unaligned view
  }
  return { ...JSON.parse(JSON.stringify({ ...s, payload: {} })), payload };
}

function withNaN(X: Matrix): Matrix {
  const columns = X.columns.map((c) => c.slice());
  for (let i = 0; i < X.rows; i += 7) columns[i % X.cols][i] = NaN;
  return { ...X, columns };
}

async function check(model: TreeModel, X: Matrix): Promise<void> {
  const s = model.serialize();
  expect(s.format).toBe(TREE_FORMAT);
  const back = deserializeTreeModel(roundTrip(s));
  expect(back.kind).toBe(model.kind);
  expect(back.task).toBe(model.task);
  expect(back.nClasses).toBe(model.nClasses);
  for (const M of [X, withNaN(X)]) expect(back.predict(M).values).toEqual(model.predict(M).values);
  expect(back.featureImportance()).toEqual(model.featureImportance());
  expect(back.state.binEdges).toEqual(model.state.binEdges);
}

describe('tree-ensemble/1 serialisation', () => {
  it('round-trips gbc (binary and 3 classes), gbr and rfc with identical predictions', async () => {
    const bin = separableToy(600, 4, 2);
    const multi = separableToy(600, 4, 3);
    const step = stepToy(600);
    await check((await fitGbc({ ...bin, params: { n_estimators: 20 } })).model, bin.X);
    await check((await fitGbc({ ...multi, params: { n_estimators: 10 } })).model, multi.X);
    await check((await fitGbr({ ...step, params: { n_estimators: 10 } })).model, step.X);
    await check((await fitRfc({ ...bin, params: { n_estimators: 10 } })).model, bin.X);
  });

  it('is compact: header JSON plus one blob per node field', async () => {
    const bin = separableToy(600, 4, 2);
    const { model } = await fitGbc({ ...bin });
    const s = model.serialize();
    expect(Object.keys(s.payload).sort()).toEqual([
      'bin_edges.f64',
      'feature.i32',
      'left.i32',
      'threshold.f64',
      'tree_start.i32',
      'value.f64',
    ]);
    const nodes = s.header.nNodes as number;
    expect(nodes).toBeLessThanOrEqual(100 * 15);
    expect(s.payload['threshold.f64'].byteLength).toBe(nodes * 8);
    expect(s.header).toMatchObject({
      kind: 'gbc',
      task: 'classification',
      nClasses: 2,
      nTrees: 100,
      nFeatures: 4,
    });
  });

  it('rejects a corrupt payload', async () => {
    const bin = separableToy(200, 3, 2);
    const s = (await fitGbc({ ...bin, params: { n_estimators: 3 } })).model.serialize();
    const bad = {
      ...s,
      payload: { ...s.payload, 'left.i32': new Uint8Array(s.payload['left.i32'].byteLength) },
    };
    expect(() => deserializeTreeModel(bad)).toThrow(/child index/);
    const short = { ...s, payload: { ...s.payload, 'value.f64': s.payload['value.f64'].subarray(8) } };
    expect(() => deserializeTreeModel(short)).toThrow(/bytes/);
    expect(() => deserializeTreeModel({ ...s, format: 'tfjs-layers/1' })).toThrow(/format/);
  });
});
