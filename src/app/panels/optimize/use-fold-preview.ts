/**
 * How many folds the form's windows give on the chosen symbol, asked of the worker a moment
 * after the last edit (it builds the signals once: ~0.1 s), so the form can say it before a run.
 */
import { useEffect, useState } from 'react';
import type { BuiltinSignalName } from '../../../core/optimize/signals';
import { errorMessage } from '../../format';
import { usePipeline } from '../../hooks/pipeline-context';

export interface FoldPreview {
  folds: number;
  planned: number;
  trainBars: number;
  testBars: number;
}

export interface FoldPreviewQuery {
  /** the loaded dataset's handle; no preview without one */
  handle: string | undefined;
  symbol: string;
  signal_names: readonly BuiltinSignalName[];
  train_window: string;
  test_window: string;
  /** 0: all */
  max_folds: number;
  /** no preview while a run holds the worker */
  paused: boolean;
}

const NO_FOLD = 'No fold fits: the data is shorter than one training window plus one test window.';

export function useFoldPreview(q: FoldPreviewQuery): { preview: FoldPreview | null; error: string | null } {
  const { client } = usePipeline();
  const [preview, setPreview] = useState<FoldPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { handle, symbol, signal_names, train_window, test_window, max_folds, paused } = q;
  useEffect(() => {
    if (!handle || !symbol || !signal_names.length || paused) return;
    let stale = false;
    const t = setTimeout(() => {
      client.api.optimize
        .preview({
          handle,
          symbol,
          signal_names: [...signal_names],
          train_window: train_window.trim(),
          test_window: test_window.trim(),
          max_folds: max_folds > 0 ? max_folds : undefined,
        })
        .then((p) => {
          if (stale) return;
          setPreview(p);
          setError(p.folds === 0 ? NO_FOLD : null);
        })
        .catch((e: unknown) => {
          if (stale) return;
          setPreview(null);
          setError(errorMessage(e));
        });
    }, 300);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [client, handle, symbol, signal_names, train_window, test_window, max_folds, paused]);
  return { preview, error };
}
