/**
 * The API object the pipeline worker exposes with comlink. Each method is a thin
 * delegate into src/core (or the worker's environment setup); the client's type is
 * `PipelineApi = typeof api`. Namespaces are marked with comlink's `proxy` so that
 * `Remote<PipelineApi>` types `remote.compute.init()` as a remote call.
 */
import { InputError } from '../src/core/errors';
import { proxy } from 'comlink';
import type { BackendPreference } from '../src/core/compute/backend-types';
import { computeCrossCheck, computeSelfTest, ensureCompute, initCompute } from './env/compute';
import { dataApi } from './data-api';
import { jobs } from './jobs';
import { datasets } from './env/session';
import { modelsApi, trainApi } from './train-api';
import { artifactsApi, backtestApi } from './backtest-api';
import { exportApi } from './export-api';
import { optimizeApi } from './optimize-api';
import { tuneApi } from './tune-api';
import { abApi } from './ab-api';
import { liveApi } from './live-api';
import { ensembleApi } from './ensemble-api';

export const api = {
  ping: (): string => 'pong',
  compute: proxy({
    init: (preference: BackendPreference) => initCompute(preference),
    info: () => ensureCompute(),
    selfTest: () => computeSelfTest(),
    crossCheck: (handle: string, symbol: string) => computeCrossCheck(datasets.bars(handle, symbol)),
  }),
  data: dataApi,
  train: trainApi,
  models: modelsApi,
  backtest: backtestApi,
  artifacts: artifactsApi,
  exports: exportApi,
  optimize: optimizeApi,
  tune: tuneApi,
  ab: abApi,
  live: liveApi,
  ensemble: ensembleApi,
  /**
   * The benchmarks (bench/run.mjs, with ?bench=1): loaded on first use, so their code stays
   * out of the worker's default chunk.
   */
  bench: async (method: string, ...args: unknown[]): Promise<unknown> => {
    const { benchApi } = await import('./bench-api');
    const fn = (benchApi as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    if (typeof fn !== 'function') throw new InputError('method', `No benchmark "${method}".`);
    return fn(...args);
  },
  jobs: proxy({
    cancel: (jobId: string) => jobs.cancel(jobId),
    status: (jobId: string) => jobs.status(jobId),
    running: () => jobs.running(),
  }),
};

export type PipelineApi = typeof api;
