/**
 * At app start, whatever panel is open: resume every live session a reload or a closed tab
 * stopped (stored as running, run by no worker now), once per pipeline client. Each resumed
 * session catches up the bars it missed before deciding anything new; the Live panel shows it
 * as resuming, then catching up.
 */
import { useEffect } from 'react';
import { usePipeline } from '../../hooks/pipeline-context';
import { liveSessionsOf } from './live-sessions-of';

const resumed = new WeakSet<object>();

export function useResumeLiveSessions(): void {
  const { client } = usePipeline();
  useEffect(() => {
    if (resumed.has(client)) return;
    resumed.add(client);
    void liveSessionsOf(client)
      .resumeAll()
      .catch(() => undefined); // a failed resume leaves the session stored as running: the panel offers Resume
  }, [client]);
}
