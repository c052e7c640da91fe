/**
 * The training job (the seed's `train.start`): bars -> features and labels per symbol,
 * pooled -> time-ordered train/validation split with the label overlap purged -> scaler
 * fitted on training rows only -> model fit -> validation metrics against baselines ->
 * a model record with its metrics.json. Progress: data 20%, features 40%, training up to
 * 60% (per tree or epoch inside), evaluation 80%, saved 100% (the caller saves).
 */
import type { Bars } from '../data/bars';
import { DEFAULT_FEATURE_SET } from '../features/registry';
import { DEFAULT_TERNARY_THRESHOLD, type LabelSpec } from '../labels/labels';
import { MODEL_INFO } from '../models/catalog';
import { EnsembleModel, ensembleReport, ENSEMBLE_UNAVAILABLE, type MemberRunner } from '../models/ensemble';
import { fitModel, sequenceHistory, type RowContext } from '../models/registry';
import { withHistory } from '../models/tf/neural/sequences';
import { permutationImportance } from '../models/importance';
import { r2, rocAuc } from '../models/metrics';
import type { Matrix, Model, Predictions, SerializedModel } from '../models/types';
import { buildDataset, fitScaler, splitDataset, takeRows, takeValues, transform } from '../split';
import { modelId as makeModelId } from '../util/ids';
import { jsonSafe } from '../util/json';
import { throwIfCancelled, type CancelSignal, type ProgressFn } from '../util/progress';
import { evaluate, evaluatePerSymbol, subsetPred, type EvaluationBlock } from './evaluate';
import {
  TRAINED_MODEL_UNAVAILABLE,
  type DatasetRef,
  type ModelMetricsJson,
  type TrainedEvaluationJson,
  type TrainedModelMetricsJson,
} from './metrics-json';
import { asInitModel, checkInitFits } from './init-from';
import { checkTrainRequest, type TrainRequest } from './request';

export type { DatasetRef, ModelMetricsJson } from './metrics-json';

export interface TrainResult {
  modelId: string;
  model: Model;
  serialized: SerializedModel;
  metrics: TrainedModelMetricsJson;
}

export interface RunTrainingOptions {
  request: TrainRequest;
  /** the bars of the requested symbols, in request order */
  bars: Bars[];
  dataset: DatasetRef;
  appVersion: string;
  onProgress?: ProgressFn;
  signal?: CancelSignal;
  now?: () => number;
  /** how an ensemble fits its members (the job passes one on its executor) */
  ensembleRunner?: MemberRunner;
  /**
   * neural kinds: continue from this saved model's weights (same kind, widths and features)
   * instead of a fresh initialisation; the caller restores it and disposes it afterwards
   */
  init?: Model;
  /** the saved model `init` was restored from (named in refusals, kept as parent_model_id) */
  initId?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** An evaluation block as JSON (typed arrays to arrays, NaN to null). */
const evaluationJson = (b: EvaluationBlock) => jsonSafe(b) as unknown as TrainedEvaluationJson;

/** Rows whose prediction is finite (a sequence model leaves rows without full history NaN). */
function rowsWithPrediction(p: Predictions): Int32Array {
  const keep: number[] = [];
  for (let r = 0; r < p.rows; r++) if (Number.isFinite(p.values[r * p.nClasses])) keep.push(r);
  return Int32Array.from(keep);
}

/** Notes on an evaluation the rows left out of it and why. */
function withExcluded(b: EvaluationBlock, excluded: number, length: number): EvaluationBlock {
  if (excluded === 0) return b;
  return {
    ...b,
    excluded_rows: excluded,
    excluded_reason: `${excluded} validation row(s) have fewer than ${length} unbroken bars of history (sequence_length), even counting the bars before the window, so they have no prediction and are not counted`,
  };
}

export async function runTraining(o: RunTrainingOptions): Promise<TrainResult> {
  const { request: req, signal } = o;
  checkTrainRequest(req);
  const now = o.now ?? Date.now;
  const clock = () => performance.now();
  const t0 = clock();
  const report = (stage: string, fraction: number, message?: string) =>
    o.onProgress?.({ stage, fraction, message });
  report('data', 0.2, `${o.bars.length} symbol(s), ${o.bars.reduce((s, b) => s + b.time.length, 0)} bars`);
  throwIfCancelled(signal);

  const label: LabelSpec =
    req.task === 'regression'
      ? { kind: 'regression', horizon: req.target_horizon }
      : req.label_kind === 'ternary'
        ? {
            kind: 'ternary',
            horizon: req.target_horizon,
            threshold: req.label_threshold ?? DEFAULT_TERNARY_THRESHOLD,
          }
        : { kind: 'binary', horizon: req.target_horizon };
  const ds = buildDataset({ barsBySymbol: o.bars, featureSet: DEFAULT_FEATURE_SET, label });
  const split = splitDataset(ds, { trainWindow: req.train_window, validWindow: req.valid_window });
  const scaler = fitScaler(ds.X, split.train, ds.featureNames);
  // sequence models read the L-1 rows before each window as history (features only, never labels)
  const history = sequenceHistory(req.model, req.params ?? {});
  const trainRows = withHistory(split.train, history);
  const validRows = withHistory(split.valid, history);
  const Xtrain = transform(takeRows(ds.X, trainRows.idx), scaler);
  const Xvalid = transform(takeRows(ds.X, validRows.idx), scaler);
  const yTrain = takeValues(ds.y, split.train);
  const yValid = takeValues(ds.y, split.valid);
  const t1 = clock();
  report(
    'features',
    0.4,
    `${ds.featureNames.length} features, ${split.train.length} training rows, ${split.valid.length} validation rows`,
  );
  throwIfCancelled(signal);

  const nClasses = req.task === 'regression' ? 1 : ds.label.nClasses;
  if (o.init) {
    const initId = o.initId ?? 'the saved model';
    const init = asInitModel(o.init, initId, req.model, req.task);
    checkInitFits(init, initId, { nFeatures: ds.featureNames.length, nClasses, params: req.params ?? {} });
  }
  const context = (rows: { idx: Int32Array; targets: Int32Array }): RowContext => ({
    groups: takeValues(ds.symbolIndex, rows.idx),
    time: takeValues(ds.time, rows.idx),
    barMs: ds.barMs,
    ...(history > 0 ? { targets: rows.targets } : {}),
  });
  const validContext = context(validRows);
  const { model, report: fit } = await fitModel({
    kind: req.model,
    task: req.task,
    X: Xtrain,
    y: yTrain,
    nClasses,
    params: { seed: req.seed ?? 42, ...(req.params ?? {}) },
    context: context(trainRows),
    validation: { X: Xvalid, y: yValid, context: validContext },
    ensembleRunner: o.ensembleRunner,
    init: o.init,
    signal,
    onProgress: (p) => o.onProgress?.({ ...p, stage: 'training', fraction: 0.4 + 0.2 * p.fraction }),
  });
  const t2 = clock();
  report('evaluation', 0.6, 'validation metrics');
  throwIfCancelled(signal);

  // validation rows with a prediction: all of them, except (sequence models) rows that lack
  // L unbroken rows of history even with the bars before the window
  const predictValid = (X: Matrix): Predictions =>
    subsetPred(model.predict(X, validContext), validRows.targets);
  const predAll = predictValid(Xvalid);
  const scored = rowsWithPrediction(predAll);
  const excluded = yValid.length - scored.length;
  const pred = subsetPred(predAll, scored);
  const yScored = takeValues(yValid, scored);
  const validation = withExcluded(
    evaluate({ task: req.task, nClasses, yTrain, yValid: yScored, pred }),
    excluded,
    history + 1,
  );
  const perSymbol = evaluatePerSymbol({
    task: req.task,
    nClasses,
    symbols: ds.symbols,
    symbolOfValid: takeValues(takeValues(ds.symbolIndex, split.valid), scored),
    yTrain,
    yValid: yScored,
    pred,
  });
  const members =
    model instanceof EnsembleModel
      ? ensembleReport(
          model,
          model.memberPredictions(Xvalid).map((p) => subsetPred(p, scored)),
          (p) => evaluate({ task: req.task, nClasses, yTrain, yValid: yScored, pred: p }).metrics,
          validation.metrics,
        )
      : null;
  const gain = model.featureImportance?.();
  let permutation: ModelMetricsJson['importance']['permutation'] = null;
  if (req.permutation_importance !== false) {
    const pi = permutationImportance({
      model: { predict: (X) => subsetPred(predictValid(X), scored) },
      X: Xvalid,
      y: yScored,
      scorer: req.task === 'regression' ? (y, p) => r2(y, p.values) : (y, p) => rocAuc(y, p),
      nRepeats: 3,
      seed: req.seed ?? 42,
      signal,
    });
    const byName = (v: Float64Array) => Object.fromEntries(ds.featureNames.map((n, j) => [n, v[j]]));
    permutation = {
      scorer: req.task === 'regression' ? 'r2' : 'roc_auc',
      baseline: pi.baseline,
      mean: byName(pi.mean),
      std: byName(pi.std),
    };
  }
  const t3 = clock();
  report('evaluation', 0.8, 'metrics ready');

  const created = now();
  const id = makeModelId(req.model, req.task, created);
  const serialized = model.serialize();
  const metrics: TrainedModelMetricsJson = {
    model_id: id,
    origin: 'trained',
    parent_model_id: o.initId ?? null,
    created_at: iso(created),
    app_version: o.appVersion,
    model: {
      kind: req.model,
      task: req.task,
      format: serialized.format,
      params: { ...MODEL_INFO[req.model].defaults, seed: req.seed ?? 42, ...(req.params ?? {}) },
      label: MODEL_INFO[req.model].label,
    },
    config: req,
    dataset: o.dataset,
    symbols: ds.symbols,
    features: {
      names: ds.featureNames,
      set: ds.featureSet,
      warmup: ds.warmupMode,
      excluded_warmup_rows: ds.excludedWarmupRows,
    },
    label: {
      kind: ds.label.kind,
      horizon: ds.label.horizon,
      threshold: ds.label.threshold,
      classes: ds.label.classNames,
      description: ds.label.description,
    },
    split: {
      description: split.description,
      train_rows: split.train.length,
      valid_rows: split.valid.length,
      purged_rows: split.purged.length,
      train_start: iso(split.trainStart),
      valid_start: iso(split.validStart),
      valid_end: iso(split.validEnd),
    },
    scaler,
    validation: evaluationJson(validation),
    validation_per_symbol: Object.fromEntries(
      Object.entries(perSymbol).map(([s, b]) => [s, evaluationJson(b)]),
    ),
    importance: {
      gain: gain ? Object.fromEntries(ds.featureNames.map((n, j) => [n, gain[j]])) : null,
      ...(gain ? {} : { gain_unavailable: TRAINED_MODEL_UNAVAILABLE.gain }),
      permutation,
      ...(permutation ? {} : { permutation_unavailable: TRAINED_MODEL_UNAVAILABLE.permutation }),
    },
    timings: {
      features_s: (t1 - t0) / 1000,
      fit_s: fit.fitSeconds,
      evaluate_s: (t3 - t2) / 1000,
      total_s: (clock() - t0) / 1000,
    },
    backend: fit.backend,
    iterations: fit.iterations,
    history: fit.history ?? null,
    ...(fit.history ? {} : { history_unavailable: TRAINED_MODEL_UNAVAILABLE.history }),
    walk_forward: null,
    walk_forward_unavailable: TRAINED_MODEL_UNAVAILABLE.walk_forward,
    ensemble: members,
    ...(members ? {} : { ensemble_unavailable: ENSEMBLE_UNAVAILABLE }),
  };
  return { modelId: id, model, serialized, metrics: jsonSafe(metrics) as unknown as TrainedModelMetricsJson };
}
