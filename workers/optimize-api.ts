/**
 * The worker's `optimize` namespace: run the walk-forward genetic-algorithm optimizer of signal
 * weights on one symbol of a loaded dataset, save the run as an artifact (kind 'optimize':
 * report.json, equity_curve.csv, trades.csv) and hand the panel its view. Thin delegates into
 * src/core/optimize and src/core/store.
 */
import { proxy } from 'comlink';
import { runOptimizeJob, previewOptimizeFolds, type OptimizeRequest } from '../src/core/optimize/job';
import type { OptimizeView } from '../src/core/optimize/report';
import { saveArtifact } from '../src/core/store/artifacts';
import { uniqueId } from '../src/core/util/ids';
import { throwIfCancelled, type ProgressFn } from '../src/core/util/progress';
import { datasets } from './data-api';
import { database } from './env/store';
import { withJob } from './jobs';

export interface OptimizeRunRequest extends OptimizeRequest {
  /** the loaded dataset's handle (from data.load*) */
  handle: string;
}

export interface OptimizeRunResult extends OptimizeView {
  job_id: string;
  status: 'completed';
}

export const optimizeApi = proxy({
  run: (req: OptimizeRunRequest, onProgress: ProgressFn, jobId: string) =>
    withJob(jobId, async (signal, track): Promise<OptimizeRunResult> => {
      const { handle, ...request } = req;
      const entry = datasets.get(handle);
      const bars = datasets.bars(handle, request.symbol);
      const progress: ProgressFn = (p) => {
        track(p);
        onProgress(p);
      };
      const s = entry.summary;
      const out = await runOptimizeJob({
        request,
        bars,
        dataset: { id: s.dataset, revision: s.revision, commit: s.commit, hubUrl: s.hubUrl },
        appVersion: __APP_VERSION__,
        onProgress: progress,
        signal,
      });
      throwIfCancelled(signal); // a cancelled run writes nothing
      const db = database();
      const taken = new Set((await db.artifacts.toCollection().primaryKeys()) as string[]);
      const id = uniqueId(out.view.run_id, (x) => taken.has(x));
      const report = { ...out.view.report, run_id: id };
      const files =
        id === out.view.run_id ? out.files : { ...out.files, 'report.json': JSON.stringify(report, null, 2) };
      await saveArtifact(db, { id, kind: 'optimize', createdAt: out.createdAt, summary: out.summary, files });
      progress({ stage: 'saved', fraction: 1, message: id });
      return { ...out.view, run_id: id, report, job_id: jobId, status: 'completed' };
    }),

  /** Folds the request would run, before starting (signals are cheap: ~0.1 s per symbol). */
  preview: (
    req: Pick<
      OptimizeRunRequest,
      'handle' | 'symbol' | 'signal_names' | 'train_window' | 'test_window' | 'max_folds'
    >,
  ) => previewOptimizeFolds({ ...req, bars: datasets.bars(req.handle, req.symbol) }),
});
