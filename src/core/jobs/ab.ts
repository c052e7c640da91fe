/**
 * A/B jobs, saved as runs of kind 'ab' (report.json, job.log) under a free id ab_<time>:
 *   runCompareJob     the statistics over two or more stored runs (Artifacts -> Compare)
 *   runMlSignalAbJob  the with/without-ML experiment: the optimizer's strategy with and without
 *                     the saved model's out-of-sample signal (and the model alone), same folds
 * and, not saved (recomputed as the ledgers grow):
 *   compareLiveSessions  the same statistics over two or more live sessions' ledgers
 */
import { armSeries, runMlSignalExperiment, type AbStrategySettings } from '../ab/experiment';
import { compareSeries } from '../ab/compare';
import type { AbReport, AbSettings } from '../ab/report-type';
import { runSeriesOf } from '../ab/series';
import { checkLiveComparable, liveRunSeries } from '../ab/live-series';
import { getLiveSession, liveDecisions } from '../store/live';
import { InputError } from '../errors';
import { MODEL_INFO } from '../models/catalog';
import { modelConfigFromMetrics } from '../pipeline/model-config';
import { saveArtifact, getArtifact } from '../store/artifacts';
import { getModelRecord } from '../store/models';
import { freeRunId } from '../store/runs';
import { timestampId } from '../util/ids';
import { throwIfCancelled } from '../util/progress';
import type { WalkForwardRequest } from '../walkforward/types';
import type { ModelSignalInput } from '../optimize/signals';
import { runWalkForward } from '../walkforward/run';
import { describeDataset, type JobEnv } from './env';
import { inProcessExecutor } from './in-process';
import { JOB_LOG_FILE } from './job-log';
import type { JobContext } from './runner';

export interface CompareRunsRequest {
  run_ids: string[];
  settings?: Partial<AbSettings>;
}

export interface MlSignalAbRequest extends AbStrategySettings {
  /** the loaded dataset's handle */
  handle: string;
  /** a saved model's id or 'latest': its configuration is walked forward for the signal */
  model_id: string;
  symbol: string;
  /** the model's walk-forward windows (default: those of a backtest, 365d / 30d) */
  model_train_window?: string | number;
  model_test_window?: string | number;
  /** also run the model's signal alone (arm C) */
  include_model_only?: boolean;
  settings?: Partial<AbSettings>;
}

export interface LiveCompareRequest {
  session_ids: string[];
  settings?: Partial<AbSettings>;
}

export interface AbJobResult {
  job_id: string;
  run_id: string;
  report: AbReport;
}

async function save(
  env: JobEnv,
  ctx: JobContext,
  report: AbReport,
  createdAt: number,
  symbols: string[],
): Promise<AbJobResult> {
  throwIfCancelled(ctx.signal); // a cancelled job writes nothing
  const id = await freeRunId(env.db, report.run_id);
  const final = { ...report, run_id: id };
  for (const p of final.pairs) ctx.log.info(p.verdict);
  ctx.log.info(`saving A/B report ${id}`);
  await saveArtifact(env.db, {
    id,
    kind: 'ab',
    createdAt,
    summary: {
      ab_kind: final.kind,
      run_ids: final.config.run_ids,
      symbols,
      verdicts: final.pairs.map((p) => p.verdict),
      common_bars: final.common.bars,
    },
    files: { 'report.json': JSON.stringify(final, null, 2) + '\n', [JOB_LOG_FILE]: ctx.log.text() },
  });
  ctx.progress({ stage: 'saved', fraction: 1, message: id });
  return { job_id: ctx.jobId, run_id: id, report: final };
}

const clock = (env: JobEnv) => (env.now ?? Date.now)();

/** What the model signal of a strategy is made from: a saved model walked forward on one symbol. */
export interface ModelSignalSource {
  handle: string;
  /** a saved model's id or 'latest' */
  model_id: string;
  symbol: string;
  /** the model's walk-forward windows (default: those of a backtest, 365d / 30d) */
  model_train_window?: string | number;
  model_test_window?: string | number;
  fees_bps?: number;
  slippage_bps?: number;
  fill?: 'next_open' | 'close';
}

/** The saved model's configuration as a walk-forward request on the source's symbol and dataset. */
async function modelSignalRequest(env: JobEnv, src: ModelSignalSource) {
  const entry = env.datasets.get(src.handle);
  const record = await getModelRecord(env.db, src.model_id);
  const config = modelConfigFromMetrics(record.id, record.metrics);
  const request: WalkForwardRequest = {
    model: config,
    symbols: [src.symbol],
    dataset: entry.summary.dataset,
    timeframe: entry.summary.timeframe,
    train_window: src.model_train_window ?? '365d',
    test_window: src.model_test_window ?? '30d',
    fees_bps: src.fees_bps,
    slippage_bps: src.slippage_bps,
    fill: src.fill,
  };
  return { record, config, request };
}

/** neural models fit in this thread (the fold pool's workers hold no tfjs) */
const executorFor = (env: JobEnv, config: WalkForwardRequest['model']) =>
  MODEL_INFO[config.kind].family === 'neural' ? inProcessExecutor() : env.executor;

/**
 * A saved model's signal on one symbol: its configuration walked forward (a fresh model per
 * fold, trained on earlier bars only), so every value is an out-of-sample prediction (NaN
 * before the first test window); the optimizer's 'model' signal is this series.
 */
export async function walkModelSignal(
  env: JobEnv,
  ctx: Pick<JobContext, 'signal' | 'progress' | 'log'>,
  src: ModelSignalSource,
): Promise<ModelSignalInput & { model_id: string; folds: number }> {
  const { record, config, request } = await modelSignalRequest(env, src);
  ctx.log.info(
    `model signal: ${record.id} (${config.kind}) walked forward on ${src.symbol}, windows ${String(request.train_window)} / ${String(request.test_window)}`,
  );
  if (env.ensureCompute) await env.ensureCompute();
  const wf = await runWalkForward({
    request,
    bars: [env.datasets.bars(src.handle, src.symbol)],
    executor: executorFor(env, config),
    signal: ctx.signal,
    onProgress: (p) => ctx.progress({ ...p, stage: `model ${p.stage}`, fraction: 0.4 * p.fraction }),
  });
  const values = wf.per_symbol[0].signal;
  if (!values.some(Number.isFinite))
    throw new InputError(
      'model_id',
      `${record.id} made no out-of-sample prediction on ${src.symbol}: the data is shorter than its train and test windows`,
    );
  return {
    values,
    kind: config.task === 'regression' ? 'return' : 'probability',
    model_id: record.id,
    folds: wf.plan.fold_count,
  };
}

export async function runCompareJob(
  req: CompareRunsRequest,
  env: JobEnv,
  ctx: JobContext,
): Promise<AbJobResult> {
  if (!Array.isArray(req.run_ids) || req.run_ids.length < 2)
    throw new InputError('run_ids', 'choose at least two runs to compare');
  ctx.log.info(`comparing ${req.run_ids.join(', ')}`);
  const runs = [];
  for (const id of req.run_ids) runs.push(runSeriesOf(await getArtifact(env.db, id)));
  ctx.progress({ stage: 'statistics', fraction: 0.1 });
  const now = clock(env);
  const report = compareSeries(runs, {
    run_id: `ab_${timestampId(now)}`,
    created_at: new Date(now).toISOString(),
    app_version: env.appVersion,
    settings: req.settings,
  });
  ctx.log.step(`${report.pairs.length} comparison(s) on ${report.common.bars} common bars`);
  return save(env, ctx, report, now, runs[0].symbols);
}

export async function runMlSignalAbJob(
  req: MlSignalAbRequest,
  env: JobEnv,
  ctx: JobContext,
): Promise<AbJobResult> {
  const { log } = ctx;
  const entry = env.datasets.get(req.handle);
  if (!entry.summary.symbols.includes(req.symbol))
    throw new InputError(
      'symbol',
      `${req.symbol} is not in the loaded dataset (${entry.summary.symbols.join(', ')})`,
    );
  const { record, config, request: model } = await modelSignalRequest(env, req);
  log.info(`A/B of the ML signal: model ${record.id} (${config.kind}) on ${req.symbol}`);
  log.info(describeDataset(entry.summary));
  if (env.ensureCompute) await env.ensureCompute();
  const bars = env.datasets.bars(req.handle, req.symbol);
  const exp = await runMlSignalExperiment({
    bars,
    model,
    strategy: req,
    include_model_only: req.include_model_only,
    executor: executorFor(env, config),
    signal: ctx.signal,
    onProgress: ctx.progress,
  });
  log.step(`model walked forward (${exp.model.plan.fold_count} folds) and ${exp.arms.length} arms optimised`);
  const now = clock(env);
  const report = compareSeries(
    exp.arms.map((a) => armSeries(a, req.symbol)),
    {
      run_id: `ab_${timestampId(now)}`,
      created_at: new Date(now).toISOString(),
      app_version: env.appVersion,
      settings: req.settings,
      names: exp.arms.map((a) => a.name),
      pairs: exp.arms.slice(1).map((_, i) => [i + 1, 0] as [number, number]),
      kind: 'ml-signal',
      experiment: {
        model_id: record.id,
        model_kind: config.kind,
        symbol: req.symbol,
        dataset: entry.summary.dataset,
        model_windows: [model.train_window, model.test_window],
        first_prediction: new Date(bars.time[exp.first_prediction]).toISOString(),
        arms: exp.arms.map((a) => ({
          name: a.name,
          description: a.description,
          signals: a.signal_names,
          latest_weights: a.result.latest,
          folds: a.result.folds.length,
        })),
        strategy: { ...req, handle: undefined, settings: undefined },
      },
      notes: [
        "the model's signal at every bar is a walk-forward prediction of the saved model's configuration (a fresh model per fold, trained on earlier bars only), never an in-sample fit",
        'A, B and C share folds, costs and execution; only the signals differ',
      ],
    },
  );
  return save(env, ctx, report, now, [req.symbol]);
}

/** The A/B statistics over live sessions' ledgers as they stand (read from the store, nothing saved). */
export async function compareLiveSessions(req: LiveCompareRequest, env: JobEnv): Promise<AbReport> {
  if (!Array.isArray(req.session_ids) || req.session_ids.length < 2)
    throw new InputError('session_ids', 'choose at least two live sessions to compare');
  const series = [];
  for (const id of req.session_ids) {
    const s = await getLiveSession(env.db, id);
    series.push(
      liveRunSeries({
        session_id: s.id,
        symbol: s.config.symbol,
        model_id: s.config.model_id,
        decisions: await liveDecisions(env.db, id),
      }),
    );
  }
  checkLiveComparable(series);
  const now = clock(env);
  return compareSeries(series, {
    run_id: `live_ab_${timestampId(now)}`,
    created_at: new Date(now).toISOString(),
    app_version: env.appVersion,
    settings: req.settings,
    kind: 'live',
    notes: [
      "live sessions compared on the bars every ledger holds so far (paper fills, the sessions' own costs); recomputed as the ledgers grow, not saved",
    ],
  });
}
