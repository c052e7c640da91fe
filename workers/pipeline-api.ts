/**
 * The API object the pipeline worker exposes with comlink. Each method is a thin
 * delegate into src/core (or the worker's environment setup); the client's type is
 * `PipelineApi = typeof api`. Namespaces are marked with comlink's `proxy` so that
 * `Remote<PipelineApi>` types `remote.compute.init()` as a remote call.
 */
import { proxy } from 'comlink';
import type { BackendPreference } from '../src/core/compute/backend-types';
import { computeCrossCheck, computeSelfTest, ensureCompute, initCompute } from './env/compute';
import { dataApi, datasets } from './data-api';
import { benchApi } from './bench-api';
import { cancelJob, jobStatus } from './jobs';
import { modelsApi, trainApi } from './train-api';
import { artifactsApi, backtestApi } from './backtest-api';
import { exportApi } from './export-api';
import { optimizeApi } from './optimize-api';

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
  bench: benchApi,
  jobs: proxy({
    cancel: (jobId: string) => cancelJob(jobId),
    status: (jobId: string) => jobStatus(jobId),
  }),
};

export type PipelineApi = typeof api;
