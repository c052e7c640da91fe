/**
 * Permutation importance on a validation set, for any Model: how much a score drops when one
 * feature's column is shuffled (breaking its link to the target while keeping its distribution).
 * Generic over the Model interface and metric-agnostic: the caller passes a scorer where higher is
 * better (e.g. ROC AUC, or minus the RMSE). Seeded, so the same inputs give the same numbers.
 * Gain-based importance comes from the models themselves (Model.featureImportance).
 */
import type { Labels, Matrix, Model, Predictions } from './types';
import { createRng } from '../util/rng';
import { throwIfCancelled, type CancelSignal, type ProgressFn } from '../util/progress';
import { InternalError } from '../errors';

/** Higher is better. */
export type Scorer = (yTrue: Labels, predictions: Predictions) => number;

export interface PermutationImportanceOptions {
  model: Pick<Model, 'predict'>;
  X: Matrix;
  y: Labels;
  scorer: Scorer;
  /** shuffles per feature (default 5, like sklearn) */
  nRepeats?: number;
  seed?: number;
  /** features to measure (default all) */
  features?: number[];
  onProgress?: ProgressFn;
  signal?: CancelSignal;
}

export interface PermutationImportance {
  /** score on the unshuffled rows */
  baseline: number;
  /** per feature: mean of (baseline - shuffled score) over the repeats; 0 for features not measured */
  mean: Float64Array;
  /** per feature: population standard deviation over the repeats */
  std: Float64Array;
  /** per measured feature, the nRepeats drops */
  drops: Record<number, number[]>;
}

export function permutationImportance(options: PermutationImportanceOptions): PermutationImportance {
  const { model, X, y, scorer } = options;
  const nRepeats = options.nRepeats ?? 5;
  if (!(nRepeats >= 1)) throw new InternalError('nRepeats must be >= 1');
  const features = options.features ?? Array.from({ length: X.cols }, (_, j) => j);
  const rng = createRng(options.seed ?? 0);
  const baseline = scorer(y, model.predict(X));
  const mean = new Float64Array(X.cols);
  const std = new Float64Array(X.cols);
  const drops: Record<number, number[]> = {};
  const shuffled = new Float64Array(X.rows);
  const columns = X.columns.slice();
  const total = features.length * nRepeats;
  let done = 0;
  for (const j of features) {
    if (j < 0 || j >= X.cols) throw new InternalError(`feature ${j} out of range`);
    const d: number[] = [];
    for (let r = 0; r < nRepeats; r++) {
      throwIfCancelled(options.signal);
      shuffled.set(X.columns[j].subarray(0, X.rows));
      for (let i = X.rows - 1; i > 0; i--) {
        const k = rng.int(i + 1);
        const t = shuffled[i];
        shuffled[i] = shuffled[k];
        shuffled[k] = t;
      }
      columns[j] = shuffled;
      d.push(baseline - scorer(y, model.predict({ rows: X.rows, cols: X.cols, columns })));
      columns[j] = X.columns[j];
      done++;
      options.onProgress?.({
        stage: 'importance',
        fraction: done / total,
        message: `feature ${j} repeat ${r + 1}`,
      });
    }
    const m = d.reduce((a, b) => a + b, 0) / d.length;
    mean[j] = m;
    std[j] = Math.sqrt(d.reduce((a, b) => a + (b - m) ** 2, 0) / d.length);
    drops[j] = d;
  }
  return { baseline, mean, std, drops };
}
