/**
 * The contract every model (trees, linear SGD, neural) fulfils, so training jobs,
 * backtests, storage and export treat them alike.
 *
 * Feature matrices are column-major: `columns[j][i]` is feature j of row i. Indicators
 * produce columns naturally, tree models bin per column, and the TensorFlow.js models
 * pack rows into a Float32Array themselves.
 */
export interface Matrix {
  rows: number;
  cols: number;
  columns: Float64Array[];
}

export type Task = 'classification' | 'regression';
export type TreeModelKind = 'gbc' | 'rfc' | 'gbr';
export type LinearModelKind = 'sgdc' | 'sgdr';
export type NeuralModelKind = 'mlp' | 'lstm' | 'transformer';
/** an ensemble of tree and linear members with a combiner (src/core/models/ensemble) */
export type EnsembleModelKind = 'ensemble';
export type ModelKind = TreeModelKind | LinearModelKind | NeuralModelKind | EnsembleModelKind;

export const ONLINE_CAPABLE: readonly ModelKind[] = ['sgdc', 'sgdr'];

/** Classification labels are class indices 0..nClasses-1 stored as numbers; regression labels are real values. */
export type Labels = Float64Array;

/**
 * Predictions: for classification a row-major probability matrix (rows x nClasses);
 * for regression one value per row (nClasses = 1).
 */
export interface Predictions {
  rows: number;
  nClasses: number;
  values: Float64Array;
}

export interface FitReport {
  /** seconds spent in fit */
  fitSeconds: number;
  /** e.g. number of trees actually built when early stopping, epochs run */
  iterations: number;
  /** optional per-iteration training / validation loss curves */
  history?: { loss: number[]; valLoss?: number[] };
  /** tfjs backend for TensorFlow.js models, 'js' for the typed-array tree code */
  backend: string;
}

/** What gets written to storage/export: a JSON header plus binary payloads. */
export interface SerializedModel {
  kind: ModelKind;
  format: string; // e.g. 'tree-ensemble/1', 'tfjs-layers/1'
  header: Record<string, unknown>;
  /** named binary blobs (e.g. 'nodes.bin', 'weights.bin') */
  payload: Record<string, Uint8Array>;
}

/** Which series each row belongs to and its time; sequence models (lstm, transformer) need it, others ignore it. */
export interface PredictContext {
  groups?: ArrayLike<number>;
  time?: ArrayLike<number>;
  barMs?: number;
}

export interface Model {
  readonly kind: ModelKind;
  readonly task: Task;
  readonly nClasses: number;
  predict(X: Matrix, context?: PredictContext): Predictions;
  /** gain-based importance per feature, normalised to sum 1, when the model has one */
  featureImportance?(): Float64Array;
  serialize(): SerializedModel;
}
