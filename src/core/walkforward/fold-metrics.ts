/**
 * Out-of-sample model quality of a fold (or a whole run) in a compact, JSON-safe form:
 * accuracy, AUC and log-loss for classifiers; MAE, RMSE, IC and directional accuracy for
 * regressors (src/core/models/metrics does the math).
 */
import { classificationMetrics, regressionMetrics } from '../models/metrics';
import type { FoldModelMetrics } from './types';

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** `values`: row-major probabilities (nClasses > 1) or predicted log returns (nClasses 1). */
export function foldModelMetrics(y: Float64Array, values: Float64Array, nClasses: number): FoldModelMetrics {
  const rows = y.length;
  if (rows === 0) return { rows: 0 };
  if (nClasses > 1) {
    const m = classificationMetrics(y, { rows, nClasses, values });
    return { rows, accuracy: num(m.accuracy), auc: num(m.rocAuc), log_loss: num(m.logLoss) };
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
