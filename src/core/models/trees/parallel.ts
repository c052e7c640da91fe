/**
 * rfc across several runners (the browser's forest worker pool): bin once, hand every runner the
 * binned rows, deal out small contiguous tree ranges as runners become free, merge the parts.
 * Tree t depends only on treeSeed(seed, t) and the binned rows, so the model is the one fitRfc
 * gives, bit for bit, whatever the number of runners or the order parts come back in.
 *
 * Runners are an interface so this scheduling is plain code (tested in Node with in-process
 * runners); workers/forest-pool.ts implements them with module workers.
 */
import type { FitReport, Labels } from '../types';
import { CancelledError, InputError, InternalError } from '../../errors';
import { throwIfCancelled, type ProgressFn } from '../../util/progress';
import type { TreeFitResult } from './boosting';
import { binMatrix, type BinnedData } from './binning';
import { forestModelFromParts, type ForestPart } from './forest';
import { checkXy } from './matrix-util';
import {
  countClasses,
  FOREST_DEFAULTS,
  resolveParams,
  type ForestParams,
  type TreeFitOptions,
} from './params';

/** Everything a runner needs to build any range of trees of one forest. */
export interface ForestJob {
  data: BinnedData;
  /** class index per row */
  y: Labels;
  nClasses: number;
  params: ForestParams;
}

/** One member of a pool: holds a job and builds tree ranges of it, one range at a time. */
export interface ForestRunner {
  load(job: ForestJob): void | Promise<void>;
  /** builds trees [from, to) of the loaded job; calls onTree after each tree */
  run(range: [number, number], onTree: () => void): Promise<ForestPart>;
}

export interface FitForestParallelOptions extends TreeFitOptions<ForestParams> {
  runners: ForestRunner[];
  /** trees per range handed out; default: n_estimators / (4 x runners), at least 1 */
  chunkTrees?: number;
}

/** The [from, to) ranges a forest of n trees is dealt out in. */
export function treeRanges(n: number, chunk: number): [number, number][] {
  const size = Math.max(1, Math.floor(chunk));
  const out: [number, number][] = [];
  for (let from = 0; from < n; from += size) out.push([from, Math.min(n, from + size)]);
  return out;
}

export async function fitForestParallel(options: FitForestParallelOptions): Promise<TreeFitResult> {
  const t0 = performance.now();
  const { runners, signal } = options;
  if (runners.length === 0) throw new InternalError('fitForestParallel needs at least one runner');
  checkXy(options.X, options.y);
  const params = resolveParams(FOREST_DEFAULTS, options.params);
  const n = params.n_estimators;
  if (!(n >= 1)) throw new InputError('params.n_estimators', 'n_estimators must be >= 1');
  const nClasses = countClasses(options.y, options.nClasses);
  const data = binMatrix(options.X, { maxBins: params.max_bins, seed: params.seed });
  const job: ForestJob = { data, y: options.y, nClasses, params };
  throwIfCancelled(signal);
  await Promise.all(runners.map((r) => r.load(job)));

  const queue = treeRanges(n, options.chunkTrees ?? n / (4 * runners.length));
  const parts: ForestPart[] = [];
  let done = 0;
  const progress: ProgressFn | undefined = options.onProgress;
  // a cancel seen between trees rejects at once; the caller stops the runners (terminates workers)
  let abort: (err: Error) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => (abort = reject));
  const onTree = () => {
    done++;
    if (signal?.cancelled) abort(new CancelledError());
    progress?.({
      stage: 'training',
      fraction: done / n,
      message: `tree ${done}/${n} (${runners.length} workers)`,
      detail: { trees: done, workers: runners.length },
    });
  };
  // each runner takes the next range when it finishes one; the first failure rejects the fit
  const drain = async (runner: ForestRunner) => {
    for (let range = queue.shift(); range; range = queue.shift()) {
      throwIfCancelled(signal);
      parts.push(await runner.run(range, onTree));
    }
  };
  const all = Promise.all(runners.map(drain));
  all.catch(() => undefined); // a runner failing after an abort must not surface as unhandled
  await Promise.race([all, aborted]);
  throwIfCancelled(signal);

  const model = forestModelFromParts({ data, nClasses, params, parts });
  const report: FitReport = {
    fitSeconds: (performance.now() - t0) / 1000,
    iterations: n,
    backend: `js (${runners.length} workers)`,
  };
  return { model, report };
}
