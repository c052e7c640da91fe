// Hand-checked cases for the validation metrics; the expected numbers were worked out by hand
// and agree with scikit-learn 1.2 / scipy (roc_auc_score, log_loss, r2_score, spearmanr).
import { describe, expect, it } from 'vitest';
import type { Predictions } from '../types';
import {
  accuracy,
  averageRanks,
  balancedAccuracy,
  classificationMetrics,
  confusionMatrix,
  directionalAccuracy,
  logLoss,
  mae,
  majorityClassBaseline,
  perClassScores,
  r2,
  regressionMetrics,
  rmse,
  rocAuc,
  rocAucBinary,
  spearman,
  zeroReturnBaseline,
} from './index';

const binaryProba = (p1: number[]): Predictions => ({
  rows: p1.length,
  nClasses: 2,
  values: Float64Array.from(p1.flatMap((p) => [1 - p, p])),
});

describe('ROC AUC', () => {
  it('matches the scikit-learn documentation example', () => {
    expect(rocAucBinary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
  });
  it('counts a tied positive/negative pair as one half, like sklearn', () => {
    // pairs (pos, neg): (.5,.1)=1 (.5,.5)=.5 (.9,.1)=1 (.9,.5)=1 -> 3.5 / 4
    expect(rocAucBinary([0, 0, 1, 1], [0.1, 0.5, 0.5, 0.9])).toBeCloseTo(0.875, 12);
    // 5.5 / 9 (sklearn: 0.6111111111111112)
    expect(rocAucBinary([0, 1, 0, 1, 1, 0], [0.5, 0.5, 0.5, 0.2, 0.9, 0.2])).toBeCloseTo(5.5 / 9, 12);
    expect(rocAucBinary([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });
  it('is NaN with a single class and 0 for a perfectly inverted ranking', () => {
    expect(rocAucBinary([1, 1, 1], [0.1, 0.2, 0.3])).toBeNaN();
    expect(rocAucBinary([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).toBe(0);
  });
  it('uses the class-1 column for binary probabilities', () => {
    expect(rocAuc([0, 0, 1, 1], binaryProba([0.1, 0.4, 0.35, 0.8]))).toBeCloseTo(0.75, 12);
  });
});

// 7 rows, 3 classes; argmax predictions: [0, 1, 2, 2, 0 (tie .4/.4 -> first), 0, 2]
const y3 = [0, 1, 2, 2, 1, 0, 2];
const p3: Predictions = {
  rows: 7,
  nClasses: 3,
  values: Float64Array.from(
    [
      [0.7, 0.2, 0.1],
      [0.2, 0.5, 0.3],
      [0.1, 0.3, 0.6],
      [0.3, 0.3, 0.4],
      [0.4, 0.4, 0.2],
      [0.5, 0.1, 0.4],
      [0.2, 0.2, 0.6],
    ].flat(),
  ),
};

describe('multi-class metrics', () => {
  it('confusion matrix, accuracy, balanced accuracy, per-class scores', () => {
    const m = classificationMetrics(y3, p3);
    expect(Array.from(m.confusion.counts)).toEqual([2, 0, 0, 1, 1, 0, 0, 0, 3]);
    expect(m.accuracy).toBeCloseTo(6 / 7, 12);
    // recalls 1, 0.5, 1
    expect(m.balancedAccuracy).toBeCloseTo(2.5 / 3, 12);
    expect(m.perClass.precision).toEqual([2 / 3, 1, 1]);
    expect(m.perClass.recall).toEqual([1, 0.5, 1]);
    expect(m.perClass.f1[0]).toBeCloseTo(0.8, 12);
    expect(m.perClass.f1[1]).toBeCloseTo(2 / 3, 12);
    expect(m.perClass.support).toEqual([2, 2, 3]);
  });
  it('log-loss = mean of -log p(true class) (sklearn: 0.6567431451912735)', () => {
    const expected =
      -(
        Math.log(0.7) +
        Math.log(0.5) +
        Math.log(0.6) +
        Math.log(0.4) +
        Math.log(0.4) +
        Math.log(0.5) +
        Math.log(0.6)
      ) / 7;
    expect(logLoss(y3, p3)).toBeCloseTo(expected, 12);
    expect(logLoss(y3, p3)).toBeCloseTo(0.6567431451912735, 12);
  });
  it('one-vs-rest macro AUC (sklearn: 0.986111111111111)', () => {
    // class 0: 1.0; class 1: pos {.5,.4} vs neg {.2,.3,.3,.1,.2}: 10/10; class 2: pos {.6,.4,.6} vs
    // neg {.1,.3,.2,.4}: 11.5/12 -> (1 + 1 + 11.5/12) / 3
    expect(rocAuc(y3, p3)).toBeCloseTo((2 + 11.5 / 12) / 3, 12);
  });
  it('clips probabilities of 0 in log-loss instead of returning Infinity', () => {
    expect(logLoss([1], binaryProba([0]))).toBeCloseTo(-Math.log(1e-15), 6);
  });
  it('zero-division gives 0 and absent classes are left out of balanced accuracy', () => {
    const s = perClassScores([0, 0, 1], [0, 0, 0], 3);
    expect(s.precision).toEqual([2 / 3, 0, 0]);
    expect(s.recall).toEqual([1, 0, 0]);
    expect(balancedAccuracy([0, 0, 1], [0, 0, 0], 3)).toBe(0.5);
    expect(accuracy([0, 0, 1], [0, 0, 0])).toBeCloseTo(2 / 3, 12);
    expect(Array.from(confusionMatrix([0, 1], [1, 1], 2).counts)).toEqual([0, 1, 0, 1]);
  });
});

describe('regression metrics', () => {
  const t = [0.01, -0.02, 0.03, 0.0, -0.01];
  const p = [0.02, -0.01, -0.01, 0.01, -0.03];
  it('MAE, RMSE, R2, Spearman agree with sklearn / scipy', () => {
    expect(mae(t, p)).toBeCloseTo(0.018, 12);
    expect(rmse(t, p)).toBeCloseTo(0.021447610589527218, 12);
    expect(r2(t, p)).toBeCloseTo(-0.5540540540540537, 12);
    expect(spearman(t, p)).toBeCloseTo(0.41039134083406165, 12);
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 2])).toBeCloseTo(0.5, 12);
  });
  it('directional accuracy treats 0 as "not up"', () => {
    // up? t: T F T F F ; p: T F F T F -> matches rows 0, 1, 4
    expect(directionalAccuracy(t, p)).toBeCloseTo(3 / 5, 12);
  });
  it('R2 on a constant target follows sklearn force_finite', () => {
    expect(r2([1, 1], [1, 1])).toBe(1);
    expect(r2([1, 1], [1, 2])).toBe(0);
  });
  it('average ranks share ties', () => {
    expect(Array.from(averageRanks([3, 1, 3, 2]))).toEqual([3.5, 1, 3.5, 2]);
  });
  it('regressionMetrics bundles them', () => {
    const m = regressionMetrics(t, p);
    expect(m.rows).toBe(5);
    expect(m.ic).toBeCloseTo(0.41039134083406165, 12);
  });
});

describe('baselines', () => {
  it('majority class uses the training labels only', () => {
    const b = majorityClassBaseline({ yTrain: [1, 1, 0, 1], yEval: [0, 0, 1], nClasses: 2 });
    expect(b.majorityClass).toBe(1);
    expect(b.prior).toEqual([0.25, 0.75]);
    expect(b.metrics.accuracy).toBeCloseTo(1 / 3, 12);
    expect(b.metrics.rocAuc).toBe(0.5);
    expect(b.metrics.logLoss).toBeCloseTo(-(2 * Math.log(0.25) + Math.log(0.75)) / 3, 12);
  });
  it('zero return: directional accuracy = share of non-positive outcomes, IC undefined', () => {
    const m = zeroReturnBaseline([0.01, -0.02, 0.03, -0.01]);
    expect(m.directionalAccuracy).toBe(0.5);
    expect(m.mae).toBeCloseTo(0.0175, 12);
    expect(m.ic).toBeNaN();
  });
});
