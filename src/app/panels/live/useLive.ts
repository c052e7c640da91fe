/**
 * The Live panel's data: one LiveSessions per client (resuming the sessions a reload stopped,
 * once per page), the stored sessions polled every 1.5 s, and one session's ledger polled while
 * it is shown.
 */
import { useEffect, useState } from 'react';
import { LiveSessions, type LiveSessionItem } from '../../../client/live-sessions';
import type { LiveDecision } from '../../../core/live/types';
import type { LiveEventRecord } from '../../../core/store/live';
import { usePipeline } from '../../hooks/pipeline-context';

const perClient = new WeakMap<object, LiveSessions>();

export function useLiveSessions(): {
  sessions: LiveSessions;
  list: LiveSessionItem[] | null;
  refresh: () => void;
} {
  const { client } = usePipeline();
  let sessions = perClient.get(client);
  if (!sessions) {
    sessions = new LiveSessions(() => client.api);
    perClient.set(client, sessions);
    void sessions.resumeAll().catch(() => undefined);
  }
  const s = sessions;
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
