/**
 * The worker's `backtest` and `artifacts` namespaces (the seed's backtest.run and
 * artifacts.list): message pumps over src/core/jobs/backtest.ts and src/core/store.
 */
import { proxy } from 'comlink';
import { planBacktest, runBacktestJob, type BacktestJobRequest } from '../src/core/jobs/backtest';
import { backtestView } from '../src/core/pipeline/backtest-view';
import { comparedRun } from '../src/core/pipeline/compare';
import { deleteArtifact, getArtifact, listArtifacts } from '../src/core/store/artifacts';
import type { ProgressFn } from '../src/core/util/progress';
import { datasets } from './env/session';
import { database } from './env/store';
import { jobEnv, jobs } from './jobs';

export type { BacktestJobRequest as BacktestRunRequest };

export const backtestApi = proxy({
  plan: (req: BacktestJobRequest) => planBacktest(req, jobEnv()),
  run: (req: BacktestJobRequest, onProgress: ProgressFn, jobId: string) =>
    jobs.run(jobId, 'backtest', onProgress, (ctx) => runBacktestJob(req, jobEnv(), ctx)),
});

export const artifactsApi = proxy({
  list: () => listArtifacts(database()),
  /** A stored run's view; runs without prices.csv take prices from a loaded dataset. */
  open: async (runId: string, handle?: string) =>
    backtestView({
      runId,
      files: (await getArtifact(database(), runId)).files,
      barsOf: (s) => (handle ? datasets.tryBars(handle, s) : undefined),
    }),
  remove: (runId: string) => deleteArtifact(database(), runId),
  /** Several runs' results, configurations and equity curves, for the side-by-side comparison. */
  compare: (runIds: string[]) =>
    Promise.all(runIds.map(async (id) => comparedRun(await getArtifact(database(), id)))),
});
