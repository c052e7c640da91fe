/** Runs one long worker job at a time for a panel: progress, result, error, cancel. */
import { useCallback, useRef, useState } from 'react';
import type { JobHandle, Remote } from '../../client/pipeline-client';
import type { Progress } from '../../core/util/progress';
import { usePipeline } from './pipeline-context';
import { errorMessage } from '../format';

export interface JobState<T> {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  progress?: Progress;
  /** progress messages so far (for live charts, e.g. loss per epoch) */
  history: Progress[];
  result?: T;
  error?: string;
}

/** `label` names the job in the 'interrupted' note shown after a reload, e.g. 'Training'. */
export function useJob<T>(label = 'A job') {
  const { client } = usePipeline();
  const [state, setState] = useState<JobState<T>>({ status: 'idle', history: [] });
  const handle = useRef<JobHandle<T> | null>(null);

  const start = useCallback(
    async (call: (api: Remote, jobId: string, onProgress: (p: Progress) => void) => Promise<T>) => {
      handle.current?.cancel();
      setState({ status: 'running', history: [], progress: { stage: 'starting', fraction: 0 } });
      const h = client.startJob(call, {
        label,
        onProgress: (p) =>
          setState((s) => (s.status === 'running' ? { ...s, progress: p, history: [...s.history, p] } : s)),
      });
      handle.current = h;
      try {
        const result = await h.promise;
        if (handle.current === h) setState((s) => ({ ...s, status: 'done', result }));
        return result;
      } catch (err) {
        if (handle.current === h) {
          const cancelled = err instanceof Error && /cancel/i.test(err.name + err.message);
          setState((s) => ({ ...s, status: cancelled ? 'cancelled' : 'error', error: errorMessage(err) }));
        }
        return undefined;
      } finally {
        if (handle.current === h) handle.current = null;
      }
    },
    [client, label],
  );

  const cancel = useCallback(() => handle.current?.cancel(), []);
  return { state, start, cancel };
}
