/**
 * The training request: the seed's `train.start` fields (dataset, symbols, timeframe,
 * task, target_horizon, model, train_window, valid_window) plus our extras, with
 * defaults and checks that say what to fix.
 */
import type { LabelKind } from '../labels/labels';
import { kindFitsTask, MODEL_INFO } from '../models/catalog';
import type { ModelKind, Task } from '../models/types';
import { InputError } from '../errors';

export interface TrainRequest {
  /** dataset id as loaded (hub id, 'sample/...', or a file name) */
  dataset: string;
  symbols: string[];
  timeframe?: string;
  task: Task;
  /** classification labels: 'binary' up/down (default) or 'ternary' BUY/SELL/HOLD */
  label_kind?: Exclude<LabelKind, 'regression'>;
  /** ternary HOLD band on the forward return (default 0.005) */
  label_threshold?: number;
  target_horizon: number;
  model: ModelKind;
  train_window: string;
  valid_window: string;
  /** model hyperparameters (the "Advanced" form), scikit-learn names */
  params?: Record<string, unknown>;
  seed?: number;
  /** permutation importance on the validation window (default true) */
  permutation_importance?: boolean;
  /**
   * neural kinds: the id of a saved model of the same kind and shape whose weights this fit
   * starts from (then trains `params.epochs` epochs on the chosen window; 0 keeps them as saved)
   */
  init_from_model?: string;
}

export const TRAIN_DEFAULTS = {
  task: 'classification' as Task,
  target_horizon: 12,
  model: 'gbc' as ModelKind,
  train_window: '365d',
  valid_window: '30d',
  seed: 42,
};

export function checkTrainRequest(r: TrainRequest): void {
  if (!r.symbols?.length) throw new InputError('symbols', 'Choose at least one symbol to train on.');
  if (!MODEL_INFO[r.model])
    throw new InputError(
      'model',
      `Unknown model "${r.model}". Choose one of ${Object.keys(MODEL_INFO).join(', ')}.`,
    );
  const info = MODEL_INFO[r.model];
  if (!kindFitsTask(r.model, r.task))
    throw new InputError(
      'model',
      `${r.model} is a ${info.task} model, but the task is ${r.task}: pick a ${r.task} model or change the task.`,
    );
  if (r.init_from_model !== undefined) {
    if (typeof r.init_from_model !== 'string' || !r.init_from_model.trim())
      throw new InputError(
        'init_from_model',
        'Name the saved model to continue from (its id), or leave it out.',
      );
    if (info.family !== 'neural')
      throw new InputError(
        'init_from_model',
        `${r.model} models do not continue from saved weights: only mlp, lstm and transformer do.`,
      );
  }
  if (!Number.isInteger(r.target_horizon) || r.target_horizon < 1 || r.target_horizon > 10_000)
    throw new InputError(
      'target_horizon',
      `Target horizon must be a whole number of bars (1 or more); got ${r.target_horizon}.`,
    );
}
