/**
 * The A/B report of the chosen live sessions, recomputed from their ledgers every few seconds
 * (a session adds at most one decision a bar, so this keeps up with every bar). A refusal (no
 * common bars yet, different symbols) is kept as the message to show, and polling goes on: the
 * sessions may yet share enough bars.
 */
import { useEffect, useState } from 'react';
import type { AbReport } from '../../../core/ab/report-type';
import { errorMessage } from '../../format';
import { usePipeline } from '../../hooks/pipeline-context';

export const LIVE_AB_POLL_MS = 5000;

interface LiveAbState {
  report: AbReport | null;
  error: string | null;
  updatedAt: number | null;
}

const EMPTY: LiveAbState = { report: null, error: null, updatedAt: null };

export function useLiveAb(sessionIds: readonly string[]): LiveAbState {
  const { client } = usePipeline();
  const key = sessionIds.join('\n');
  // the answer for `key`: one for other sessions (before the choice changed) is not shown
  const [state, setState] = useState<LiveAbState & { key: string }>({ ...EMPTY, key: '' });
  useEffect(() => {
    const ids = key ? key.split('\n') : [];
    if (ids.length < 2) return;
    let live = true;
    let busy = false;
    const load = () => {
      if (busy) return; // one computation at a time
      busy = true;
      client.api.ab
        .live({ session_ids: ids })
        .then(
          (report) => live && setState({ key, report, error: null, updatedAt: Date.now() }),
          (e: unknown) =>
            live && setState({ key, report: null, error: errorMessage(e), updatedAt: Date.now() }),
        )
        .finally(() => {
          busy = false;
        });
    };
    load();
    const timer = setInterval(load, LIVE_AB_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, key]);
  return state.key === key ? state : EMPTY;
}
