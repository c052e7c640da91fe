/**
 * The training job (the seed's `train.start`): bars of the loaded dataset -> runTraining ->
 * the model and its metrics.json saved under a free id, with the job's log in metrics.json's
 * `job_log` lines (so it travels with the model into bundles).
 */
import type { MemberRunner } from '../models/ensemble';
import { disposeModel, restoreModel } from '../models/registry';
import type { NeuralModel } from '../models/tf';
import { guardStorage } from '../store/quota';
import { getModelRecord, saveModel, serializedOf } from '../store/models';
import { asInitModel, paramsFromInit } from '../train/init-from';
import { runTraining, type ModelMetricsJson } from '../train/train-job';
import { checkTrainRequest, type TrainRequest } from '../train/request';
import { uniqueId } from '../util/ids';
import { InputError, StorageError } from '../errors';
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

/** The saved model a request continues from, restored and checked for kind and task. */
async function savedInit(env: JobEnv, req: TrainRequest & { init_from_model: string }): Promise<NeuralModel> {
  const record = await getModelRecord(env.db, req.init_from_model).catch((e: unknown) => {
    if (e instanceof StorageError && e.code === 'not-found')
      throw new InputError(
        'init_from_model',
        `There is no saved model ${req.init_from_model} to continue from.`,
      );
    throw e;
  });
  const model = await restoreModel(serializedOf(record));
  try {
    return asInitModel(model, record.id, req.model, req.task);
  } catch (e) {
    disposeModel(model);
    throw e;
  }
}

export async function runTrainJob(
  req: TrainJobRequest,
  env: JobEnv,
  ctx: JobContext,
): Promise<TrainJobResult> {
  const { handle, ...asked } = req;
  checkTrainRequest(asked);
  const initId = asked.init_from_model;
  const init = initId ? await savedInit(env, { ...asked, init_from_model: initId }) : undefined;
  try {
    // continuing a model: its architecture settings fill the request's blanks (stored in config)
    const request = init ? { ...asked, params: paramsFromInit(init, asked.params) } : asked;
    return await trainAndSave(request, handle, env, ctx, init);
  } finally {
    if (init) disposeModel(init);
  }
}

async function trainAndSave(
  request: TrainRequest,
  handle: string,
  env: JobEnv,
  ctx: JobContext,
  init: NeuralModel | undefined,
): Promise<TrainJobResult> {
  const { log, signal } = ctx;
  const s = env.datasets.get(handle).summary;
  const bars = request.symbols.map((sym) => env.datasets.bars(handle, sym));
  log.info(`train ${request.model} (${request.task}) on ${request.symbols.join(', ')}`);
  if (init) log.info(`starting from the weights of ${request.init_from_model}`);
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
    init,
    initId: request.init_from_model,
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
