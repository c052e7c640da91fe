/**
 * save_updates: the final model of each symbol (per-symbol models: its last fold; pooled: the
 * last fold's model), after its online updates, with an id and a metrics.json of its own.
 *
 * Ids: `<model_id>_updated_<timestamp>` (util/ids updatedModelId). With a model per symbol and
 * several symbols each gets the symbol's slug as suffix, e.g.
 * `gbc_classification_20250108_123456_updated_20250109_101010_btc_usdt`. A run configured by
 * hand (no model_id) is named after `<kind>_<task>`.
 */
import { MODEL_INFO } from '../models/catalog';
import {
  UPDATED_MODEL_UNAVAILABLE as WHY,
  type DatasetRef,
  type UpdatedModelMetricsJson,
  type ValidationMetricsJson,
} from '../train/metrics-json';
import { updatedModelId } from '../util/ids';
import type { FoldModelMetrics, FoldResult, UpdatedModel, WalkForwardPlan } from './types';

export function symbolSlug(symbol: string): string {
  return symbol
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The compact fold metrics under the names metrics.json's validation block uses (keyMetric reads rocAuc / ic). */
function validationMetrics(m: FoldModelMetrics): ValidationMetricsJson {
  const out: ValidationMetricsJson = { rows: m.rows };
  if (m.auc !== undefined)
    Object.assign(out, { accuracy: m.accuracy ?? null, rocAuc: m.auc, logLoss: m.log_loss ?? null });
  if (m.mae !== undefined)
    Object.assign(out, {
      mae: m.mae,
      rmse: m.rmse ?? null,
      ic: m.ic ?? null,
      directionalAccuracy: m.directional_accuracy ?? null,
    });
  return out;
}

export function collectUpdatedModels(o: {
  plan: WalkForwardPlan;
  folds: readonly FoldResult[];
  createdMs: number;
  dataset: DatasetRef | null;
  appVersion: string;
}): UpdatedModel[] {
  const { plan } = o;
  const req = plan.request;
  const withModel = o.folds.filter((f) => f.updated_model);
  const parent = req.model.model_id;
  const base = updatedModelId(parent ?? `${req.model.kind}_${req.model.task}`, o.createdMs);
  const suffix = !req.pooled && withModel.length > 1;
  const ds0 = plan.symbols[0].dataset;
  return withModel.map((f) => {
    const symbol = req.pooled ? null : f.symbols[0];
    const id = suffix && symbol ? `${base}_${symbolSlug(symbol)}` : base;
    const serialized = f.updated_model!;
    const planned = plan.summary.symbols.find((s) => s.symbol === f.symbols[0])?.folds[f.fold];
    const data = req.pooled ? plan.symbols : plan.symbols.filter((s) => s.symbol === f.symbols[0]);
    const gain = f.importance;
    const metrics: UpdatedModelMetricsJson = {
      model_id: id,
      origin: 'updated',
      parent_model_id: parent,
      created_at: new Date(o.createdMs).toISOString(),
      app_version: o.appVersion,
      model: {
        kind: req.model.kind,
        task: req.model.task,
        format: serialized.format,
        params: { ...MODEL_INFO[req.model.kind].defaults, seed: req.model.seed, ...req.model.params },
        label: MODEL_INFO[req.model.kind].label,
      },
      config: req.model,
      dataset: o.dataset,
      ...(o.dataset ? {} : { dataset_unavailable: WHY.dataset }),
      symbols: f.symbols,
      features: {
        names: ds0.featureNames,
        set: ds0.featureSet,
        warmup: ds0.warmupMode,
        excluded_warmup_rows: data.reduce((n, s) => n + s.dataset.excludedWarmupRows, 0),
      },
      label: {
        kind: ds0.label.kind,
        horizon: ds0.label.horizon,
        threshold: ds0.label.threshold,
        classes: ds0.label.classNames,
        description: ds0.label.description,
      },
      split: null,
      split_unavailable: WHY.split,
      scaler: f.scaler,
      validation: {
        rows: f.model_metrics.rows,
        metrics: validationMetrics(f.model_metrics),
        baseline: null,
        baseline_unavailable: WHY.baseline,
        baselineName: null,
        window: 'the last walk-forward test window',
      },
      validation_per_symbol: null,
      validation_per_symbol_unavailable: WHY.validation_per_symbol,
      importance: {
        gain: gain ? Object.fromEntries(ds0.featureNames.map((n, j) => [n, gain[j]])) : null,
        ...(gain ? {} : { gain_unavailable: 'this model kind has no gain importance' }),
        permutation: null,
        permutation_unavailable: WHY.permutation,
      },
      timings: null,
      timings_unavailable: WHY.timings,
      backend: f.backend,
      iterations: f.iterations,
      history: null,
      history_unavailable: WHY.history,
      walk_forward: {
        fold: f.fold,
        train_rows: f.train_rows,
        test_start: planned?.test_start ?? null,
        test_end: planned?.test_end ?? null,
        online: f.online,
        online_updates: f.online_updates,
        description:
          'retrained on the last fold training window, then updated online with every test-window label revealed before the window ended',
      },
    };
    return { model_id: id, parent_id: parent, symbol, serialized, metrics };
  });
}
