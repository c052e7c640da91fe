/**
 * Validation metrics of a trained model, with the do-nothing baselines beside them
 * (majority class; zero return), overall and per symbol.
 */
import {
  classificationMetrics,
  majorityClassBaseline,
  regressionMetrics,
  zeroReturnBaseline,
} from '../models/metrics';
import type { ClassificationMetrics, RegressionMetrics } from '../models/metrics';
import type { Predictions, Task } from '../models/types';

export interface EvaluationBlock {
  rows: number;
  metrics: ClassificationMetrics | RegressionMetrics;
  baseline: ClassificationMetrics | RegressionMetrics;
  baselineName: string;
  /** rows of the window left out (no prediction: a sequence model's rows without full history) */
  excluded_rows?: number;
  /** why excluded_rows were left out */
  excluded_reason?: string;
}

/** The prediction rows `idx`, in that order. */
export function subsetPred(pred: Predictions, idx: ArrayLike<number>): Predictions {
  const k = pred.nClasses;
  const values = new Float64Array(idx.length * k);
  for (let i = 0; i < idx.length; i++)
    for (let c = 0; c < k; c++) values[i * k + c] = pred.values[idx[i] * k + c];
  return { rows: idx.length, nClasses: k, values };
}

export function evaluate(options: {
  task: Task;
  nClasses: number;
  yTrain: Float64Array;
  yValid: Float64Array;
  pred: Predictions;
}): EvaluationBlock {
  const { task, yTrain, yValid, pred, nClasses } = options;
  if (task === 'classification') {
    const base = majorityClassBaseline({ yTrain, yEval: yValid, nClasses });
    return {
      rows: yValid.length,
      metrics: classificationMetrics(yValid, pred),
      baseline: base.metrics,
      baselineName: `majority class (${base.majorityClass}) with the training prior`,
    };
  }
  return {
    rows: yValid.length,
    metrics: regressionMetrics(yValid, pred.values),
    baseline: zeroReturnBaseline(yValid),
    baselineName: 'zero return',
  };
}

/** The same evaluation per symbol (rows of the validation set grouped by symbol index). */
export function evaluatePerSymbol(options: {
  task: Task;
  nClasses: number;
  symbols: string[];
  symbolOfValid: Int32Array;
  yTrain: Float64Array;
  yValid: Float64Array;
  pred: Predictions;
}): Record<string, EvaluationBlock> {
  const out: Record<string, EvaluationBlock> = {};
  options.symbols.forEach((sym, k) => {
    const idx: number[] = [];
    for (let i = 0; i < options.symbolOfValid.length; i++) if (options.symbolOfValid[i] === k) idx.push(i);
    if (idx.length === 0) return;
    out[sym] = evaluate({
      task: options.task,
      nClasses: options.nClasses,
      yTrain: options.yTrain,
      yValid: Float64Array.from(idx, (i) => options.yValid[i]),
      pred: subsetPred(options.pred, idx),
    });
  });
  return out;
}
