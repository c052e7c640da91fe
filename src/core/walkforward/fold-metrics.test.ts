import { describe, expect, it } from 'vitest';
import { classificationMetrics } from '../models/metrics';
import { createRng } from '../util/rng';
import { foldModelMetrics } from './fold-metrics';

/** Labels and row-major probabilities with ties (rounded scores), as fold predictions have. */
function sample(rows: number, k: number, seed: number) {
  const rng = createRng(seed);
  const y = new Float64Array(rows);
  const values = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) {
    y[i] = Math.floor(rng.next() * k);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const v = Math.round((rng.next() + (c === y[i] ? 0.3 : 0)) * 20) / 20 + 0.01;
      values[i * k + c] = v;
      sum += v;
    }
    for (let c = 0; c < k; c++) values[i * k + c] /= sum;
  }
  return { y, values };
}

describe('foldModelMetrics', () => {
  it('gives classificationMetrics figures (binary and multi-class), computing each once', () => {
    for (const [k, seed] of [
      [2, 1],
      [2, 2],
      [3, 3],
    ]) {
      const { y, values } = sample(2000, k, seed);
      const want = classificationMetrics(y, { rows: y.length, nClasses: k, values });
      const got = foldModelMetrics(y, values, k);
      expect(got).toEqual({
        rows: y.length,
        accuracy: want.accuracy,
        auc: want.rocAuc,
        log_loss: want.logLoss,
      });
      expect(got.auc).toBeGreaterThan(0.55); // the scores carry signal: not a degenerate case
    }
  });

  it('an AUC without both classes is null', () => {
    const y = new Float64Array(10).fill(1);
    const values = new Float64Array(20).fill(0.5);
    expect(foldModelMetrics(y, values, 2).auc).toBeNull();
  });
});
