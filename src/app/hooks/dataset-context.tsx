/**
 * The dataset the user is working on: loaded in the worker, known here by handle and
 * summary. Remembers the last request (never the token) so a reload brings it back;
 * on a first visit it loads the built-in real sample so everything works at once.
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
  status: 'idle' | 'loading' | 'ready' | 'error';
  progress?: Progress;
  loaded?: LoadedHandle;
  request?: DatasetRequestState;
  error?: string;
}

interface DatasetContextValue {
  state: DatasetState;
  load(request: DatasetRequestState, extra?: { accessToken?: string; file?: File }): Promise<void>;
  cancel(): void;
  /** Loads the current source again with changed options (e.g. a corrected column mapping). */
  reload(options: LoadOptions): Promise<void>;
}

const LAST_KEY = 'candle-lab.last-dataset.v1';
const Ctx = createContext<DatasetContextValue | null>(null);

function readLast(): DatasetRequestState | null {
  try {
    const raw = localStorage.getItem(LAST_KEY);
    return raw ? (JSON.parse(raw) as DatasetRequestState) : null;
  } catch {
    return null;
  }
}

export function DatasetProvider({ children }: { children: ReactNode }) {
  const { client } = usePipeline();
  const [state, setState] = useState<DatasetState>({ status: 'idle' });
  const job = useRef<JobHandle<LoadedHandle> | null>(null);
  /** the token and file of the last load, in memory only, so a reload can reuse them */
  const lastExtra = useRef<{ accessToken?: string; file?: File }>({});

  const load = useCallback(
    async (request: DatasetRequestState, extra: { accessToken?: string; file?: File } = {}) => {
      job.current?.cancel();
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
            api.data.loadHub({ ...hub, ...options, accessToken: extra.accessToken }, progress, jobId),
          { onProgress },
        );
      } else if (source.kind === 'local') {
        const file = extra.file;
        if (!file) {
          setState((s) => ({
            ...s,
            status: 'error',
            error: 'Choose the file again: local files are not kept between visits.',
          }));
          return;
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        handle = client.startJob((api) => api.data.loadLocal(file.name, bytes, options), { onProgress });
      } else {
        handle = client.startJob((api) => api.data.loadSample(options), { onProgress });
      }
      job.current = handle;
      try {
        const loaded = await handle.promise;
        if (job.current !== handle) return;
        setState({ status: 'ready', loaded, request });
        if (source.kind !== 'local') localStorage.setItem(LAST_KEY, JSON.stringify(request));
      } catch (err) {
        if (job.current !== handle) return;
        setState((s) => ({ ...s, status: 'error', error: errorMessage(err), progress: undefined }));
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

  // first visit: the built-in sample; later visits: the last dataset (from the cache when offline)
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const last = readLast();
    void load(last ?? { source: { kind: 'sample' }, options: {} });
  }, [load]);

  const value = useMemo(() => ({ state, load, cancel, reload }), [state, load, cancel, reload]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useDataset(): DatasetContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useDataset must be used inside <DatasetProvider>');
  return v;
}
