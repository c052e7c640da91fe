/**
 * `metrics.json`: the one record every saved model carries, whether it was trained (Train panel,
 * `runTraining`) or updated (a walk-forward run with save_updates, `collectUpdatedModels`). The
 * store keeps it, bundles carry it, the Models panel's Details render it.
 *
 * Convention for what a model cannot have: every key is always present. A section (an object,
 * or a figure that is not a plain id) that a model lacks is `null`, and beside it a key
 * `<section>_unavailable` holds a sentence saying why (e.g. `split: null,
 * split_unavailable: 'an updated model has no train/validation split: ...'`). A present section
 * has no `_unavailable` key. Plain references (`parent_model_id`) are `null` when there is none.
 * `checkModelMetricsJson` (metrics-json-check.ts) enforces all of this at run time.
 *
 * Numbers are JSON numbers; a metric that was NaN (undefined for the data) is written as `null`.
 */
import type { FeatureSpec, WarmupMode } from '../features/registry';
import type { EnsembleReportJson } from '../models/ensemble/report';
import type { ClassificationMetrics, RegressionMetrics } from '../models/metrics';
import type { ModelKind, Task } from '../models/types';
import type { Scaler } from '../split';
import type { WalkForwardModelConfig } from '../walkforward/types';
import type { TrainRequest } from './request';

export interface DatasetRef {
  id: string;
  revision: string | null;
  commit: string | null;
  hubUrl: string | null;
  files: { path: string; size: number; etag: string | null }[];
}

/** A value as JSON.parse gives it back after `jsonSafe`: numbers may be null, typed arrays are arrays. */
export type AsJson<T> = T extends number
  ? number | null
  : T extends string | boolean | null
    ? T
    : T extends Uint32Array | Int32Array | Float32Array | Float64Array
      ? (number | null)[]
      : T extends readonly (infer U)[]
        ? AsJson<U>[]
        : { [K in keyof T]: AsJson<T[K]> };

/**
 * Validation figures under the names of src/core/models/metrics. A trained model has the full
 * set of its task; an updated model only those the walk-forward folds compute (rows, accuracy,
 * rocAuc, logLoss / mae, rmse, ic, directionalAccuracy).
 */
export type ValidationMetricsJson = Partial<AsJson<ClassificationMetrics> & AsJson<RegressionMetrics>>;

export type EvaluationJson = {
  rows: number;
  metrics: ValidationMetricsJson;
  /** the do-nothing baseline on the same rows; null with baseline_unavailable */
  baseline: ValidationMetricsJson | null;
  baseline_unavailable?: string;
  /** what the baseline is (null exactly when baseline is null) */
  baselineName: string | null;
  /** where the rows come from when they are not the split's validation window */
  window?: string;
  /** rows of the window not counted in `rows` (a sequence model's rows without full history) */
  excluded_rows?: number;
  /** why excluded_rows are not counted (present exactly when excluded_rows is) */
  excluded_reason?: string;
};

/** A trained model's evaluation: the baseline is always there. */
export type TrainedEvaluationJson = EvaluationJson & {
  baseline: ValidationMetricsJson;
  baselineName: string;
};

export type SplitJson = {
  description: string;
  train_rows: number;
  valid_rows: number;
  purged_rows: number;
  train_start: string;
  valid_start: string;
  valid_end: string;
};

export type TimingsJson = { features_s: number; fit_s: number; evaluate_s: number; total_s: number };

export type PermutationImportanceJson = {
  scorer: string;
  baseline: number | null;
  mean: Record<string, number | null>;
  std: Record<string, number | null>;
};

/** How an updated model was made: the fold it comes from and its online updates. */
export type WalkForwardOriginJson = {
  fold: number;
  train_rows: number;
  test_start: string | null;
  test_end: string | null;
  online: boolean;
  online_updates: number;
  description: string;
};

type Common = {
  model_id: string;
  /** the model an updated model was updated from; null for a trained model or a hand-configured run */
  parent_model_id: string | null;
  created_at: string;
  app_version: string;
  model: { kind: ModelKind; task: Task; format: string; params: Record<string, unknown>; label: string };
  dataset: DatasetRef | null;
  dataset_unavailable?: string;
  symbols: string[];
  features: {
    names: string[];
    set: readonly FeatureSpec[];
    warmup: WarmupMode;
    excluded_warmup_rows: number | null;
    excluded_warmup_rows_unavailable?: string;
  };
  label: { kind: string; horizon: number; threshold?: number; classes: string[]; description: string };
  split: SplitJson | null;
  split_unavailable?: string;
  /** fitted on the training rows only */
  scaler: Scaler;
  validation: EvaluationJson;
  validation_per_symbol: Record<string, EvaluationJson> | null;
  validation_per_symbol_unavailable?: string;
  importance: {
    gain: Record<string, number | null> | null;
    gain_unavailable?: string;
    /** mean drop of the validation score when one feature's column is shuffled (3 repeats) */
    permutation: PermutationImportanceJson | null;
    permutation_unavailable?: string;
  };
  timings: TimingsJson | null;
  timings_unavailable?: string;
  backend: string;
  iterations: number;
  history: { loss: (number | null)[]; valLoss?: (number | null)[] } | null;
  history_unavailable?: string;
  walk_forward: WalkForwardOriginJson | null;
  walk_forward_unavailable?: string;
  /**
   * An ensemble's members beside it (models/ensemble/report.ts); null with ensemble_unavailable
   * for other kinds. Absent only in a metrics.json saved before the section existed, and in an
   * updated model's (its members' figures are in the run report).
   */
  ensemble?: EnsembleReportJson | null;
  ensemble_unavailable?: string;
  /** the log of the job that saved the model (set by the job when it stores the model, not by the fit) */
  job_log?: { t: number; level: 'info' | 'warn' | 'error'; message: string }[];
};

/** A model fitted by the training job: `config` is its training request; split, validation baselines and timings are always there. */
export type TrainedModelMetricsJson = Common & {
  origin: 'trained';
  config: TrainRequest;
  split: SplitJson;
  validation: TrainedEvaluationJson;
  validation_per_symbol: Record<string, EvaluationJson>;
  timings: TimingsJson;
};

/** The final model of a walk-forward run (save_updates): `config` is the run's model config. */
export type UpdatedModelMetricsJson = Common & { origin: 'updated'; config: WalkForwardModelConfig };

export type ModelMetricsJson = TrainedModelMetricsJson | UpdatedModelMetricsJson;

/** The keys that may be null and then carry `<key>_unavailable`, per object of metrics.json. */
export const NULLABLE_SECTIONS = {
  top: ['dataset', 'split', 'validation_per_symbol', 'timings', 'history', 'walk_forward'],
  features: ['excluded_warmup_rows'],
  importance: ['gain', 'permutation'],
  validation: ['baseline'],
} as const;

/** Why an updated model lacks what a trained one has (written into its metrics.json). */
export const UPDATED_MODEL_UNAVAILABLE = {
  split:
    'an updated model has no train/validation split: it was retrained on the last walk-forward fold and then updated online through its test window (see walk_forward)',
  timings:
    'an updated model is fitted inside a walk-forward run: the timings of its fold are in the run report (report.json timings.per_fold)',
  validation_per_symbol:
    'an updated model is evaluated on the last walk-forward test window only; per-symbol figures of every fold are in the run report (report.json folds)',
  baseline:
    'the walk-forward folds do not compute the do-nothing baselines (they need the training labels); compare with the run report instead',
  history: 'an updated model records no loss curve: it was fitted and updated inside a walk-forward fold',
  permutation: 'permutation importance is not computed in walk-forward folds',
  dataset: 'the walk-forward run had no dataset reference (bars given directly)',
} as const;

/** Why a trained model lacks a section. */
export const TRAINED_MODEL_UNAVAILABLE = {
  walk_forward: 'trained by the training job, not taken from a walk-forward run',
  gain: 'this model kind has no gain importance',
  permutation: 'permutation importance was turned off in the training request',
  history: 'this model kind records no loss curve',
} as const;

/** For a metrics.json written before these sections existed. */
export const NOT_RECORDED = 'not recorded by the version of the app that saved this model';
