/**
 * "Doing nothing" baselines reported beside every model so a user sees whether it beats them:
 * classification -> always the majority class of the training labels, with the training class
 * frequencies as probabilities (AUC 0.5, log-loss of the prior); regression -> always predict a
 * zero forward return.
 */
import type { Predictions } from '../types';
import { classificationMetrics, type ClassificationMetrics } from './classification';
import { regressionMetrics, type RegressionMetrics } from './regression';

export interface MajorityClassOptions {
  /** training labels: the majority class and the prior come from these only */
  yTrain: ArrayLike<number>;
  /** labels of the rows the baseline is scored on */
  yEval: ArrayLike<number>;
  nClasses: number;
}

export interface MajorityClassBaseline {
  majorityClass: number;
  prior: number[];
  metrics: ClassificationMetrics;
}

export function majorityClassBaseline({
  yTrain,
  yEval,
  nClasses,
}: MajorityClassOptions): MajorityClassBaseline {
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < yTrain.length; i++) counts[yTrain[i]]++;
  let majorityClass = 0;
  for (let c = 1; c < nClasses; c++) if (counts[c] > counts[majorityClass]) majorityClass = c;
  const prior = Array.from(counts, (c) => c / yTrain.length);
  // argmax of the prior is the majority class, so the predicted labels are the majority class
  const values = new Float64Array(yEval.length * nClasses);
  for (let i = 0; i < yEval.length; i++)
    for (let c = 0; c < nClasses; c++) values[i * nClasses + c] = prior[c];
  const proba: Predictions = { rows: yEval.length, nClasses, values };
  return { majorityClass, prior, metrics: classificationMetrics(yEval, proba) };
}

export function zeroReturnBaseline(yEval: ArrayLike<number>): RegressionMetrics {
  return regressionMetrics(yEval, new Float64Array(yEval.length));
}
