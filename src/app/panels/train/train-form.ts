/** The Train form's state: defaults from the seed's usage, kept on this device across reloads. */
import { readPersisted, savePersisted } from '../../persisted';
import type { ModelKind, Task } from '../../../core/models/types';

export interface TrainForm {
  symbols: string[];
  task: Task;
  labelKind: 'binary' | 'ternary';
  labelThresholdPct: number;
  model: ModelKind;
  horizon: number;
  trainWindow: string;
  validWindow: string;
  seed: number;
  params: Record<string, string>;
}

export const TRAIN_FORM_DEFAULTS: TrainForm = {
  symbols: [],
  task: 'classification',
  labelKind: 'binary',
  labelThresholdPct: 0.5,
  model: 'gbc',
  horizon: 12,
  trainWindow: '365d',
  validWindow: '30d',
  seed: 42,
  params: {},
};

const KEY = 'candle-lab.train-form.v1';

export function readTrainForm(): TrainForm {
  return readPersisted(KEY, TRAIN_FORM_DEFAULTS);
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
    { name: 'learning_rate', label: 'Schedule (optimal, constant, invscaling, adam)', hint: 'optimal' },
    { name: 'eta0', label: 'Initial learning rate (eta0)', hint: '0.01' },
    { name: 'max_iter', label: 'Epochs (max_iter)', hint: '20' },
    { name: 'batch_size', label: 'Batch size', hint: '1' },
    { name: 'class_weight', label: 'Class weights (blank or balanced)', hint: '' },
  ],
  neural: [
    { name: 'hidden_units', label: 'Hidden layer widths (comma-separated)', hint: '64,32' },
    { name: 'epochs', label: 'Epochs', hint: '20' },
    { name: 'batch_size', label: 'Batch size', hint: '256' },
    { name: 'learning_rate', label: 'Learning rate', hint: '0.001' },
    { name: 'dropout', label: 'Dropout', hint: '0.1' },
    { name: 'sequence_length', label: 'Sequence length (lstm)', hint: '48' },
  ],
};

export function familyOf(model: ModelKind): keyof typeof ADVANCED_PARAMS {
  if (model === 'gbc' || model === 'gbr') return 'boosting';
  if (model === 'rfc') return 'forest';
  if (model === 'sgdc' || model === 'sgdr') return 'linear';
  return 'neural';
}

/** Turns the Advanced form's strings into typed params (numbers where numeric, lists for widths). */
export function parseParams(model: ModelKind, raw: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of ADVANCED_PARAMS[familyOf(model)]) {
    const v = raw[`${model}.${p.name}`]?.trim();
    if (!v) continue;
    if (p.name === 'hidden_units') out[p.name] = v.split(',').map((x) => Number(x.trim()));
    else if (/^-?\d*\.?\d+(e-?\d+)?$/i.test(v)) out[p.name] = Number(v);
    else out[p.name] = v;
  }
  return out;
}
