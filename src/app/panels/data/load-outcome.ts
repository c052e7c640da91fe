/**
 * What the Data panel says about the last load once it has ended without a new dataset:
 * a cancelled load is a neutral status, a failed one an error; either way the dataset loaded
 * before (if any) is still the one in use, and the panel names it.
 */
export interface LoadOutcomeInput {
  status: 'idle' | 'loading' | 'ready' | 'error' | 'cancelled';
  error?: string;
  loaded?: { summary: { dataset: string } };
}

export type LoadOutcome =
  | { kind: 'none' }
  | { kind: 'cancelled'; text: string; stillUsing: string | null }
  | { kind: 'error'; text: string; stillUsing: string | null };

export function loadOutcome(s: LoadOutcomeInput): LoadOutcome {
  const stillUsing = s.loaded?.summary.dataset ?? null;
  if (s.status === 'cancelled') return { kind: 'cancelled', text: 'Loading cancelled.', stillUsing };
  if (s.status === 'error')
    return { kind: 'error', text: `The dataset could not be loaded. ${s.error ?? ''}`.trim(), stillUsing };
  return { kind: 'none' };
}

/** The line under a cancelled or failed load: which dataset the app still works with. */
export function stillUsingLine(dataset: string | null): string {
  return dataset
    ? `Still using ${dataset}, loaded before: the summary below is that dataset.`
    : 'No dataset is loaded.';
}
