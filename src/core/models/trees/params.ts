/**
 * Hyperparameters of the tree models, with scikit-learn's names and defaults (snake_case so they
 * match the request fields and the "Advanced" form), and the options every fit takes.
 */
import type { Labels, Matrix } from '../types';
import type { CancelSignal, ProgressFn } from '../../util/progress';
import { InternalError } from '../../errors';

export interface BoostingParams {
  n_estimators: number;
  learning_rate: number;
  max_depth: number;
  /** minimum training rows in a leaf (sklearn default 1) */
  min_samples_leaf: number;
  /** minimum hessian sum in a leaf (XGBoost's min_child_weight; sklearn-hist's 1e-3 guard) */
  min_child_weight: number;
  /** L2 penalty on leaf values (lambda); 0 like sklearn */
  l2_regularization: number;
  /** fraction of rows drawn without replacement for each iteration (stochastic boosting) */
  subsample: number;
  max_bins: number;
  seed: number;
  /** early stopping: stop after this many iterations without a validation-loss improvement; null = off */
  n_iter_no_change: number | null;
  /** when early stopping is on and no validation set is given: the last fraction of the training rows */
  validation_fraction: number;
  /** rows dropped between that training tail and the rest (set to the label horizon to purge overlap) */
  validation_gap: number;
  /** minimum improvement of the validation loss that counts */
  tol: number;
}

export const BOOSTING_DEFAULTS: BoostingParams = {
  n_estimators: 100,
  learning_rate: 0.1,
  max_depth: 3,
  min_samples_leaf: 1,
  min_child_weight: 1e-3,
  l2_regularization: 0,
  subsample: 1,
  max_bins: 255,
  seed: 0,
  n_iter_no_change: null,
  validation_fraction: 0.1,
  validation_gap: 0,
  tol: 1e-7,
};

export interface ForestParams {
  n_estimators: number;
  /** null = grow until pure or min_samples_* stop it (capped at MAX_FOREST_DEPTH) */
  max_depth: number | null;
  min_samples_split: number;
  min_samples_leaf: number;
  /** features tried per split: 'sqrt', 'log2', a count (>= 1) or a fraction (< 1), null = all */
  max_features: 'sqrt' | 'log2' | number | null;
  bootstrap: boolean;
  max_bins: number;
  seed: number;
}

/** Depth cap when max_depth is null: far beyond what 2^depth rows need, keeps recursion bounded. */
export const MAX_FOREST_DEPTH = 64;

export const FOREST_DEFAULTS: ForestParams = {
  n_estimators: 100,
  max_depth: null,
  min_samples_split: 2,
  min_samples_leaf: 1,
  max_features: 'sqrt',
  bootstrap: true,
  max_bins: 255,
  seed: 0,
};

export interface TreeFitOptions<P> {
  X: Matrix;
  /** class indices 0..nClasses-1 (classifiers) or real targets (regressor) */
  y: Labels;
  params?: Partial<P>;
  /** classifiers: number of classes; default max(y) + 1 */
  nClasses?: number;
  /** explicit validation rows for early stopping (boosting only) */
  validation?: { X: Matrix; y: Labels };
  onProgress?: ProgressFn;
  signal?: CancelSignal;
  /** boosting: record the training loss after every iteration in report.history (costs a log per row) */
  trackTrainLoss?: boolean;
}

export function resolveParams<P extends object>(defaults: P, given: Partial<P> | undefined): P {
  const out = { ...defaults };
  if (given) {
    for (const k of Object.keys(given) as (keyof P)[]) {
      const v = given[k];
      if (v !== undefined) out[k] = v as P[keyof P];
    }
  }
  return out;
}

export function countClasses(y: Labels, nClasses?: number): number {
  let max = 0;
  for (let i = 0; i < y.length; i++) {
    const c = y[i];
    if (!Number.isInteger(c) || c < 0)
      throw new InternalError(`class labels must be integers >= 0, got ${c} at row ${i}`);
    if (c > max) max = c;
  }
  const k = nClasses ?? max + 1;
  if (max >= k) throw new InternalError(`label ${max} out of range for ${k} classes`);
  return Math.max(2, k);
}

/**
 * Boosting parameters with early stopping's validation tail purged: at least `horizon` rows
 * (the label horizon) dropped between the training rows and that tail, since the labels of the
 * rows just before it look `horizon` bars ahead into it. Other kinds are returned unchanged.
 */
export function purgeValidationTail(
  kind: string,
  params: Record<string, unknown>,
  horizon: number,
): Record<string, unknown> {
  if (kind !== 'gbc' && kind !== 'gbr') return params;
  const given = typeof params.validation_gap === 'number' ? params.validation_gap : 0;
  return { ...params, validation_gap: Math.max(given, horizon) };
}
