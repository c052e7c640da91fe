/**
 * What every job runs against: the worker's loaded datasets, the database, an executor for
 * independent units and the app version. The pipeline worker builds one JobEnv; Node tests
 * build one with fake-indexeddb and `inProcessExecutor()`.
 */
import type { DatasetSession } from '../pipeline/datasets';
import type { CandleLabDb } from '../store/db';
import type { DatasetRef } from '../train/train-job';
import type { DatasetSummary } from '../data/load';
import type { Executor } from './executor';

export interface JobEnv {
  datasets: DatasetSession;
  db: CandleLabDb;
  /** runs independent CPU units (folds, trials) on every core */
  executor: Executor;
  appVersion: string;
  /** starts the TensorFlow.js backend; resolves to the backend's name */
  ensureCompute?: () => Promise<string>;
  /** clock for ids and logs (tests fix it) */
  now?: () => number;
}

/** The dataset reference every artifact and model records, from a loaded dataset's summary. */
export function datasetRefOf(s: DatasetSummary): DatasetRef {
  return {
    id: s.dataset,
    revision: s.revision,
    commit: s.commit,
    hubUrl: s.hubUrl,
    files: s.files.map((f) => ({ path: f.path, size: f.size, etag: f.etag })),
  };
}

/** One line for a job log: which dataset, at which commit. */
export function describeDataset(s: DatasetSummary): string {
  return `dataset ${s.dataset}${s.revision ? ` @ ${s.revision}` : ''}${s.commit ? ` (commit ${s.commit.slice(0, 12)})` : ''}${s.hubUrl ? ` from ${s.hubUrl}` : ''}`;
}
