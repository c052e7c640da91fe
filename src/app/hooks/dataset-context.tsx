/**
 * The dataset the user is working on: loaded in the worker, known here by handle and
 * summary. Remembers the last request and its commit (never the token) so a page reload
 * brings it back from the cache; a deep link loads the linked dataset; a first visit
 * loads the built-in real sample so everything works at once. The token and local file
 * of the last load stay in memory, so the dataset can be loaded again with other options.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { LoadOptions } from '../../core/data/load';
import type { LoadedHandle } from '../../core/pipeline/datasets';
import type { Progress } from '../../core/util/progress';
import type { JobHandle } from '../../client/pipeline-client';
import { usePipeline } from './pipeline-context';
import { errorMessage } from '../format';
import { HubError, InternalError, LabError } from '../../core/errors';
import { parseDeepLink, startupPlan, type LastDataset } from '../deep-link';
import { appTokens } from '../token-store';
import { getSettings } from '../settings';

export interface HubSource {
  kind: 'hub';
  hubUrl: string;
  dataset: string;
  revision?: string;
  config?: string;
  split?: string;
  pattern?: string;
}
export type DataSource = { kind: 'sample' } | HubSource | { kind: 'local'; name: string };

export interface DatasetRequestState {
  source: DataSource;
  options: LoadOptions;
}

export interface DatasetState {
  /** cancelled: the user stopped the last load; `loaded` (if any) is still the one loaded before */
  status: 'idle' | 'loading' | 'ready' | 'error' | 'cancelled';
  progress?: Progress;
  loaded?: LoadedHandle;
  request?: DatasetRequestState;
  error?: string;
  /** the hub refused the last load for want of (a valid) access token */
  needsToken?: boolean;
}

/** What a load needs beside its request: kept in memory only, never written anywhere. */
export interface LoadExtra {
  /** sent only to the source's hub; the caller decides that it may go there */
  accessToken?: string;
  file?: File;
  cachePolicy?: 'network-first' | 'cache-first';
}

interface DatasetContextValue {
  state: DatasetState;
  load(request: DatasetRequestState, extra?: LoadExtra): Promise<void>;
  cancel(): void;
  /** Loads the current source again with changed options (e.g. a corrected column mapping). */
  reload(options: LoadOptions): Promise<void>;
  /** The local file of the last load, kept in memory until the page closes. */
  sessionFile(): File | undefined;
}

const LAST_KEY = 'candle-lab.last-dataset.v1';
const Ctx = createContext<DatasetContextValue | null>(null);

function readLast(): LastDataset | null {
  try {
    const raw = localStorage.getItem(LAST_KEY);
    return raw ? (JSON.parse(raw) as LastDataset) : null;
  } catch {
    return null;
  }
}

function writeLast(last: LastDataset): void {
  try {
    localStorage.setItem(LAST_KEY, JSON.stringify(last));
  } catch {
    // storage full or disabled: the next visit starts with the sample
  }
}

export function DatasetProvider({ children }: { children: ReactNode }) {
  const { client } = usePipeline();
  const [state, setState] = useState<DatasetState>({ status: 'idle' });
  const job = useRef<JobHandle<LoadedHandle> | null>(null);
  /** the token and file of the last load, in memory only, so a reload can reuse them */
  const lastExtra = useRef<LoadExtra>({});
  /** the last local file chosen, kept until the page closes (also while another source is loaded) */
  const lastFile = useRef<File | undefined>(undefined);

  const load = useCallback(
    async (request: DatasetRequestState, extra: LoadExtra = {}) => {
      job.current?.cancel();
      lastExtra.current = { accessToken: extra.accessToken, file: extra.file };
      if (extra.file) lastFile.current = extra.file;
      setState((s) => ({
        ...s,
        status: 'loading',
        progress: { stage: 'start', fraction: 0 },
        request,
        error: undefined,
      }));
      const { source, options } = request;
      const onProgress = (p: Progress) =>
        setState((s) => (s.status === 'loading' ? { ...s, progress: p } : s));
      let handle: JobHandle<LoadedHandle>;
      if (source.kind === 'hub') {
        const { kind: _k, ...hub } = source;
        handle = client.startJob(
          (api, jobId, progress) =>
            api.data.loadHub(
              { ...hub, ...options, accessToken: extra.accessToken, cachePolicy: extra.cachePolicy },
              progress,
              jobId,
            ),
          { onProgress },
        );
      } else if (source.kind === 'local') {
        const file = extra.file;
        if (!file) {
          setState((s) => ({
            ...s,
            status: 'error',
            error: 'Choose the file again: local files are not kept after the page is closed.',
          }));
          return;
        }
        // the File itself goes to the worker, which reads it in chunks: no copy of its bytes here
        handle = client.startJob(
          (api, jobId, progress) => api.data.loadLocal(file.name, file, options, progress, jobId),
          { onProgress },
        );
      } else {
        handle = client.startJob((api) => api.data.loadSample(options), { onProgress });
      }
      job.current = handle;
      try {
        const loaded = await handle.promise;
        if (job.current !== handle) return;
        setState({ status: 'ready', loaded, request });
        if (source.kind !== 'local') writeLast({ ...request, commit: loaded.summary.commit });
      } catch (err) {
        if (job.current !== handle) return;
        if (err instanceof LabError && err.category === 'cancelled') {
          setState((s) => ({ ...s, status: 'cancelled', progress: undefined }));
          return;
        }
        const needsToken =
          err instanceof HubError && (err.kind === 'unauthorized' || err.kind === 'forbidden');
        setState((s) => ({
          ...s,
          status: 'error',
          error: errorMessage(err),
          needsToken,
          progress: undefined,
        }));
      } finally {
        if (job.current === handle) job.current = null;
      }
    },
    [client],
  );

  const cancel = useCallback(() => job.current?.cancel(), []);
  const reload = useCallback(
    async (options: LoadOptions) => {
      if (!state.request) return;
      await load({ source: state.request.source, options }, lastExtra.current);
    },
    [load, state.request],
  );

  // a deep link's dataset, else the last one (from the cache), else the built-in sample;
  // a hub load gets only the token saved for that hub's own origin
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const settingsHub = getSettings().hubEndpoint;
    const plan = startupPlan(parseDeepLink(window.location.search), readLast(), settingsHub);
    const { source } = plan.request;
    const token = source.kind === 'hub' ? appTokens(() => settingsHub).get(source.hubUrl) : null;
    void load(plan.request, { accessToken: token?.value, cachePolicy: plan.cachePolicy });
  }, [load]);

  const sessionFile = useCallback(() => lastFile.current, []);
  const value = useMemo(
    () => ({ state, load, cancel, reload, sessionFile }),
    [state, load, cancel, reload, sessionFile],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useDataset(): DatasetContextValue {
  const v = useContext(Ctx);
  if (!v) throw new InternalError('useDataset must be used inside <DatasetProvider>');
  return v;
}
