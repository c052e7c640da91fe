/**
 * The walk-forward model configuration of a saved model: what every fold retrains,
 * taken from the model's metrics.json (kind, task, hyperparameters, seed, labels,
 * horizon, feature set and warm-up).
 */
import { DataError } from '../errors';
import type { ModelKind, Task } from '../models/types';
import type { WalkForwardModelConfig } from '../walkforward/types';
import type { FeatureSpec, WarmupMode } from '../features/registry';

interface MetricsShape {
  model?: { kind?: string; task?: string };
  config?: {
    params?: Record<string, unknown>;
    seed?: number;
    label_kind?: 'binary' | 'ternary';
    label_threshold?: number;
    target_horizon?: number;
  };
  features?: { set?: FeatureSpec[]; warmup?: WarmupMode };
  label?: { horizon?: number };
}

export function modelConfigFromMetrics(
  modelId: string,
  metrics: Record<string, unknown>,
): WalkForwardModelConfig {
  const m = metrics as MetricsShape;
  const kind = m.model?.kind as ModelKind | undefined;
  const task = m.model?.task as Task | undefined;
  const horizon = m.config?.target_horizon ?? m.label?.horizon;
  if (!kind || !task || !horizon)
    throw new DataError(
      'bad-model',
      `Model ${modelId} has an incomplete metrics.json (kind, task or horizon missing); train it again.`,
    );
  return {
    model_id: modelId,
    kind,
    task,
    params: m.config?.params ?? {},
    seed: m.config?.seed,
    label_kind: m.config?.label_kind,
    label_threshold: m.config?.label_threshold,
    target_horizon: horizon,
    feature_set: m.features?.set,
    warmup: m.features?.warmup,
  };
}
