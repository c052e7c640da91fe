/**
 * The worker's `train` and `models` namespaces (the seed's train.start / train.status,
 * models.list / models.metrics): thin delegates into src/core/train and src/core/store.
 */
import { proxy } from 'comlink';
import { disposeModel } from '../src/core/models/registry';
import { runTraining } from '../src/core/train/train-job';
import type { TrainRequest } from '../src/core/train/request';
import { guardStorage } from '../src/core/store/quota';
import { deleteModel, getModelRecord, listModels, saveModel, modelExists } from '../src/core/store/models';
import { uniqueId } from '../src/core/util/ids';
import { throwIfCancelled, type ProgressFn } from '../src/core/util/progress';
import { datasets } from './data-api';
import { ensureCompute } from './env/compute';
import { database } from './env/store';
import { jobStatus, withJob } from './jobs';

export interface TrainStartRequest extends TrainRequest {
  /** the loaded dataset's handle (from data.load*) */
  handle: string;
}

export interface TrainStartResult {
  job_id: string;
  status: 'completed';
  model_id: string;
  metrics: Record<string, unknown>;
}

export const trainApi = proxy({
  start: (req: TrainStartRequest, onProgress: ProgressFn, jobId: string) =>
    withJob(jobId, async (signal, track): Promise<TrainStartResult> => {
      const { handle, ...request } = req;
      const entry = datasets.get(handle);
      const bars = request.symbols.map((s) => datasets.bars(handle, s));
      await ensureCompute();
      const progress: ProgressFn = (p) => {
        track(p);
        onProgress(p);
      };
      const s = entry.summary;
      const result = await runTraining({
        request: { ...request, dataset: s.dataset },
        bars,
        dataset: {
          id: s.dataset,
          revision: s.revision,
          commit: s.commit,
          hubUrl: s.hubUrl,
          files: s.files.map((f) => ({ path: f.path, size: f.size, etag: f.etag })),
        },
        appVersion: __APP_VERSION__,
        onProgress: progress,
        signal,
      });
      disposeModel(result.model); // the serialized copy is what gets stored
      throwIfCancelled(signal); // nothing is written for a cancelled job
      const db = database();
      const taken = new Set((await db.models.toCollection().primaryKeys()) as string[]);
      const id = uniqueId(result.modelId, (x) => taken.has(x));
      const metrics = { ...result.metrics, model_id: id } as unknown as Record<string, unknown>;
      await guardStorage('saving the model', () =>
        saveModel(db, {
          id,
          serialized: result.serialized,
          metrics,
          createdAt: Date.parse(result.metrics.created_at),
          dataset: s.dataset,
          symbols: request.symbols,
        }),
      );
      progress({ stage: 'saved', fraction: 1, message: id });
      return { job_id: jobId, status: 'completed', model_id: id, metrics };
    }),
  status: (jobId: string) => jobStatus(jobId),
});

export const modelsApi = proxy({
  list: () => listModels(database()),
  metrics: async (modelId: string) => (await getModelRecord(database(), modelId)).metrics,
  exists: (modelId: string) => modelExists(database(), modelId),
  remove: (modelId: string) => deleteModel(database(), modelId),
});
