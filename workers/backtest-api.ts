/**
 * The worker's `backtest` and `artifacts` namespaces (the seed's backtest.run and
 * artifacts.list): resolve the model configuration from a saved model, plan and run the
 * walk-forward backtest, save the artifacts (and updated models) in one go, and rebuild
 * a run's result view from its files.
 */
import { proxy } from 'comlink';
import { backtestView } from '../src/core/pipeline/backtest-view';
import { modelConfigFromMetrics } from '../src/core/pipeline/model-config';
import { getModelRecord, saveModel } from '../src/core/store/models';
import { guardStorage } from '../src/core/store/quota';
import { throwIfCancelled, type ProgressFn } from '../src/core/util/progress';
import { MODEL_INFO } from '../src/core/models/catalog';
import { assembleBacktest, buildArtifacts, planWalkForward, runWalkForward } from '../src/core/walkforward';
import type { WalkForwardRequest, WalkForwardResult } from '../src/core/walkforward/types';
import { datasets } from './data-api';
import { ensureCompute } from './env/compute';
import { database } from './env/store';
import { withJob } from './jobs';
import { poolSize, runFoldsInPool } from './fold-pool';
import type { Bars } from '../src/core/data/bars';
import type { DatasetRef } from '../src/core/train/train-job';
import type { CancelSignal } from '../src/core/util/progress';

/** What the Backtest panel sends: the seed's fields, a model id (or 'latest') and the dataset handle. */
export interface BacktestRunRequest extends Omit<WalkForwardRequest, 'model' | 'symbols'> {
  handle: string;
  model_id: string;
  symbols: string[];
}

async function resolve(req: BacktestRunRequest) {
  const { handle, model_id, ...rest } = req;
  const entry = datasets.get(handle);
  const record = await getModelRecord(database(), model_id);
  const model = modelConfigFromMetrics(record.id, record.metrics);
  const bars = req.symbols.map((s) => datasets.bars(handle, s));
  const request: WalkForwardRequest = {
    ...rest,
    model,
    dataset: entry.summary.dataset,
    timeframe: entry.summary.timeframe,
  };
  const s = entry.summary;
  const dataset = {
    id: s.dataset,
    revision: s.revision,
    commit: s.commit,
    hubUrl: s.hubUrl,
    files: s.files.map((f) => ({ path: f.path, size: f.size, etag: f.etag })),
  };
  return { request, bars, dataset, handle };
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
  };
}

async function saveRun(r: WalkForwardResult, files: Record<string, string>, signal: { cancelled: boolean }) {
  throwIfCancelled(signal); // a cancelled run writes nothing
  const db = database();
  await guardStorage('saving the backtest run', () =>
    db.transaction('rw', db.artifacts, db.models, async () => {
      await db.artifacts.put({
        id: r.run_id,
        kind: 'backtest',
        createdAt: Date.parse(r.created_at),
        summary: summaryOf(r),
        files,
        modelId: r.request.model.model_id ?? undefined,
      });
      for (const u of r.updated_models) {
        await saveModel(db, {
          id: u.model_id,
          serialized: u.serialized,
          metrics: u.metrics,
          createdAt: Date.parse(r.created_at),
          dataset: r.dataset?.id ?? '',
          symbols: u.symbol ? [u.symbol] : r.request.symbols,
          parentId: u.parent_id ?? undefined,
        });
      }
    }),
  );
}

/**
 * Tree and SGD models: folds (online updates included) are independent CPU work on typed
 * arrays, so they run across a worker pool (both cores here). Neural models stay on the
 * pipeline worker, where the WebGPU backend lives.
 */
async function runFoldsOnPool(
  request: WalkForwardRequest,
  bars: Bars[],
  dataset: DatasetRef,
  progress: ProgressFn,
  signal: CancelSignal,
): Promise<WalkForwardResult> {
  const t0 = performance.now();
  progress({ stage: 'plan', fraction: 0, message: 'features, labels and the fold plan' });
  const plan = planWalkForward(request, bars);
  const t1 = performance.now();
  const total = plan.tasks.length;
  progress({
    stage: 'plan',
    fraction: 0.05,
    message: `${plan.summary.fold_count} fold(s), ${total} model fit(s) on ${poolSize(total)} workers`,
  });
  const folds = await runFoldsInPool(plan, {
    signal,
    onDone: (r, done) =>
      progress({
        stage: 'fold',
        fraction: 0.05 + (0.9 * done) / total,
        message: `fold ${r.fold + 1}/${plan.summary.fold_count} ${r.symbols.join(', ')} done (${done}/${total})`,
        detail: {
          done,
          total,
          fold: r.fold,
          ...(r.model_metrics.auc != null ? { auc: r.model_metrics.auc } : {}),
        },
      }),
  });
  throwIfCancelled(signal);
  const t2 = performance.now();
  progress({ stage: 'assemble', fraction: 0.95, message: 'signals, simulation and metrics' });
  return assembleBacktest({
    plan,
    folds,
    dataset,
    appVersion: __APP_VERSION__,
    timings: { plan_s: (t1 - t0) / 1000, folds_s: (t2 - t1) / 1000 },
  });
}

export const backtestApi = proxy({
  plan: async (req: BacktestRunRequest) => {
    const { request, bars } = await resolve(req);
    return planWalkForward(request, bars).summary;
  },

  run: (req: BacktestRunRequest, onProgress: ProgressFn, jobId: string) =>
    withJob(jobId, async (signal, track) => {
      const { request, bars, dataset, handle } = await resolve(req);
      await ensureCompute();
      const progress: ProgressFn = (p) => {
        track(p);
        onProgress(p);
      };
      const result =
        MODEL_INFO[request.model.kind].family !== 'neural'
          ? await runFoldsOnPool(request, bars, dataset, progress, signal)
          : await runWalkForward({
              request,
              bars,
              dataset,
              appVersion: __APP_VERSION__,
              onProgress: progress,
              signal,
            });
      const files = buildArtifacts(result) as unknown as Record<string, string>;
      await saveRun(result, files, signal);
      const view = backtestView({ runId: result.run_id, files, barsOf: (s) => datasets.tryBars(handle, s) });
      return { job_id: jobId, run_id: result.run_id, results: result.results, view };
    }),
});

export const artifactsApi = proxy({
  list: async () => {
    const rows = await database().artifacts.orderBy('createdAt').reverse().toArray();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      createdAt: r.createdAt,
      summary: r.summary,
      modelId: r.modelId ?? null,
      files: Object.keys(r.files),
    }));
  },
  /** A stored run's result view; prices come from a loaded dataset that has its symbols. */
  open: async (runId: string, handle?: string) => {
    const r = await database().artifacts.get(runId);
    if (!r) throw new Error(`No run with id ${runId}.`);
    return backtestView({
      runId,
      files: r.files,
      barsOf: (s) => (handle ? datasets.tryBars(handle, s) : undefined),
    });
  },
  remove: (runId: string) => database().artifacts.delete(runId),
  /** Several runs' equity curves and results, for the side-by-side comparison. */
  compare: async (runIds: string[]) => {
    const db = database();
    return Promise.all(
      runIds.map(async (id) => {
        const r = await db.artifacts.get(id);
        if (!r) throw new Error(`No run with id ${id}.`);
        const v = backtestView({ runId: id, files: r.files });
        return { run_id: id, report: v.report, time: v.equity.time, equity: v.equity.equity };
      }),
    );
  },
});
