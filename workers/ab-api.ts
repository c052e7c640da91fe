/**
 * The worker's `ab` namespace: message pumps over src/core/jobs/ab.ts (statistics over stored
 * runs, and the with/without-ML experiment), live sessions compared as they run, and reading a
 * stored A/B report.
 */
import { proxy } from 'comlink';
import type { AbReport } from '../src/core/ab/report-type';
import {
  compareLiveSessions,
  runCompareJob,
  runMlSignalAbJob,
  type CompareRunsRequest,
  type LiveCompareRequest,
  type MlSignalAbRequest,
} from '../src/core/jobs/ab';
import { RefusedError } from '../src/core/errors';
import { getArtifact } from '../src/core/store/artifacts';
import type { ProgressFn } from '../src/core/util/progress';
import { database } from './env/store';
import { jobEnv, jobs } from './jobs';

export type { CompareRunsRequest, LiveCompareRequest, MlSignalAbRequest };

export const abApi = proxy({
  compare: (req: CompareRunsRequest, onProgress: ProgressFn, jobId: string) =>
    jobs.run(jobId, 'ab', onProgress, (ctx) => runCompareJob(req, jobEnv(), ctx)),
  mlSignal: (req: MlSignalAbRequest, onProgress: ProgressFn, jobId: string) =>
    jobs.run(jobId, 'ab', onProgress, (ctx) => runMlSignalAbJob(req, jobEnv(), ctx)),
  /** The statistics over live sessions' ledgers as they stand now (not a job: quick, not saved). */
  live: (req: LiveCompareRequest) => compareLiveSessions(req, jobEnv()),
  /** A stored A/B run's report. */
  report: async (runId: string): Promise<AbReport> => {
    const rec = await getArtifact(database(), runId);
    if (rec.kind !== 'ab')
      throw new RefusedError('not-ab', `${runId} is a ${rec.kind} run, not an A/B report`);
    return JSON.parse(rec.files['report.json'] ?? '{}') as AbReport;
  },
});
