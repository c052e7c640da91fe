/**
 * The status strip under the header: a new version waiting (reload on the user's word,
 * never during a running job), whether the hub can be reached, jobs interrupted by the
 * last page close, and whether persistent storage was granted.
 */
import { useEffect, useState } from 'react';
import { takeInterruptedJobs, type RunningJobNote } from '../../client/pipeline-client';
import { usePipeline } from '../hooks/pipeline-context';
import { onUpdateAvailable } from '../pwa';
import { useSettings } from '../settings';

const interruptedAtStart = takeInterruptedJobs();

function useHubReachable(hub: string): boolean | null {
  const [ok, setOk] = useState<boolean | null>(null);
  useEffect(() => {
    let stale = false;
    const probe = async () => {
      if (!navigator.onLine) return !stale && setOk(false);
      try {
        // an opaque answer is enough: only a network failure rejects
        await fetch(hub, { method: 'HEAD', mode: 'no-cors', cache: 'no-store' });
        if (!stale) setOk(true);
      } catch {
        if (!stale) setOk(false);
      }
    };
    void probe();
    const t = setInterval(probe, 60_000);
    window.addEventListener('online', probe);
    window.addEventListener('offline', probe);
    return () => {
      stale = true;
      clearInterval(t);
      window.removeEventListener('online', probe);
      window.removeEventListener('offline', probe);
    };
  }, [hub]);
  return ok;
}

export function AppStatus() {
  const { client } = usePipeline();
  const [settings] = useSettings();
  const hubOk = useHubReachable(settings.hubEndpoint);
  const [update, setUpdate] = useState<(() => Promise<void>) | null>(null);
  const [running, setRunning] = useState(client.runningJobs);
  const [interrupted, setInterrupted] = useState<RunningJobNote[]>(interruptedAtStart);

  useEffect(() => onUpdateAvailable((apply) => setUpdate(() => apply)), []);
  useEffect(() => client.onActivity(setRunning), [client]);

  return (
    <div className="app-status">
      <span
        className={`badge ${hubOk === false ? 'badge-error' : hubOk ? 'badge-ok' : ''}`}
        data-testid="hub-status"
        role="status"
      >
        Hub: {hubOk === null ? 'checking…' : hubOk ? 'reachable' : 'offline (cached datasets still work)'}
      </span>
      {update && (
        <div className="notice" role="alert" data-testid="update-banner">
          A new version of Candle Lab is ready.{' '}
          {running > 0 ? (
            <span>It will be offered again when the running job finishes.</span>
          ) : (
            <button type="button" className="primary" onClick={() => void update()}>
              Reload to update
            </button>
          )}{' '}
          <button type="button" onClick={() => setUpdate(null)}>
            Later
          </button>
        </div>
      )}
      {interrupted.length > 0 && (
        <div className="notice" role="status" data-testid="interrupted-jobs">
          Interrupted when the page closed:{' '}
          {interrupted
            .map((j) => `${j.label} (started ${new Date(j.startedAt).toLocaleString()})`)
            .join('; ')}
          . Nothing half-written was kept; run it again.{' '}
          <button type="button" onClick={() => setInterrupted([])}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
