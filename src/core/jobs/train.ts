/**
 * The training job (the seed's `train.start`): bars of the loaded dataset -> runTraining ->
 * the model and its metrics.json saved under a free id, with the job's log in metrics.json's
 * `job_log` lines (so it travels with the model into bundles).
 */
import type { MemberRunner } from '../models/ensemble';
import { disposeModel } from '../models/registry';
import { guardStorage } from '../store/quota';
import { saveModel } from '../store/models';
import { runTraining, type ModelMetricsJson } from '../train/train-job';
import type { TrainRequest } from '../train/request';
import { uniqueId } from '../util/ids';
import { throwIfCancelled } from '../util/progress';
import { datasetRefOf, describeDataset, type JobEnv } from './env';
import type { JobContext } from './runner';

export interface TrainJobRequest extends TrainRequest {
  /** the loaded dataset's handle (from data.load*) */
  handle: string;
}

/** What train.start returns: the seed's { job_id, status, model_id } and the model's metrics.json. */
export interface TrainJobResult {
  job_id: string;
  status: 'completed';
  model_id: string;
  metrics: ModelMetricsJson;
}

/** An ensemble's member fits as 'ensemble.member' units on the job's executor (in parallel on the pool). */
function executorMemberRunner(env: JobEnv): MemberRunner {
  return (job, signal) => env.executor.map('ensemble.member', job, job.fits.length, { signal });
}

export async function runTrainJob(
  req: TrainJobRequest,
  env: JobEnv,
  ctx: JobContext,
): Promise<TrainJobResult> {
  const { handle, ...request } = req;
  const { log, signal } = ctx;
  const s = env.datasets.get(handle).summary;
  const bars = request.symbols.map((sym) => env.datasets.bars(handle, sym));
  log.info(`train ${request.model} (${request.task}) on ${request.symbols.join(', ')}`);
  log.info(describeDataset(s));
  const backend = env.ensureCompute ? await env.ensureCompute() : 'js';
  log.info(`compute backend ${backend}`);
  const result = await runTraining({
    request: { ...request, dataset: s.dataset },
    bars,
    dataset: datasetRefOf(s),
    appVersion: env.appVersion,
    onProgress: ctx.progress,
    signal,
    ensembleRunner: executorMemberRunner(env),
  });
  disposeModel(result.model); // the serialized copy is what gets stored
  log.step(`trained in ${result.metrics.timings.fit_s.toFixed(3)} s of fitting`);
  throwIfCancelled(signal); // nothing is written for a cancelled job
  const taken = new Set((await env.db.models.toCollection().primaryKeys()) as string[]);
  const id = uniqueId(result.modelId, (x) => taken.has(x));
  log.info(`saving model ${id}`);
  const metrics: ModelMetricsJson = { ...result.metrics, model_id: id, job_log: log.lines };
  await guardStorage('saving the model', () =>
    saveModel(env.db, {
      id,
      serialized: result.serialized,
      metrics,
      createdAt: Date.parse(result.metrics.created_at),
      dataset: s.dataset,
      symbols: request.symbols,
    }),
  );
  ctx.progress({ stage: 'saved', fraction: 1, message: id });
  return { job_id: ctx.jobId, status: 'completed', model_id: id, metrics };
}
