/**
 * Runs one long worker job at a time per kind of job: progress, result, error, cancel. The
 * state lives in the client's JobStore (not in the panel), so a panel left and opened again
 * shows the running job's progress or its outcome.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { JobHandle, Remote } from '../../client/pipeline-client';
import type { JobState } from '../../client/job-store';
import { CancelledError, InputError, LabError } from '../../core/errors';
import type { Progress } from '../../core/util/progress';
import { usePipeline } from './pipeline-context';
import { errorMessage } from '../format';

export type { JobState };

const handles = new Map<string, JobHandle<unknown>>();

/** `label` names the job (and keys its state), e.g. 'Training'; it is shown in the 'interrupted' note after a reload. */
export function useJob<T>(label = 'A job') {
  const { client } = usePipeline();
  const store = client.jobs;
  const state = useSyncExternalStore(
    useCallback((l: () => void) => store.subscribe(label, l), [store, label]),
    () => store.get<T>(label),
  );

  const start = useCallback(
    async (call: (api: Remote, jobId: string, onProgress: (p: Progress) => void) => Promise<T>) => {
      handles.get(label)?.cancel();
      store.set<T>(label, {
        status: 'running',
        history: [],
        progress: { stage: 'starting', fraction: 0 },
        startedAt: Date.now(),
      });
      const h = client.startJob(call, {
        label,
        onProgress: (p) =>
          store.set<T>(label, (s) =>
            s.status === 'running' ? { ...s, progress: p, history: [...s.history, p] } : s,
          ),
      });
      handles.set(label, h as JobHandle<unknown>);
      try {
        const result = await h.promise;
        if (handles.get(label) === h) store.set<T>(label, (s) => ({ ...s, status: 'done', result }));
        return result;
      } catch (err) {
        if (handles.get(label) === h) {
          const cancelled =
            err instanceof CancelledError || (err instanceof Error && /cancel/i.test(err.name));
          store.set<T>(label, (s) => ({
            ...s,
            status: cancelled ? 'cancelled' : 'error',
            error: errorMessage(err),
            errorCategory: err instanceof LabError ? err.category : 'internal',
            errorField: err instanceof InputError ? err.field : undefined,
          }));
        }
        return undefined;
      } finally {
        if (handles.get(label) === h) handles.delete(label);
      }
    },
    [client, label, store],
  );

  const cancel = useCallback(() => handles.get(label)?.cancel(), [label]);
  return { state, start, cancel };
}
