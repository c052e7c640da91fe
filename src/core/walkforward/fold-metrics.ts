/**
 * Out-of-sample model quality of a fold (or a whole run) in a compact, JSON-safe form:
 * accuracy, AUC and log-loss for classifiers; MAE, RMSE, IC and directional accuracy for
 * regressors (src/core/models/metrics does the math).
 */
import { accuracy, argmaxRows, logLoss, rocAuc, regressionMetrics } from '../models/metrics';
import type { FoldModelMetrics } from './types';

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** `values`: row-major probabilities (nClasses > 1) or predicted log returns (nClasses 1). */
export function foldModelMetrics(y: Float64Array, values: Float64Array, nClasses: number): FoldModelMetrics {
  const rows = y.length;
  if (rows === 0) return { rows: 0 };
  if (nClasses > 1) {
    // only the three figures kept (classificationMetrics also ranks every class for per-class AUCs)
    const proba = { rows, nClasses, values };
    return {
      rows,
      accuracy: num(accuracy(y, argmaxRows(proba))),
      auc: num(rocAuc(y, proba)),
      log_loss: num(logLoss(y, proba)),
    };
  }
  const m = regressionMetrics(y, values);
  return {
    rows,
    mae: num(m.mae),
    rmse: num(m.rmse),
    ic: num(m.ic),
    directional_accuracy: num(m.directionalAccuracy),
  };
}

/** The trading signal from a model output row: P(last class) = P(up) / P(BUY), or expm1(log return). */
export function signalOf(values: Float64Array, nClasses: number, i: number): number {
  return nClasses > 1 ? values[i * nClasses + nClasses - 1] : Math.expm1(values[i]);
}
