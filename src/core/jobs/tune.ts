/**
 * The tuning job (tune.start): a hyperparameter study on the loaded dataset. New or resumed (from
 * the trials stored under `study_id`), trials run on the executor (neural ones in process, beside
 * the TensorFlow.js backend) and are stored as each finishes; then the best configuration is walked
 * forward once over the evaluation folds and the study is saved as a 'tuning' run (study.json,
 * trials.csv, report.json, job.log). A cancel keeps the finished trials; the study can resume.
 */
import { CancelledError, InputError } from '../errors';
import { MODEL_INFO } from '../models/catalog';
import { freeRunId, saveRun } from '../store/runs';
import { getStudy, listTrials, putStudy, putTrial, type StudyRecord } from '../store/studies';
import { rawValue } from '../tune/objective';
import { buildStudyReport, trialsCsv, type StudyReport } from '../tune/report';
import { resolveTuneRequest, type TuneRequest } from '../tune/request';
import { bestTrial, evaluateTrial, runTrials, setupStudy } from '../tune/study';
import type { TrialResult } from '../tune/trial';
import { timestampId, uniqueId } from '../util/ids';
import { throwIfCancelled } from '../util/progress';
import { describeDataset, type JobEnv } from './env';
import { inProcessExecutor } from './in-process';
import { JOB_LOG_FILE } from './job-log';
import type { JobContext } from './runner';

export interface TuneJobRequest extends TuneRequest {
  /** the loaded dataset's handle */
  handle: string;
  /** resume this stored study (its own request is used; the fields above are ignored) */
  study_id?: string;
}

export interface TuneJobResult {
  job_id: string;
  study_id: string;
  run_id: string;
  report: StudyReport;
}

async function openStudy(req: TuneJobRequest, env: JobEnv, dataset: string) {
  const { handle: _h, study_id, ...fresh } = req;
  const now = (env.now ?? Date.now)();
  if (!study_id) {
    const r = resolveTuneRequest(fresh);
    const taken = new Set((await env.db.studies.toCollection().primaryKeys()) as string[]);
    const id = uniqueId(`tune_${r.model}_${timestampId(now)}`, (x) => taken.has(x));
    const study: StudyRecord = {
      id,
      createdAt: now,
      updatedAt: now,
      status: 'running',
      dataset,
      request: { ...fresh },
    };
    return { study, request: r, stored: [] as TrialResult[] };
  }
  const study = await getStudy(env.db, study_id).catch(() => {
    throw new InputError('study_id', `No study ${study_id} is stored here.`);
  });
  if (study.status === 'done')
    throw new InputError('study_id', `Study ${study_id} is finished; its run is ${study.runId}.`);
  if (study.dataset !== dataset)
    throw new InputError(
      'study_id',
      `Study ${study_id} ran on ${study.dataset}; load that dataset to resume it.`,
    );
  const request = resolveTuneRequest(study.request as unknown as TuneRequest);
  return {
    study: { ...study, status: 'running' as const, updatedAt: now },
    request,
    stored: await listTrials(env.db, study_id),
  };
}

export async function runTuneJob(req: TuneJobRequest, env: JobEnv, ctx: JobContext): Promise<TuneJobResult> {
  const { log, signal } = ctx;
  const entry = env.datasets.get(req.handle);
  const { study, request, stored } = await openStudy(req, env, entry.summary.dataset);
  const bars = request.symbols.map((s) => env.datasets.bars(req.handle, s));
  const setup = setupStudy(request, bars, entry.summary.dataset);
  await putStudy(env.db, study);
  log.info(
    `study ${study.id}: ${request.trials} ${request.model} trial(s), ${request.sampler} sampler, pruner ${request.pruner}, objective ${request.objective}, seed ${request.seed}`,
  );
  log.info(describeDataset(entry.summary));
  log.info(
    `tuning ${setup.periods.tune_start} .. ${setup.periods.eval_start} (${setup.periods.tuning_folds} folds), evaluation from ${setup.periods.eval_start} (${setup.periods.evaluation_folds} folds)`,
  );
  if (stored.length) log.info(`resuming with ${stored.length} stored trial(s)`);
  if (env.ensureCompute) log.info(`compute backend ${await env.ensureCompute()}`);
  const executor = MODEL_INFO[request.model].family === 'neural' ? inProcessExecutor() : env.executor;
  const tag = { study_id: study.id };
  ctx.progress({ stage: 'study', fraction: stored.length / request.trials, message: study.id, detail: tag });
  let trials: TrialResult[];
  try {
    trials = await runTrials({
      setup,
      executor,
      stored,
      signal,
      onTrial: (t) => putTrial(env.db, study.id, t),
      onProgress: (p) => ctx.progress({ ...p, detail: { ...p.detail, ...tag } }),
    });
  } catch (e) {
    await putStudy(env.db, {
      ...study,
      status: e instanceof CancelledError ? 'cancelled' : 'failed',
      updatedAt: (env.now ?? Date.now)(),
    });
    throw e;
  }
  log.step(`${trials.length} trial(s) done, ${trials.filter((t) => t.state === 'pruned').length} pruned`);
  const best = bestTrial(trials);
  ctx.progress({
    stage: 'evaluate',
    fraction: 0.99,
    message: 'the best configuration on the evaluation folds',
    detail: tag,
  });
  const evaluation = best ? await evaluateTrial(setup, best.params, executor, signal) : null;
  throwIfCancelled(signal);
  const now = (env.now ?? Date.now)();
  const runId = await freeRunId(env.db, `tuning_${timestampId(now)}`);
  const report = buildStudyReport({
    studyId: study.id,
    runId,
    request,
    periods: setup.periods,
    trials,
    best,
    evaluation,
    evaluationValue: evaluation
      ? rawValue(request.objective, evaluation.results, evaluation.model_metrics)
      : null,
  });
  log.info(
    best
      ? `best trial ${best.number}: ${request.objective} ${best.value.toFixed(4)} tuning, evaluation Sharpe ${report.best?.evaluation?.sharpe_ratio.toFixed(3)}; PBO ${report.stats.pbo?.pbo.toFixed(3) ?? 'n/a'}, DSR ${report.stats.deflated_sharpe?.dsr.toFixed(3) ?? 'n/a'}`
      : 'no trial completed',
  );
  const files = {
    'study.json': JSON.stringify(report, null, 2),
    'trials.csv': trialsCsv(request.space, trials),
    'report.json': JSON.stringify(
      {
        run_id: runId,
        kind: 'tuning',
        study_id: study.id,
        config: report.config,
        best: report.best,
        stats: report.stats,
      },
      null,
      2,
    ),
    [JOB_LOG_FILE]: log.text(),
  };
  await saveRun(env.db, {
    id: runId,
    kind: 'tuning',
    createdAt: now,
    summary: {
      study_id: study.id,
      model_kind: request.model,
      objective: request.objective,
      trials: trials.length,
      best: report.best,
      pbo: report.stats.pbo?.pbo ?? null,
    },
    files,
  });
  await putStudy(env.db, { ...study, status: 'done', runId, updatedAt: now });
  ctx.progress({ stage: 'saved', fraction: 1, message: runId, detail: tag });
  return { job_id: ctx.jobId, study_id: study.id, run_id: runId, report };
}

/** tune.status: a stored study, its trial counts and, when done, its run id. */
export async function tuneStatus(env: Pick<JobEnv, 'db'>, studyId: string) {
  const study = await getStudy(env.db, studyId);
  const trials = await listTrials(env.db, studyId);
  const pruned = trials.filter((t) => t.state === 'pruned').length;
  return {
    study,
    done: trials.length,
    pruned,
    complete: trials.length - pruned,
    total: Number(study.request.trials ?? 0),
  };
}
