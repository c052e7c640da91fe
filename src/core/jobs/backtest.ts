/**
 * The backtest job (the seed's `backtest.run`): resolve the model configuration from a saved
 * model (or 'latest'), run the walk-forward on the executor (neural folds in process, next to
 * the TensorFlow.js backend), save the run's files, its job log and any updated models in one
 * transaction, and return the result with its view.
 */
import { MODEL_INFO } from '../models/catalog';
import { modelConfigFromMetrics } from '../pipeline/model-config';
import { resultView, type BacktestView } from '../pipeline/backtest-view';
import { getModelRecord } from '../store/models';
import { freeRunId, saveRun } from '../store/runs';
import { throwIfCancelled } from '../util/progress';
import { buildArtifacts, planWalkForward, runWalkForward } from '../walkforward';
import type {
  SeedResults,
  WalkForwardPlanSummary,
  WalkForwardRequest,
  WalkForwardResult,
} from '../walkforward/types';
import { datasetRefOf, describeDataset, type JobEnv } from './env';
import { inProcessExecutor } from './in-process';
import { JOB_LOG_FILE } from './job-log';
import type { JobContext } from './runner';

/** A backtest request: the walk-forward fields, a saved model's id (or 'latest') and the dataset handle. */
export interface BacktestJobRequest extends Omit<WalkForwardRequest, 'model' | 'dataset' | 'timeframe'> {
  handle: string;
  model_id: string;
}

/** What backtest.run returns: the seed's { job_id, run_id, results } and the run's view. */
export interface BacktestJobResult {
  job_id: string;
  run_id: string;
  results: SeedResults;
  view: BacktestView;
}

async function resolve(req: BacktestJobRequest, env: JobEnv) {
  const { handle, model_id, ...rest } = req;
  const entry = env.datasets.get(handle);
  const record = await getModelRecord(env.db, model_id);
  const request: WalkForwardRequest = {
    ...rest,
    model: modelConfigFromMetrics(record.id, record.metrics),
    dataset: entry.summary.dataset,
    timeframe: entry.summary.timeframe,
  };
  const bars = req.symbols.map((s) => env.datasets.bars(handle, s));
  return { request, bars, summary: entry.summary };
}

/** The fold plan a request would run, without running it (the request is checked here too). */
export async function planBacktest(req: BacktestJobRequest, env: JobEnv): Promise<WalkForwardPlanSummary> {
  const { request, bars } = await resolve(req, env);
  return planWalkForward(request, bars).summary;
}

function summaryOf(r: WalkForwardResult): Record<string, unknown> {
  return {
    results: r.results,
    model_id: r.request.model.model_id,
    model_kind: r.request.model.kind,
    symbols: r.request.symbols,
    dataset: r.dataset?.id ?? null,
    folds: r.plan.fold_count,
    online: r.request.online,
    long_short: r.request.long_short,
    fill: r.request.fill,
    accounting: r.request.accounting,
  };
}

export async function runBacktestJob(
  req: BacktestJobRequest,
  env: JobEnv,
  ctx: JobContext,
): Promise<BacktestJobResult> {
  const { log, signal } = ctx;
  const { request, bars, summary } = await resolve(req, env);
  log.info(
    `backtest of model ${request.model.model_id} (${request.model.kind}) on ${request.symbols.join(', ')}`,
  );
  log.info(describeDataset(summary));
  log.info(`request ${JSON.stringify({ ...req, handle: undefined })}`);
  const backend = env.ensureCompute ? await env.ensureCompute() : 'js';
  const neural = MODEL_INFO[request.model.kind].family === 'neural';
  const executor = neural ? inProcessExecutor() : env.executor;
  log.info(`compute backend ${backend}; folds on ${executor.name}`);
  const result = await runWalkForward({
    request,
    bars,
    dataset: datasetRefOf(summary),
    appVersion: env.appVersion,
    onProgress: ctx.progress,
    signal,
    executor,
    now: env.now,
  });
  log.step(`${result.plan.fold_count} fold(s) fitted and assembled`);
  for (const w of result.warnings) log.warn(w);
  throwIfCancelled(signal); // a cancelled run writes nothing
  const t0 = performance.now();
  result.run_id = await freeRunId(env.db, result.run_id);
  const files = buildArtifacts(result);
  const t1 = performance.now();
  const createdAt = Date.parse(result.created_at);
  log.info(
    `saving run ${result.run_id}: total return ${result.results.total_return_pct.toFixed(2)}%, ${result.results.total_trades} trade(s)` +
      (result.updated_models.length ? `, ${result.updated_models.length} updated model(s)` : ''),
  );
  const logText = log.text();
  // the view is built while the database stores the run (the commit runs off this thread)
  const saving = saveRun(
    env.db,
    {
      id: result.run_id,
      kind: 'backtest',
      createdAt,
      summary: summaryOf(result),
      files: { ...files, [JOB_LOG_FILE]: logText },
      modelId: request.model.model_id ?? undefined,
    },
    result.updated_models.map((u) => ({
      id: u.model_id,
      serialized: u.serialized,
      metrics: u.metrics,
      createdAt,
      dataset: result.dataset?.id ?? '',
      symbols: u.symbol ? [u.symbol] : result.request.symbols,
      parentId: u.parent_id ?? undefined,
    })),
  );
  saving.catch(() => undefined); // awaited below; observed here in case the view throws first
  const view = resultView(result, { files: [...Object.keys(files), JOB_LOG_FILE], log: logText });
  await saving;
  const seconds = (ms: number) => Math.round(ms) / 1000;
  ctx.progress({
    stage: 'saved',
    fraction: 1,
    message: result.run_id,
    // save_s: from the save's start to its end, the view's building included
    detail: { artifacts_s: seconds(t1 - t0), save_s: seconds(performance.now() - t1) },
  });
  return { job_id: ctx.jobId, run_id: result.run_id, results: result.results, view };
}
