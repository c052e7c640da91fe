/**
 * The worker's `optimize` namespace: message pumps over src/core/jobs/optimize.ts (the
 * walk-forward genetic-algorithm optimizer of signal weights, saved as a run).
 */
import { proxy } from 'comlink';
import {
  previewOptimize,
  runOptimize,
  type OptimizeJobRequest,
  type OptimizePreviewRequest,
} from '../src/core/jobs/optimize';
import type { ProgressFn } from '../src/core/util/progress';
import { jobEnv, jobs } from './jobs';

export type { OptimizeJobRequest as OptimizeRunRequest };

export const optimizeApi = proxy({
  run: (req: OptimizeJobRequest, onProgress: ProgressFn, jobId: string) =>
    jobs.run(jobId, 'optimize', onProgress, (ctx) => runOptimize(req, jobEnv(), ctx)),
  preview: (req: OptimizePreviewRequest) => previewOptimize(req, jobEnv()),
});
