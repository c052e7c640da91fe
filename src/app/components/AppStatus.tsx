/**
 * The status strip under the header: a new version waiting (reload on the user's word,
 * never during a running job), whether the hub of the dataset in use can be reached,
 * jobs interrupted by the last page close, and whether persistent storage was granted.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { takeInterruptedJobs, type RunningJobNote } from '../../client/pipeline-client';
import { usePipeline } from '../hooks/pipeline-context';
import { useDataset } from '../hooks/dataset-context';
import { onUpdateAvailable } from '../pwa';
import { hostOf, hubOrigin } from '../token-store';

const interruptedAtStart = takeInterruptedJobs();

function useOnline(): boolean {
  return useSyncExternalStore(
    (l) => {
      window.addEventListener('online', l);
      window.addEventListener('offline', l);
      return () => {
        window.removeEventListener('online', l);
        window.removeEventListener('offline', l);
      };
    },
    () => navigator.onLine,
  );
}

/**
 * Whether `origin` answers: probed once per origin (and again when the browser comes back
 * online), never when no hub is in use. An opaque answer is enough: only a network failure rejects.
 */
function useHubReachable(origin: string | null, online: boolean): boolean | null {
  const [result, setResult] = useState<{ origin: string; ok: boolean } | null>(null);
  useEffect(() => {
    if (!origin || !online) return;
    let stale = false;
    fetch(origin, { method: 'HEAD', mode: 'no-cors', cache: 'no-store', credentials: 'omit' }).then(
      () => !stale && setResult({ origin, ok: true }),
      () => !stale && setResult({ origin, ok: false }),
    );
    return () => {
      stale = true;
    };
  }, [origin, online]);
  if (!online) return false;
  return result && result.origin === origin ? result.ok : null;
}

function hubInUse(source: ReturnType<typeof useDataset>['state']['request']): string | null {
  return source?.source.kind === 'hub' ? hubOrigin(source.source.hubUrl) : null;
}

function HubBadge({ origin }: { origin: string | null }) {
  const online = useOnline();
  const ok = useHubReachable(origin, online);
  if (online && !origin) return null;
  const name = origin ? `Hub ${hostOf(origin)}` : 'Hub';
  return (
    <span
      className={`badge ${ok === false ? 'badge-error' : ok ? 'badge-ok' : ''}`}
      data-testid="hub-status"
      role="status"
    >
      {name}: {ok === null ? 'checking…' : ok ? 'reachable' : 'offline (cached datasets still work)'}
    </span>
  );
}

export function AppStatus() {
  const { client } = usePipeline();
  const { state } = useDataset();
  const [update, setUpdate] = useState<(() => Promise<void>) | null>(null);
  const [running, setRunning] = useState(client.runningJobs);
  const [interrupted, setInterrupted] = useState<RunningJobNote[]>(interruptedAtStart);

  useEffect(() => onUpdateAvailable((apply) => setUpdate(() => apply)), []);
  useEffect(() => client.onActivity(setRunning), [client]);

  return (
    <div className="app-status">
      <HubBadge origin={hubInUse(state.request)} />
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
