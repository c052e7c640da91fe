/**
 * Hyperparameters of the linear SGD models (`sgdc`, `sgdr`), with scikit-learn's
 * SGDClassifier / SGDRegressor defaults so results are comparable with the seed's stack.
 */
import type { LinearModelKind } from '../../types';
import { InputError } from '../../../errors';

export type SgdLoss = 'log_loss' | 'squared_error' | 'huber';
/** 'optimal': eta = 1/(alpha*(t0+t-1)) (Bottou's heuristic t0, sklearn's classifier default);
 *  'constant': eta = eta0; 'invscaling': eta = eta0 / t^powerT (sklearn's regressor default). */
export type LearningRateSchedule = 'optimal' | 'constant' | 'invscaling';
export type SgdOptimizer = 'sgd' | 'adam';
/** 'js': the update math on typed arrays; 'tf': on TensorFlow.js tensors (the active backend);
 *  'auto': 'js' for batchSize 1 (per-op dispatch would dominate), 'tf' for mini-batches. */
export type SgdEngine = 'auto' | 'tf' | 'js';
export type ClassWeightOption = 'none' | 'balanced' | number[];

export interface SgdOptions {
  loss: SgdLoss;
  /** L2 penalty strength (intercept not penalised) */
  alpha: number;
  learningRate: LearningRateSchedule;
  /** initial / constant learning rate for 'constant', 'invscaling' and adam */
  eta0: number;
  powerT: number;
  optimizer: SgdOptimizer;
  adamBeta1: number;
  adamBeta2: number;
  adamEpsilon: number;
  /** Huber loss switch point (sklearn's `epsilon`) */
  huberEpsilon: number;
  /** sklearn's max_iter: passes over the training rows */
  maxEpochs: number;
  /** stop when the epoch's summed loss fails to improve by tol * n for nIterNoChange epochs; null disables */
  tol: number | null;
  nIterNoChange: number;
  /** 1 = per-sample SGD exactly like sklearn; larger = mini-batch (mean gradient, one schedule step per batch) */
  batchSize: number;
  shuffle: boolean;
  seed: number;
  /** classification only */
  classWeight: ClassWeightOption;
  engine: SgdEngine;
}

const COMMON: Omit<SgdOptions, 'loss' | 'learningRate' | 'powerT'> = {
  alpha: 1e-4,
  eta0: 0.01,
  optimizer: 'sgd',
  adamBeta1: 0.9,
  adamBeta2: 0.999,
  adamEpsilon: 1e-8,
  huberEpsilon: 0.1,
  maxEpochs: 1000,
  tol: 1e-3,
  nIterNoChange: 5,
  batchSize: 1,
  shuffle: true,
  seed: 0,
  classWeight: 'none',
  engine: 'auto',
};

export const SGDC_DEFAULTS: SgdOptions = {
  ...COMMON,
  loss: 'log_loss',
  learningRate: 'optimal',
  powerT: 0.5,
};
export const SGDR_DEFAULTS: SgdOptions = {
  ...COMMON,
  loss: 'squared_error',
  learningRate: 'invscaling',
  powerT: 0.25,
};

/** Defaults merged with the given options, validated. Adam without an explicit schedule uses constant eta0=0.001. */
export function resolveSgdOptions(kind: LinearModelKind, options: Partial<SgdOptions> = {}): SgdOptions {
  const base = kind === 'sgdc' ? SGDC_DEFAULTS : SGDR_DEFAULTS;
  const o: SgdOptions = { ...base, ...options };
  if (options.optimizer === 'adam') {
    if (options.learningRate === undefined) o.learningRate = 'constant';
    if (options.eta0 === undefined) o.eta0 = 0.001;
  }
  if (kind === 'sgdc' && o.loss !== 'log_loss')
    throw new InputError('params.loss', `sgdc supports loss 'log_loss' only (got ${o.loss})`);
  if (kind === 'sgdr' && o.loss === 'log_loss')
    throw new InputError('params.loss', `sgdr needs 'squared_error' or 'huber'`);
  if (!(o.alpha >= 0)) throw new InputError('params.alpha', 'alpha must be >= 0');
  if (o.learningRate === 'optimal' && !(o.alpha > 0))
    throw new InputError('params.alpha', "learningRate 'optimal' needs alpha > 0");
  if (o.learningRate !== 'optimal' && !(o.eta0 > 0)) throw new InputError('params.eta0', 'eta0 must be > 0');
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1)
    throw new InputError('params.batch_size', 'batchSize must be a positive integer');
  if (!Number.isInteger(o.maxEpochs) || o.maxEpochs < 1)
    throw new InputError('params.max_iter', 'maxEpochs must be a positive integer');
  if (!(o.huberEpsilon > 0)) throw new InputError('params.huberEpsilon', 'huberEpsilon must be > 0');
  return o;
}
