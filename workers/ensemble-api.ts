/**
 * The worker's `ensemble` namespace: `ensemble.build` is a message pump over
 * src/core/jobs/ensemble.ts (a training job of kind 'ensemble', stored as a model).
 */
import { proxy } from 'comlink';
import { runEnsembleBuildJob, type EnsembleBuildRequest } from '../src/core/jobs/ensemble';
import type { ProgressFn } from '../src/core/util/progress';
import { jobEnv, jobs } from './jobs';

export type { EnsembleBuildRequest };

export const ensembleApi = proxy({
  build: (req: EnsembleBuildRequest, onProgress: ProgressFn, jobId: string) =>
    jobs.run(jobId, 'train', onProgress, (ctx) => runEnsembleBuildJob(req, jobEnv(), ctx)),
});
