/**
 * What each model kind is (task, family, online capability, default hyperparameters).
 * Plain data with no model code, so the UI can import it without pulling in the models.
 */
import { ENSEMBLE_DEFAULTS } from './ensemble/params';
import { LSTM_DEFAULTS, MLP_DEFAULTS, TRANSFORMER_DEFAULTS } from './tf/neural/options';
import { SGDC_DEFAULTS, SGDR_DEFAULTS } from './tf/sgd/config';
import { BOOSTING_DEFAULTS, FOREST_DEFAULTS } from './trees/params';
import type { ModelKind, Task } from './types';

export interface ModelInfo {
  kind: ModelKind;
  label: string;
  /** the task of the kind; neural models do both (their task comes from the request) */
  task: Task;
  /** 'ensemble': members of other kinds; its task is its members' (from the request) */
  family: 'trees' | 'linear' | 'neural' | 'ensemble';
  online: boolean;
  defaults: Record<string, unknown>;
}

export const MODEL_INFO: Record<ModelKind, ModelInfo> = {
  gbc: {
    kind: 'gbc',
    label: 'Gradient boosting classifier',
    task: 'classification',
    family: 'trees',
    online: false,
    defaults: { ...BOOSTING_DEFAULTS },
  },
  gbr: {
    kind: 'gbr',
    label: 'Gradient boosting regressor',
    task: 'regression',
    family: 'trees',
    online: false,
    defaults: { ...BOOSTING_DEFAULTS },
  },
  rfc: {
    kind: 'rfc',
    label: 'Random forest classifier',
    task: 'classification',
    family: 'trees',
    online: false,
    defaults: { ...FOREST_DEFAULTS },
  },
  sgdc: {
    kind: 'sgdc',
    label: 'SGD linear classifier (online)',
    task: 'classification',
    family: 'linear',
    online: true,
    defaults: { ...SGDC_DEFAULTS },
  },
  sgdr: {
    kind: 'sgdr',
    label: 'SGD linear regressor (online)',
    task: 'regression',
    family: 'linear',
    online: true,
    defaults: { ...SGDR_DEFAULTS },
  },
  mlp: {
    kind: 'mlp',
    label: 'Neural net (MLP)',
    task: 'classification',
    family: 'neural',
    online: false,
    defaults: { ...MLP_DEFAULTS },
  },
  lstm: {
    kind: 'lstm',
    label: 'Neural net (LSTM)',
    task: 'classification',
    family: 'neural',
    online: false,
    defaults: { ...LSTM_DEFAULTS },
  },
  transformer: {
    kind: 'transformer',
    label: 'Neural net (Transformer)',
    task: 'classification',
    family: 'neural',
    online: false,
    defaults: { ...TRANSFORMER_DEFAULTS },
  },
  ensemble: {
    kind: 'ensemble',
    label: 'Ensemble (members + combiner)',
    task: 'classification',
    family: 'ensemble',
    online: false,
    defaults: { ...ENSEMBLE_DEFAULTS },
  },
};

/** Whether a kind can do `task`: neural models and ensembles take the task from the request. */
export function kindFitsTask(kind: ModelKind, task: Task): boolean {
  const info = MODEL_INFO[kind];
  return info.family === 'neural' || info.family === 'ensemble' || info.task === task;
}

/** Maps the form's scikit-learn-style names to the TensorFlow.js models' option names. */
export const TF_PARAM_NAMES: Record<string, string> = {
  learning_rate: 'learningRate',
  max_iter: 'maxEpochs',
  batch_size: 'batchSize',
  class_weight: 'classWeight',
  hidden_units: 'hiddenUnits',
  sequence_length: 'sequenceLength',
  lstm_units: 'lstmUnits',
  dense_units: 'denseUnits',
  model_dim: 'modelDim',
  ff_units: 'ffUnits',
  n_iter_no_change: 'nIterNoChange',
  power_t: 'powerT',
};
