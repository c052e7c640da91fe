// gbc's early stopping cuts its validation rows from the tail of a fold's training rows; the
// labels of the rows just before that tail look h bars ahead into it, so h rows are dropped
// between them (validation_gap = the label horizon), as at every other split.
import { describe, expect, it } from 'vitest';
import { fitModel } from '../models/registry';
import { fitScaler, transform } from '../split/scaler';
import { runFold } from './fold';
import { planWalkForward } from './plan';
import { sampleSlice, smallGbcRequest } from './test-utils/fixtures';

const H = 24;

async function foldAndManual(gap: number) {
  const req = smallGbcRequest({ max_folds: 1 });
  req.model = {
    ...req.model,
    target_horizon: H,
    params: {
      n_estimators: 200,
      max_depth: 3,
      learning_rate: 0.3,
      n_iter_no_change: 3,
      validation_fraction: 0.2,
    },
  };
  const plan = planWalkForward(req, [sampleSlice('BTC/USDT', 3200)]);
  const fold = await runFold({ plan, task: 0 });
  const d = plan.symbols[0];
  const [a, b] = d.rows[0].train;
  const [ta, tb] = d.rows[0].test;
  const idx = (x: number, y: number) => Int32Array.from({ length: y - x }, (_, i) => x + i);
  const raw = { rows: b - a, cols: d.dataset.X.cols, columns: d.dataset.X.columns.map((c) => c.slice(a, b)) };
  const scaler = fitScaler(raw, undefined, d.dataset.featureNames);
  const { model } = await fitModel({
    kind: 'gbc',
    task: 'classification',
    X: transform(raw, scaler),
    y: d.dataset.y.slice(a, b),
    nClasses: 2,
    params: { seed: plan.request.model.seed, ...req.model.params, validation_gap: gap },
  });
  const pred = model.predict(transform(d.dataset.X, scaler, idx(ta, tb)));
  return { fold: fold.predictions[0].values, manual: pred.values };
}

describe('early stopping inside a walk-forward fold', () => {
  it('leaves a gap of h rows before the validation tail', async () => {
    const purged = await foldAndManual(H);
    expect(Array.from(purged.fold)).toEqual(Array.from(purged.manual));
    const unpurged = await foldAndManual(0);
    expect(Array.from(unpurged.fold)).not.toEqual(Array.from(unpurged.manual));
  }, 30_000);
});
