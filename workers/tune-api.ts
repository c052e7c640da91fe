/**
 * The worker's `tune` namespace (tune.start / tune.status / tune.trials): message pumps over
 * src/core/jobs/tune.ts and the stored studies.
 */
import { proxy } from 'comlink';
import { runTuneJob, tuneStatus, type TuneJobRequest } from '../src/core/jobs/tune';
import { listStudies, listTrials } from '../src/core/store/studies';
import type { ProgressFn } from '../src/core/util/progress';
import { database } from './env/store';
import { jobEnv, jobs } from './jobs';

export type { TuneJobRequest };

export const tuneApi = proxy({
  start: (req: TuneJobRequest, onProgress: ProgressFn, jobId: string) =>
    jobs.run(jobId, 'tune', onProgress, (ctx) => runTuneJob(req, jobEnv(), ctx)),
  status: (studyId: string) => tuneStatus({ db: database() }, studyId),
  trials: (studyId: string) => listTrials(database(), studyId),
  studies: () => listStudies(database()),
});
