/**
 * What a panel says about its inputs, the dataset and the model list, while they are still
 * loading (the last dataset and the model list take a few seconds after the app opens) and
 * when they are really missing: loading is never reported as absence.
 */

/** The dataset context's state, as far as readiness goes. */
export interface DatasetReadiness {
  status: 'idle' | 'loading' | 'ready' | 'error' | 'cancelled';
  loaded?: { summary: { dataset: string } };
}

/** The dataset line of a form: its name, 'loading…' or 'none loaded'. */
export function datasetLine(d: DatasetReadiness): string {
  if (d.loaded) return d.loaded.summary.dataset;
  return d.status === 'loading' || d.status === 'idle' ? 'loading…' : 'none loaded';
}

export const DATASET_LOADING =
  'The dataset is still loading: wait a moment (its progress is on the Data panel).';
export const DATASET_MISSING = 'Load a dataset on the Data panel first (the built-in sample works offline).';
export const MODELS_LOADING = 'The model list is still loading: wait a moment.';
export const MODELS_MISSING = 'No model yet: train one on the Train panel first, then backtest it here.';

/**
 * Why a job cannot start yet, or null when it can: the dataset (and, when `models` is given,
 * the model list; null = still loading) loading or missing.
 */
export function missingInput(o: {
  dataset: DatasetReadiness;
  models?: readonly unknown[] | null;
}): string | null {
  if (!o.dataset.loaded)
    return o.dataset.status === 'loading' || o.dataset.status === 'idle' ? DATASET_LOADING : DATASET_MISSING;
  if (o.models === undefined) return null;
  if (o.models === null) return MODELS_LOADING;
  return o.models.length ? null : MODELS_MISSING;
}

/** The 'latest' choice of a model picker, saying what it resolves to (the list is newest first). */
export function latestOptionLabel(models: readonly { id: string }[] | null): string {
  if (models === null) return 'latest (loading the model list…)';
  return models.length ? `latest (= ${models[0].id})` : 'latest (no model yet)';
}
