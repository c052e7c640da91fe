/**
 * The Train form's state under the training request's own field names (defaults from the
 * seed's usage), kept on this device across reloads, and the request it sends. The worker
 * checks the request once and names the field of any mistake.
 */
import { readPersistedOrLegacy, renameKeys, savePersisted } from '../../persisted';
import type { TrainJobRequest } from '../../../core/jobs/train';
import { MODEL_INFO } from '../../../core/models/catalog';
import type { ModelKind, Task } from '../../../core/models/types';
import type { ModelListItem } from '../../../core/store/models';

export interface TrainForm {
  symbols: string[];
  task: Task;
  label_kind: 'binary' | 'ternary';
  /** the HOLD band in percent of the forward return (the request's label_threshold is a fraction) */
  label_threshold_pct: number;
  model: ModelKind;
  target_horizon: number;
  train_window: string;
  valid_window: string;
  seed: number;
  /** the Advanced fields as typed, keyed `<model>.<param>` */
  params: Record<string, string>;
  /** neural kinds: the saved model whose weights training continues from ('' = fresh weights) */
  init_from_model: string;
}

export const TRAIN_FORM_DEFAULTS: TrainForm = {
  symbols: [],
  task: 'classification',
  label_kind: 'binary',
  label_threshold_pct: 0.5,
  model: 'gbc',
  target_horizon: 12,
  train_window: '365d',
  valid_window: '30d',
  seed: 42,
  params: {},
  init_from_model: '',
};

const KEY = 'candle-lab.train-form.v2';
const V1_KEY = 'candle-lab.train-form.v1';

const V1_NAMES: Record<string, keyof TrainForm> = {
  labelKind: 'label_kind',
  labelThresholdPct: 'label_threshold_pct',
  horizon: 'target_horizon',
  trainWindow: 'train_window',
  validWindow: 'valid_window',
};

/** A form saved by the earlier version (camelCase names), in today's spelling. */
export function migrateV1(old: Record<string, unknown>): Partial<TrainForm> {
  return renameKeys(old, V1_NAMES, TRAIN_FORM_DEFAULTS);
}

export function readTrainForm(): TrainForm {
  return readPersistedOrLegacy(KEY, TRAIN_FORM_DEFAULTS, { key: V1_KEY, migrate: migrateV1 });
}

/** The training request for the worker. */
export function trainRequest(
  form: TrainForm,
  o: { handle: string; dataset: string; symbols: string[] },
): TrainJobRequest {
  return {
    handle: o.handle,
    dataset: o.dataset,
    symbols: o.symbols,
    task: form.task,
    label_kind: form.label_kind,
    label_threshold: form.label_threshold_pct / 100,
    target_horizon: form.target_horizon,
    model: form.model,
    train_window: form.train_window,
    valid_window: form.valid_window,
    seed: form.seed,
    params: parseParams(form.model, form.params),
    ...(form.init_from_model && MODEL_INFO[form.model].family === 'neural'
      ? { init_from_model: form.init_from_model }
      : {}),
  };
}

/**
 * Saved models training can continue from: of the form's kind and task (the job also checks
 * the feature count and widths, and says what differs).
 */
export function continuableModels(
  models: ModelListItem[],
  form: Pick<TrainForm, 'model' | 'task'>,
): ModelListItem[] {
  if (MODEL_INFO[form.model].family !== 'neural') return [];
  return models.filter((m) => m.kind === form.model && m.task === form.task);
}

/**
 * The form as the Models panel's "Retrain from weights" opens it (`#/train?from=<id>&model=<kind>&task=<task>`):
 * that model's kind and task, continuing from it.
 */
export function withRetrainRoute(form: TrainForm, route: URLSearchParams): TrainForm {
  const from = route.get('from');
  const model = route.get('model') as ModelKind | null;
  const task = route.get('task');
  if (!from || !model || !MODEL_INFO[model] || (task !== 'classification' && task !== 'regression'))
    return form;
  return { ...form, model, task, init_from_model: from };
}

export function saveTrainForm(f: TrainForm): void {
  savePersisted(KEY, f);
}

/** Hyperparameters shown under "Advanced", by model family, scikit-learn names. */
export const ADVANCED_PARAMS: Record<string, { name: string; label: string; hint: string }[]> = {
  boosting: [
    { name: 'n_estimators', label: 'Trees (n_estimators)', hint: '100' },
    { name: 'learning_rate', label: 'Learning rate', hint: '0.1' },
    { name: 'max_depth', label: 'Max depth', hint: '3' },
    { name: 'min_samples_leaf', label: 'Min samples per leaf', hint: '1' },
    { name: 'subsample', label: 'Row subsample', hint: '1.0' },
    { name: 'n_iter_no_change', label: 'Early stopping rounds (blank: off)', hint: 'off' },
  ],
  forest: [
    { name: 'n_estimators', label: 'Trees (n_estimators)', hint: '100' },
    { name: 'max_depth', label: 'Max depth (blank: unlimited)', hint: 'none' },
    { name: 'min_samples_leaf', label: 'Min samples per leaf', hint: '1' },
    { name: 'max_features', label: 'Features per split (sqrt, log2, number)', hint: 'sqrt' },
  ],
  linear: [
    { name: 'alpha', label: 'L2 penalty (alpha)', hint: '0.0001' },
    { name: 'learning_rate', label: 'Schedule (optimal, constant, invscaling)', hint: 'optimal' },
    { name: 'optimizer', label: 'Optimizer (sgd or adam)', hint: 'sgd' },
    { name: 'eta0', label: 'Initial learning rate (eta0)', hint: '0.01' },
    { name: 'max_iter', label: 'Epochs (max_iter)', hint: '20' },
    { name: 'batch_size', label: 'Batch size', hint: '1' },
    { name: 'class_weight', label: 'Class weights (blank or balanced)', hint: '' },
  ],
  neural: [
    { name: 'hidden_units', label: 'Hidden layer widths (comma-separated)', hint: '64,32' },
    { name: 'lstm_units', label: 'LSTM units (lstm)', hint: '32' },
    { name: 'epochs', label: 'Epochs', hint: '20' },
    { name: 'batch_size', label: 'Batch size', hint: '256' },
    { name: 'learning_rate', label: 'Learning rate', hint: '0.001' },
    { name: 'dropout', label: 'Dropout', hint: '0.1' },
    { name: 'sequence_length', label: 'Sequence length (lstm)', hint: '48' },
  ],
  transformer: [
    { name: 'sequence_length', label: 'Sequence length (bars per window)', hint: '32' },
    { name: 'model_dim', label: 'Model width (model_dim)', hint: '16' },
    { name: 'heads', label: 'Attention heads (divide model_dim)', hint: '2' },
    { name: 'ff_units', label: 'Feed-forward width', hint: '32' },
    { name: 'blocks', label: 'Encoder blocks', hint: '1' },
    { name: 'epochs', label: 'Epochs', hint: '8' },
    { name: 'batch_size', label: 'Batch size', hint: '256' },
    { name: 'learning_rate', label: 'Learning rate', hint: '0.003' },
    { name: 'dropout', label: 'Dropout', hint: '0.1' },
  ],
};

export function familyOf(model: ModelKind): keyof typeof ADVANCED_PARAMS {
  if (model === 'gbc' || model === 'gbr') return 'boosting';
  if (model === 'rfc') return 'forest';
  if (model === 'sgdc' || model === 'sgdr') return 'linear';
  if (model === 'transformer') return 'transformer';
  return 'neural';
}

/** Turns the Advanced form's strings into typed params (numbers where numeric, lists for widths). */
export function parseParams(model: ModelKind, raw: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of ADVANCED_PARAMS[familyOf(model)]) {
    const v = raw[`${model}.${p.name}`]?.trim();
    if (!v) continue;
    if (p.name === 'hidden_units' || p.name === 'lstm_units')
      out[p.name] = v.split(',').map((x) => Number(x.trim()));
    else if (/^-?\d*\.?\d+(e-?\d+)?$/i.test(v)) out[p.name] = Number(v);
    else out[p.name] = v;
  }
  return out;
}
