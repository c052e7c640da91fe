/**
 * The Live panel's data: the client's LiveSessions (resumed at app start: useResumeLive.ts),
 * the stored sessions polled every 1.5 s, and one session's ledger polled while it is shown.
 */
import { useEffect, useState } from 'react';
import type { LiveSessionItem, LiveSessions } from '../../../client/live-sessions';
import type { LiveDecision } from '../../../core/live/types';
import type { LiveEventRecord } from '../../../core/store/live';
import { usePipeline } from '../../hooks/pipeline-context';
import { liveSessionsOf } from './live-sessions-of';

export function useLiveSessions(): {
  sessions: LiveSessions;
  list: LiveSessionItem[] | null;
  refresh: () => void;
} {
  const { client } = usePipeline();
  const s = liveSessionsOf(client);
  const [list, setList] = useState<LiveSessionItem[] | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () =>
      void s.list().then(
        (l) => live && setList(l),
        () => undefined,
      );
    load();
    const timer = setInterval(load, 1500);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [s, tick]);
  return { sessions: s, list, refresh: () => setTick((t) => t + 1) };
}

export function useLedger(id: string): { decisions: LiveDecision[]; events: LiveEventRecord[] } {
  const { client } = usePipeline();
  const [ledger, setLedger] = useState<{ decisions: LiveDecision[]; events: LiveEventRecord[] }>({
    decisions: [],
    events: [],
  });
  useEffect(() => {
    let live = true;
    const load = () =>
      void client.api.live.ledger(id).then(
        (l) => live && setLedger(l),
        () => undefined,
      );
    load();
    const timer = setInterval(load, 2000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, id]);
  return ledger;
}
