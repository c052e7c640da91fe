/**
 * The worker's `train` and `models` namespaces (the seed's train.start / train.status,
 * models.list / models.metrics): message pumps over src/core/jobs/train.ts and src/core/store.
 */
import { proxy } from 'comlink';
import { runTrainJob, type TrainJobRequest } from '../src/core/jobs/train';
import { deleteModel, getModelRecord, listModels, modelExists } from '../src/core/store/models';
import { readModelMetricsJson, type MetricsJsonRead } from '../src/core/train/metrics-json-check';
import type { ProgressFn } from '../src/core/util/progress';
import { database } from './env/store';
import { jobEnv, jobs } from './jobs';

export type { TrainJobRequest as TrainStartRequest };

export const trainApi = proxy({
  start: (req: TrainJobRequest, onProgress: ProgressFn, jobId: string) =>
    jobs.run(jobId, 'train', onProgress, (ctx) => runTrainJob(req, jobEnv(), ctx)),
  status: (jobId: string) => jobs.status(jobId),
});

export const modelsApi = proxy({
  list: () => listModels(database()),
  /** the model's metrics.json in the current layout (upgraded), or what keeps it from being read */
  metrics: async (modelId: string): Promise<MetricsJsonRead> => {
    const record = await getModelRecord(database(), modelId);
    return readModelMetricsJson(record.metrics, `models/${record.id}/metrics.json`);
  },
  exists: (modelId: string) => modelExists(database(), modelId),
  remove: (modelId: string) => deleteModel(database(), modelId),
});
