/**
 * Classification validation metrics, scikit-learn compatible: accuracy, balanced accuracy,
 * per-class precision / recall / F1, log-loss, ROC AUC (binary and macro one-vs-rest) and the
 * confusion matrix. Labels are class indices 0..nClasses-1; probabilities come as a row-major
 * `Predictions` (rows x nClasses). Hand-written because they are a few loops over typed arrays
 * and no dependency-free JS package matches scikit-learn's tie and zero-division rules.
 */
import type { Predictions } from '../types';
import { averageRanks } from './rank';
import { InternalError } from '../../errors';

/** counts[t * nClasses + p]: rows with true class t predicted as p (rows = truth, like sklearn). */
export interface ConfusionMatrix {
  nClasses: number;
  counts: Uint32Array;
}

export interface PerClassScores {
  precision: number[];
  recall: number[];
  f1: number[];
  /** rows of each true class */
  support: number[];
}

export interface ClassificationMetrics {
  rows: number;
  nClasses: number;
  accuracy: number;
  balancedAccuracy: number;
  perClass: PerClassScores;
  logLoss: number;
  /** binary: AUC of class 1; multi-class: macro one-vs-rest; NaN when undefined (one class only) */
  rocAuc: number;
  /** one-vs-rest AUC per class (binary: [auc of class 0, auc of class 1]) */
  rocAucPerClass: number[];
  confusion: ConfusionMatrix;
}

/** Index of the largest probability in each row (first one on ties, like numpy argmax). */
export function argmaxRows(pred: Predictions): Float64Array {
  const out = new Float64Array(pred.rows);
  const k = pred.nClasses;
  for (let i = 0; i < pred.rows; i++) {
    let best = 0;
    let bestV = pred.values[i * k];
    for (let c = 1; c < k; c++) {
      const v = pred.values[i * k + c];
      if (v > bestV) {
        bestV = v;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  nClasses: number,
): ConfusionMatrix {
  checkSameLength(yTrue, yPred);
  const counts = new Uint32Array(nClasses * nClasses);
  for (let i = 0; i < yTrue.length; i++) counts[yTrue[i] * nClasses + yPred[i]]++;
  return { nClasses, counts };
}

export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  checkSameLength(yTrue, yPred);
  let hit = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hit++;
  return yTrue.length > 0 ? hit / yTrue.length : NaN;
}

/** Mean recall over the classes present in yTrue (sklearn's balanced_accuracy_score). */
export function balancedAccuracy(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  nClasses: number,
): number {
  const { recall, support } = perClassScores(yTrue, yPred, nClasses);
  let sum = 0;
  let present = 0;
  for (let c = 0; c < nClasses; c++) {
    if (support[c] > 0) {
      sum += recall[c];
      present++;
    }
  }
  return present > 0 ? sum / present : NaN;
}

/** Precision, recall and F1 per class; 0 where the denominator is 0 (sklearn's zero_division default). */
export function perClassScores(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  nClasses: number,
): PerClassScores {
  const { counts } = confusionMatrix(yTrue, yPred, nClasses);
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  const support: number[] = [];
  for (let c = 0; c < nClasses; c++) {
    let truthC = 0;
    let predC = 0;
    for (let k = 0; k < nClasses; k++) {
      truthC += counts[c * nClasses + k];
      predC += counts[k * nClasses + c];
    }
    const tp = counts[c * nClasses + c];
    const p = predC > 0 ? tp / predC : 0;
    const r = truthC > 0 ? tp / truthC : 0;
    precision.push(p);
    recall.push(r);
    f1.push(p + r > 0 ? (2 * p * r) / (p + r) : 0);
    support.push(truthC);
  }
  return { precision, recall, f1, support };
}

/** Probabilities are clipped to [eps, 1 - eps] before the log, eps = 1e-15. */
export const LOG_LOSS_EPS = 1e-15;

/** Mean negative log-likelihood of the true class. Rows are used as given (not renormalised). */
export function logLoss(yTrue: ArrayLike<number>, proba: Predictions): number {
  if (yTrue.length !== proba.rows)
    throw new InternalError(`logLoss: ${yTrue.length} labels for ${proba.rows} rows`);
  let sum = 0;
  const k = proba.nClasses;
  for (let i = 0; i < proba.rows; i++) {
    const p = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, proba.values[i * k + yTrue[i]]));
    sum -= Math.log(p);
  }
  return proba.rows > 0 ? sum / proba.rows : NaN;
}

/**
 * Binary ROC AUC of `scores` for the positives (`isPositive(i)`), computed as the Mann-Whitney U
 * statistic with average ranks: a tied positive/negative pair counts one half, which is exactly
 * the area under sklearn's ROC curve (it joins tied thresholds with one diagonal segment).
 * NaN when there are no positives or no negatives (sklearn raises there).
 */
export function rocAucBinary(yTrue: ArrayLike<number>, scores: ArrayLike<number>, positiveClass = 1): number {
  checkSameLength(yTrue, scores);
  const ranks = averageRanks(scores);
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrue[i] === positiveClass) {
      nPos++;
      rankSum += ranks[i];
    }
  }
  const nNeg = yTrue.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** One-vs-rest AUC per class from a probability matrix. */
export function rocAucPerClass(yTrue: ArrayLike<number>, proba: Predictions): number[] {
  const k = proba.nClasses;
  const col = new Float64Array(proba.rows);
  const out: number[] = [];
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < proba.rows; i++) col[i] = proba.values[i * k + c];
    out.push(rocAucBinary(yTrue, col, c));
  }
  return out;
}

/**
 * sklearn's roc_auc_score: binary -> AUC of the class-1 probability; multi-class -> macro
 * average of the one-vs-rest AUCs (multi_class='ovr', average='macro'). Classes whose AUC is
 * undefined (absent from yTrue, or the only class) are left out of the average.
 */
export function rocAuc(yTrue: ArrayLike<number>, proba: Predictions): number {
  if (proba.nClasses === 2) {
    // binary: only the class-1 column is ranked
    const up = new Float64Array(proba.rows);
    for (let i = 0; i < proba.rows; i++) up[i] = proba.values[2 * i + 1];
    return rocAucBinary(yTrue, up, 1);
  }
  return macroAuc(rocAucPerClass(yTrue, proba));
}

/** The macro average of one-vs-rest AUCs, classes with an undefined AUC left out. */
function macroAuc(per: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const a of per) {
    if (!Number.isNaN(a)) {
      sum += a;
      n++;
    }
  }
  return n > 0 ? sum / n : NaN;
}

/** Every classification metric at once, predicted class = argmax of the probabilities. */
export function classificationMetrics(yTrue: ArrayLike<number>, proba: Predictions): ClassificationMetrics {
  const k = proba.nClasses;
  const yPred = argmaxRows(proba);
  const perAuc = rocAucPerClass(yTrue, proba);
  return {
    rows: proba.rows,
    nClasses: k,
    accuracy: accuracy(yTrue, yPred),
    balancedAccuracy: balancedAccuracy(yTrue, yPred, k),
    perClass: perClassScores(yTrue, yPred, k),
    logLoss: logLoss(yTrue, proba),
    rocAuc: k === 2 ? perAuc[1] : macroAuc(perAuc),
    rocAucPerClass: perAuc,
    confusion: confusionMatrix(yTrue, yPred, k),
  };
}

function checkSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new InternalError(`length mismatch: ${a.length} vs ${b.length}`);
}
