/**
 * The A/B report of the chosen live sessions, recomputed from their ledgers whenever one of them
 * records a bar: `version` changes with the sessions' stored updatedAt (the Live panel polls the
 * sessions every 1.5 s), so the worker computes nothing while no bar arrives. A refusal (no
 * common bars yet, different symbols) is kept as the message to show until the next bar.
 */
import { useEffect, useState } from 'react';
import type { AbReport } from '../../../core/ab/report-type';
import { errorMessage } from '../../format';
import { usePipeline } from '../../hooks/pipeline-context';

interface LiveAbState {
  report: AbReport | null;
  error: string | null;
  updatedAt: number | null;
}

const EMPTY: LiveAbState = { report: null, error: null, updatedAt: null };

export function useLiveAb(sessionIds: readonly string[], version: string): LiveAbState {
  const { client } = usePipeline();
  const key = sessionIds.join('\n');
  // the answer for `key`: one for other sessions (before the choice changed) is not shown
  const [state, setState] = useState<LiveAbState & { key: string }>({ ...EMPTY, key: '' });
  useEffect(() => {
    const ids = key ? key.split('\n') : [];
    if (ids.length < 2) return;
    let live = true;
    client.api.ab.live({ session_ids: ids }).then(
      (report) => live && setState({ key, report, error: null, updatedAt: Date.now() }),
      (e: unknown) => live && setState({ key, report: null, error: errorMessage(e), updatedAt: Date.now() }),
    );
    return () => {
      live = false;
    };
  }, [client, key, version]);
  return state.key === key ? state : EMPTY;
}
