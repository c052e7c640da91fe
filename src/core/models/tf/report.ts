/**
 * The fit report of the TensorFlow.js-family models: the common FitReport plus where and
 * how it ran, so metrics.json can say which backend trained the model.
 */
import * as tf from '@tensorflow/tfjs';
import type { FitReport } from '../types';

export interface TfFitReport extends FitReport {
  /** 'tf' when the training math ran on TensorFlow.js ops, 'js' when on typed arrays */
  engine: 'tf' | 'js';
  /** tf.getBackend() at fit time (recorded even when engine is 'js') */
  tfBackend: string;
  /** rows actually trained on (lstm drops rows without a full history window) */
  trainRows: number;
  /** true when training stopped before maxEpochs (tolerance or early stopping) */
  stoppedEarly: boolean;
  /** 1-based epoch whose weights were kept (neural models restore the best validation epoch) */
  bestEpoch?: number;
}

/** The active tfjs backend name, or 'none' if tf has not initialised one. */
export function currentBackend(): string {
  return tf.getBackend() ?? 'none';
}
