/**
 * One pipeline worker client for the whole app, and the compute backend it runs on.
 * Applies the backend preference from Settings whenever it changes. The backend starts
 * beside the first dataset load (nothing in the data path waits for it); its self-test
 * waits until no job is running, so it does not share the worker's thread with that load.
 */
import { InternalError } from '../../core/errors';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { PipelineClient } from '../../client/pipeline-client';
import type { BackendInfo, BackendSelfTest } from '../../core/compute/backend-types';
import { getSettings, useSettings } from '../settings';
import { whenIdle } from '../when-idle';

export interface ComputeState {
  status: 'starting' | 'ready' | 'error';
  info?: BackendInfo;
  selfTest?: BackendSelfTest;
  error?: string;
}

interface PipelineContextValue {
  client: PipelineClient;
  compute: ComputeState;
}

const Ctx = createContext<PipelineContextValue | null>(null);

export function PipelineProvider({ children }: { children: ReactNode }) {
  const client = useMemo(() => new PipelineClient(getSettings().backend), []);
  const [settings] = useSettings();
  const [compute, setCompute] = useState<ComputeState>({ status: 'starting' });

  useEffect(() => {
    let stale = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reflects the async switch in the worker
    setCompute({ status: 'starting' });
    (async () => {
      try {
        const info = await client.setBackend(settings.backend);
        await whenIdle(client);
        if (stale) return;
        const selfTest = await client.api.compute.selfTest();
        if (!stale) setCompute({ status: 'ready', info, selfTest });
      } catch (err) {
        if (!stale) setCompute({ status: 'error', error: err instanceof Error ? err.message : String(err) });
      }
    })();
    return () => {
      stale = true;
    };
  }, [client, settings.backend]);

  useEffect(() => () => client.dispose(), [client]);
  // bench/run.mjs drives the worker through this handle; present only with ?bench=1 in the URL
  useEffect(() => {
    if (new URLSearchParams(location.search).get('bench') === '1')
      Object.assign(window, { __candleLab: { client } });
  }, [client]);

  const value = useMemo(() => ({ client, compute }), [client, compute]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function usePipeline(): PipelineContextValue {
  const v = useContext(Ctx);
  if (!v) throw new InternalError('usePipeline must be used inside <PipelineProvider>');
  return v;
}
