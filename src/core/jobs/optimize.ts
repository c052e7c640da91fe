/**
 * The optimizer job: the walk-forward genetic algorithm over signal weights on one symbol of a
 * loaded dataset, saved as a run of kind 'optimize' (report.json, equity_curve.csv, trades.csv,
 * job.log) under a free id, and returned with the panel's view.
 */
import { previewOptimizeFolds, runOptimizeJob, type OptimizeRequest } from '../optimize/job';
import type { OptimizeView } from '../optimize/report';
import { saveArtifact } from '../store/artifacts';
import { freeRunId } from '../store/runs';
import { throwIfCancelled } from '../util/progress';
import { walkModelSignal } from './ab';
import { describeDataset, type JobEnv } from './env';
import { JOB_LOG_FILE } from './job-log';
import type { JobContext } from './runner';

export interface OptimizeJobRequest extends OptimizeRequest {
  /** the loaded dataset's handle (from data.load*) */
  handle: string;
  /** blend this saved model's walk-forward prediction as one more signal, 'model' ('latest': the newest) */
  model_id?: string;
  /** the model's walk-forward windows (default 365d / 30d, a backtest's) */
  model_train_window?: string | number;
  model_test_window?: string | number;
}

export interface OptimizeJobResult extends OptimizeView {
  job_id: string;
  status: 'completed';
  log: string;
}

export async function runOptimize(
  req: OptimizeJobRequest,
  env: JobEnv,
  ctx: JobContext,
): Promise<OptimizeJobResult> {
  const { handle, model_id, model_train_window, model_test_window, ...request } = req;
  const { log, signal } = ctx;
  const s = env.datasets.get(handle).summary;
  log.info(`optimize signal weights (${request.signal_names.join(', ')}) on ${request.symbol}`);
  log.info(describeDataset(s));
  const model = model_id
    ? await walkModelSignal(env, ctx, {
        handle,
        model_id,
        symbol: request.symbol,
        model_train_window,
        model_test_window,
        fees_bps: request.fees_bps,
        slippage_bps: request.slippage_bps,
        fill: request.fill,
      })
    : undefined;
  const out = await runOptimizeJob({
    request,
    model,
    bars: env.datasets.bars(handle, request.symbol),
    dataset: { id: s.dataset, revision: s.revision, commit: s.commit, hubUrl: s.hubUrl },
    appVersion: env.appVersion,
    // the model's walk-forward took the first 40% of the bar
    onProgress: model ? (p) => ctx.progress({ ...p, fraction: 0.4 + 0.6 * p.fraction }) : ctx.progress,
    signal,
    now: env.now,
  });
  log.step('genetic algorithm finished on every fold');
  throwIfCancelled(signal); // a cancelled run writes nothing
  const id = await freeRunId(env.db, out.view.run_id);
  const report = { ...out.view.report, run_id: id };
  log.info(`saving run ${id}`);
  const logText = log.text();
  const files = {
    ...out.files,
    ...(id === out.view.run_id ? {} : { 'report.json': JSON.stringify(report, null, 2) }),
    [JOB_LOG_FILE]: logText,
  };
  await saveArtifact(env.db, { id, kind: 'optimize', createdAt: out.createdAt, summary: out.summary, files });
  ctx.progress({ stage: 'saved', fraction: 1, message: id });
  return { ...out.view, run_id: id, report, job_id: ctx.jobId, status: 'completed', log: logText };
}

export type OptimizePreviewRequest = Pick<
  OptimizeJobRequest,
  'handle' | 'symbol' | 'signal_names' | 'train_window' | 'test_window' | 'max_folds'
>;

/** How many folds a request would run, before it starts (signals are cheap: ~0.1 s per symbol). */
export function previewOptimize(req: OptimizePreviewRequest, env: JobEnv) {
  return previewOptimizeFolds({ ...req, bars: env.datasets.bars(req.handle, req.symbol) });
}
